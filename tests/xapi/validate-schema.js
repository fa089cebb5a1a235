#!/usr/bin/env node
// Validates JSON documents against a JSON Schema (draft 2020-12) with ajv and ajv-formats.
// Exits 1 and prints each error's instance path when a document does not conform.
'use strict';
const fs = require('fs');
const Ajv2020 = require('ajv/dist/2020').default;
const addFormats = require('ajv-formats').default;

const [schemaFile, ...dataFiles] = process.argv.slice(2);
if (!schemaFile || dataFiles.length === 0) {
  console.error('usage: validate-schema.js <schema.json> <document.json>...');
  process.exit(2);
}
const read = (f) => {
  try {
    return JSON.parse(fs.readFileSync(f, 'utf8'));
  } catch (e) {
    console.error(`${f}: ${e.message}`);
    process.exit(2);
  }
};
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const check = ajv.compile(read(schemaFile));
let failed = 0;
for (const dataFile of dataFiles) {
  if (check(read(dataFile))) {
    console.log(`${dataFile}: valid against ${schemaFile}`);
    continue;
  }
  failed++;
  for (const e of check.errors) console.error(`${dataFile}: ${e.instancePath || '/'}: ${e.message}`);
}
process.exit(failed > 0 ? 1 : 0);
