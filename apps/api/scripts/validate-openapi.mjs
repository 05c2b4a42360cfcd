#!/usr/bin/env node
// Validates an OpenAPI document against the OpenAPI 3.1 JSON schemas and checks that every $ref resolves.
// A script of its own because the validator is an ES module, which the API's jest (CommonJS) cannot load.
// Usage: node apps/api/scripts/validate-openapi.mjs <document.json>
import { readFileSync } from 'node:fs';
import { Validator } from '@seriousme/openapi-schema-validator';

const file = process.argv[2];
if (!file) {
  console.error('Usage: validate-openapi.mjs <document.json>');
  process.exit(2);
}
const document = JSON.parse(readFileSync(file, 'utf8'));
const validator = new Validator();
const result = await validator.validate(document);
if (!result.valid) {
  console.error(JSON.stringify(result.errors, null, 2));
  process.exit(1);
}
if (validator.version !== '3.1') {
  console.error(`Expected an OpenAPI 3.1 document, found ${validator.version}`);
  process.exit(1);
}
try {
  validator.resolveRefs();
} catch (error) {
  console.error(`A $ref does not resolve: ${error.message}`);
  process.exit(1);
}
console.log(`valid OpenAPI ${validator.version}: ${Object.keys(document.paths ?? {}).length} paths`);
