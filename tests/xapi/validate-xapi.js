#!/usr/bin/env node
// Checks a file holding a JSON array of xAPI statements with LearningLocker's xapi-validation
// (the xAPI 1.0.3 statement rules) and the interaction rules it leaves out. Prints every
// warning with the statement's index and path; exits 1 on any warning, 2 when the file cannot
// be read.
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
// xAPI 1.0.3 (Interaction Activities) requires interactionType on every activity of type
// cmi.interaction; xapi-validation only asks for it when correctResponsesPattern is present.
// A choice interaction must also list its choices, each with a distinct id.
const CMI = 'http://adlnet.gov/expapi/activities/cmi.interaction';
function* activities(s) {
  if (s.object && (s.object.objectType === undefined || s.object.objectType === 'Activity'))
    yield ['object', s.object];
  const ctx = (s.context && s.context.contextActivities) || {};
  for (const kind of ['parent', 'grouping', 'category', 'other'])
    for (const [j, a] of (ctx[kind] || []).entries()) yield [`context.contextActivities.${kind}.${j}`, a];
}
function interactionProblems(s) {
  const problems = [];
  for (const [path, a] of activities(s)) {
    const d = a.definition;
    if (!d || d.type !== CMI) continue;
    if (typeof d.interactionType !== 'string') {
      problems.push([`${path}.definition.interactionType`, 'missing on a cmi.interaction activity']);
    } else if (['choice', 'sequencing'].includes(d.interactionType)) {
      const ids = (d.choices || []).map((c) => c.id);
      if (ids.length === 0) problems.push([`${path}.definition.choices`, `missing on a ${d.interactionType} interaction`]);
      if (new Set(ids).size !== ids.length) problems.push([`${path}.definition.choices`, 'ids are not distinct']);
    }
  }
  return problems;
}

let bad = 0;
statements.forEach((s, i) => {
  const warnings = validate(s);
  for (const w of warnings) {
    bad++;
    const path = (w.path || []).join('.');
    console.error(`${file}: statement ${i}: ${path}: ${w.message || w.constructor.name}`);
  }
  for (const [path, message] of interactionProblems(s)) {
    bad++;
    console.error(`${file}: statement ${i}: ${path}: ${message}`);
  }
});
if (bad > 0) {
  console.error(`${file}: ${bad} problem(s) in ${statements.length} statements`);
  process.exit(1);
}
console.log(`${file}: ${statements.length} statements valid (xAPI 1.0.3)`);
