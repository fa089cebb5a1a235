#!/usr/bin/env node
// Validates scene.json files against docs/schema/scene.schema.json (which takes the
// "scenario" member from scenario.schema.json), using the ajv that tests/xapi installs.
// Exits 0 when all conform, 1 when one does not (each error with its JSON pointer), 2 on bad use.
'use strict';
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');

const xapi = createRequire(path.join(__dirname, '..', 'xapi', 'package.json'));
const Ajv2020 = xapi('ajv/dist/2020').default;
const schemaDir = path.join(__dirname, '..', '..', 'docs', 'schema');

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: validate-scenes.js <scene.json>...');
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
const scene = read(path.join(schemaDir, 'scene.schema.json'));
const scenario = read(path.join(schemaDir, 'scenario.schema.json'));
// scene.schema.json refers to "scenario.schema.json" relative to its own $id; register the
// scenario schema under that address so the reference resolves wherever the files live.
scenario.$id = new URL('scenario.schema.json', scene.$id).href;
// strictTypes is off: scenario.schema.json puts minItems beside a $ref that supplies the type.
const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
ajv.addSchema(scenario);
const check = ajv.compile(scene);
let failed = 0;
for (const f of files) {
  if (check(read(f))) {
    console.log(`${f}: valid against docs/schema/scene.schema.json`);
    continue;
  }
  failed++;
  for (const e of check.errors)
    console.error(`${f}: ${e.instancePath || '/'}: ${e.message}${e.params && e.params.additionalProperty ? ` ("${e.params.additionalProperty}")` : ''}`);
}
process.exit(failed > 0 ? 1 : 0);
