#!/usr/bin/env node
// `npm run build`: installs and builds every package whose sources changed.
import { buildAll, install } from './lib.mjs';

await install();
await buildAll();
