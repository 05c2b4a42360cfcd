#!/usr/bin/env node
// `npm run openapi`: builds, then writes the OpenAPI document of the route contracts to docs/openapi.json
// (committed, so every route change shows in review; a unit test fails when it is out of date).
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { buildAll, install, log, root } from './lib.mjs';

await install();
await buildAll();
const require = createRequire(import.meta.url);
const { buildOpenApiDocument } = require(join(root, 'apps/api/dist/openapi/openapi-document.js'));
const file = join(root, 'docs/openapi.json');
writeFileSync(file, `${JSON.stringify(buildOpenApiDocument(), null, 2)}\n`);
log(`Wrote ${file}`);
