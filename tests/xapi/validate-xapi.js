#!/usr/bin/env node
// Checks a file holding a JSON array of xAPI statements with LearningLocker's xapi-validation
// (the xAPI 1.0.3 statement rules). Prints every warning with the statement's index and path;
// exits 1 on any warning, 2 when the file cannot be read.
'use strict';
const fs = require('fs');
const validate = require('xapi-validation').default;

const file = process.argv[2];
if (!file) {
  console.error('usage: validate-xapi.js <statements.json>');
  process.exit(2);
}
let statements;
try {
  statements = JSON.parse(fs.readFileSync(file, 'utf8'));
} catch (e) {
  console.error(`${file}: ${e.message}`);
  process.exit(2);
}
if (!Array.isArray(statements) || statements.length === 0) {
  console.error(`${file}: expected a non-empty JSON array of statements`);
  process.exit(1);
}
let bad = 0;
statements.forEach((s, i) => {
  const warnings = validate(s);
  for (const w of warnings) {
    bad++;
    const path = (w.path || []).join('.');
    console.error(`${file}: statement ${i}: ${path}: ${w.message || w.constructor.name}`);
  }
});
if (bad > 0) {
  console.error(`${file}: ${bad} problem(s) in ${statements.length} statements`);
  process.exit(1);
}
console.log(`${file}: ${statements.length} statements valid (xAPI 1.0.3)`);
