'use strict';
// Completion and diagnostic ranges against the real generated schemas in schemas/.
// Run: node --test tools/vscode-guide/test/

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const fm = require('../frontmatter');

const REPO = path.resolve(__dirname, '..', '..', '..');
const EXERCISE = fm.loadSchema(REPO, 'exercise');
const ARTICLE = fm.loadSchema(REPO, 'article');
const MUSCLES = EXERCISE.properties.muscles.properties.primary.items.enum;
const EQUIPMENT = EXERCISE.properties.equipment.items.enum;

/** Completion labels, in the order VS Code shows them, at the `|` in `doc`. */
function at(doc, schema = EXERCISE) {
  const lines = doc.split('\n');
  const line = lines.findIndex((l) => l.includes('|'));
  assert.notEqual(line, -1, 'the test document needs a | cursor');
  const character = lines[line].indexOf('|');
  const text = doc.replace('|', '');
  return fm.completions(text, line, character, schema).sort((a, b) => a.sortText.localeCompare(b.sortText));
}

const labels = (items) => items.map((i) => i.label);

const CARD = `---
title: Goblet squat
summary: A squat.
|
---
Body.
`;

test('the schemas are the generated ones, with the taxonomy baked in', () => {
  assert.ok(EXERCISE && ARTICLE);
  assert.equal(MUSCLES.length, 25);
  assert.ok(MUSCLES.includes('glute-med'));
});

test('schema kind comes from the path', () => {
  assert.equal(fm.schemaKind('content/exercises/goblet-squat.md'), 'exercise');
  assert.equal(fm.schemaKind('content\\articles\\legs-first.md'), 'article');
  assert.equal(fm.schemaKind('content/exercises/notes.txt'), null);
  assert.equal(fm.schemaKind('content/exercises/sub/x.md'), null);
  assert.equal(fm.schemaKind('content/plans/x.md'), null);
  assert.equal(fm.schemaKind('docs/writing.md'), null);
  assert.equal(fm.schemaKind('content/constructor/x.md'), null);
});

test('front matter is the block between the first line --- and the next ---', () => {
  assert.deepEqual(fm.frontMatter(['---', 'title: x', '---', 'body']), { start: 0, end: 2, closed: true });
  assert.deepEqual(fm.frontMatter(['---', 'title: x']), { start: 0, end: 2, closed: false });
  assert.equal(fm.frontMatter(['title: x', '---']), null);
  assert.equal(fm.frontMatter(['', '---']), null);
});

test('top-level keys: the missing ones, required first in schema order, with descriptions', () => {
  const items = at(CARD);
  assert.deepEqual(labels(items), [
    'category', 'pattern', 'muscles', 'equipment', 'level', 'laterality', 'cues', 'dose',
    'figure', 'mistakes', 'progressions', 'regressions', 'tags', 'stage', 'draft',
  ]);
  const level = items.find((i) => i.label === 'level');
  assert.equal(level.required, true);
  assert.equal(level.kind, 'property');
  assert.equal(level.documentation, "Who the exercise suits.");
  assert.equal(level.detail, 'required · one of: beginner, intermediate, advanced');
  assert.equal(items.find((i) => i.label === 'tags').required, false);
  assert.deepEqual(level.range, { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } });
});

test('a partly typed key is replaced as a whole word', () => {
  const items = at(CARD.replace('|', 'lev|el'));
  const level = items.find((i) => i.label === 'level');
  assert.deepEqual(level.range, { start: { line: 3, character: 0 }, end: { line: 3, character: 5 } });
  assert.equal(level.insertText, 'level: ');
  assert.equal(level.retrigger, true);
  const renaming = at(CARD.replace('|', 'lev|el: beginner'));
  assert.equal(renaming.find((i) => i.label === 'laterality').insertText, 'laterality');
});

test('how keys are inserted depends on their type', () => {
  const byLabel = Object.fromEntries(at(CARD).map((i) => [i.label, i]));
  assert.deepEqual([byLabel.muscles.insertText, byLabel.muscles.snippet], ['muscles:\n  $0', true]);
  assert.deepEqual([byLabel.equipment.insertText, byLabel.equipment.retrigger], ['equipment: [$0]', true]);
  assert.deepEqual([byLabel.cues.insertText, byLabel.cues.retrigger], ['cues:\n  - $0', false]);
  assert.deepEqual([byLabel.category.insertText, byLabel.category.snippet], ['category: ', false]);
});

test('keys already present anywhere at the level are not offered again', () => {
  const doc = `---
title: Goblet squat
level: beginner
|
tags: [knee]
muscles:
  primary: [quadriceps]
---
`;
  const offered = labels(at(doc));
  for (const present of ['title', 'level', 'tags', 'muscles']) assert.ok(!offered.includes(present), present);
  assert.ok(!offered.includes('primary'), 'nested keys stay at their level');
  assert.equal(offered.length, 17 - 4); // every card field but the four present
});

test('nested keys under muscles:, dose: and series:', () => {
  const muscles = `---
title: x
muscles:
  primary: [quadriceps]
  |
level: beginner
---
`;
  assert.deepEqual(labels(at(muscles)), ['secondary']);
  assert.equal(at(muscles)[0].documentation, 'Assisting muscles.');
  const dose = `---
dose:
  strength: 4 x 6
  |
---
`;
  assert.deepEqual(labels(at(dose)), ['hypertrophy', 'power', 'maintenance']);
  const series = `---
title: Legs first
series:
  |
---
`;
  const items = at(series, ARTICLE);
  assert.deepEqual(labels(items), ['name', 'order']);
  assert.deepEqual(items.map((i) => i.required), [true, true]);
});

test('nothing at a key position under a scalar or a list of text', () => {
  assert.deepEqual(at('---\ntitle: x\n  |\n---\n'), []);
  assert.deepEqual(at('---\ncues:\n  - Stand tall.\n  |\n---\n'), []);
});

test('enum values for level, with or without the space after the colon', () => {
  const items = at(CARD.replace('|', 'level: |'));
  assert.deepEqual(labels(items), ['beginner', 'intermediate', 'advanced']);
  assert.equal(items[0].kind, 'value');
  assert.equal(items[0].insertText, 'beginner');
  assert.equal(items[0].detail, 'Who the exercise suits.');
  const typed = at(CARD.replace('|', 'level: int|'));
  assert.deepEqual(typed[1].range, { start: { line: 3, character: 7 }, end: { line: 3, character: 10 } });
  assert.equal(at(CARD.replace('|', 'level:|'))[0].insertText, ' beginner');
  assert.deepEqual(labels(at('---\ndraft: |\n---\n', ARTICLE)), ['true', 'false']);
});

test('no values for free text or patterns', () => {
  assert.deepEqual(at(CARD.replace('|', 'level: beginner and |')), []);
  assert.deepEqual(at('---\ntitle: Gob|\n---\n'), []);
  assert.deepEqual(at('---\ndate: 2026|\n---\n', ARTICLE), []);
});

test('muscle ids for a list item under muscles.primary, minus the ones listed', () => {
  const doc = `---
title: x
muscles:
  primary:
    - quadriceps
    - |
    - glute-max
  secondary:
    - adductors
---
`;
  const items = at(doc);
  assert.deepEqual(labels(items), MUSCLES.filter((m) => m !== 'quadriceps' && m !== 'glute-max'));
  assert.equal(items.length, 23);
  assert.ok(labels(items).includes('adductors'), 'secondary is another list');
  assert.equal(items[0].detail, 'A muscle id from muscles.yaml.');
});

test('list items written at the key indentation (compact YAML) and equipment', () => {
  const doc = `---
equipment:
- dumbbell
- |
level: beginner
---
`;
  assert.deepEqual(labels(at(doc)), EQUIPMENT.filter((e) => e !== 'dumbbell'));
  assert.deepEqual(at('---\ncues:\n  - |\n---\n'), []);
});

test('flow lists: values not yet in the brackets', () => {
  const doc = `---
muscles:
  primary: [quadriceps, |]
---
`;
  assert.deepEqual(labels(at(doc)), MUSCLES.filter((m) => m !== 'quadriceps'));
  const equipment = at('---\nequipment: [dumbbell, "bench", ke|]\n---\n');
  assert.deepEqual(labels(equipment), EQUIPMENT.filter((e) => e !== 'dumbbell' && e !== 'bench'));
  assert.deepEqual(equipment[0].range, { start: { line: 1, character: 31 }, end: { line: 1, character: 33 } });
  const between = at('---\nmuscles:\n  primary: [quadriceps,| glute-max]\n---\n');
  assert.deepEqual(labels(between), MUSCLES.filter((m) => m !== 'quadriceps' && m !== 'glute-max'));
  const inside = at('---\nmuscles:\n  primary: [quadriceps, glute-m|ax]\n---\n');
  assert.ok(labels(inside).includes('glute-max'), 'the value under the cursor is being replaced');
  assert.deepEqual(inside[0].range, { start: { line: 2, character: 24 }, end: { line: 2, character: 33 } });
  assert.deepEqual(at('---\nequipment: [dumbbell]|\n---\n'), []);
  assert.deepEqual(at('---\ncues: [Stand |tall]\n---\n'), []);
});

test('flow mappings: missing keys, then their values', () => {
  assert.deepEqual(labels(at('---\nseries: {name: Basics, |}\n---\n', ARTICLE)), ['order']);
  const muscles = at('---\nmuscles: {|}\n---\n');
  assert.deepEqual(labels(muscles), ['primary', 'secondary']);
  assert.equal(muscles[0].insertText, 'primary: ');
});

test('no completion outside the front matter', () => {
  assert.deepEqual(at('---\ntitle: x\n---\n|\n'), [], 'body');
  assert.deepEqual(at('---\ntitle: x\n---\nlevel: |\n'), [], 'key-like line in the body');
  assert.deepEqual(at('|---\ntitle: x\n---\n'), [], 'opening fence');
  assert.deepEqual(at('---\ntitle: x\n|---\n'), [], 'closing fence');
  assert.deepEqual(at('Some text\nlevel: |\n'), [], 'no front matter');
  assert.deepEqual(at('---\ntitle: x\n|\n---\n', null), [], 'no schema');
});

test('an unclosed front matter (a file being started) still completes', () => {
  assert.deepEqual(labels(at('---\ntitle: x\nlevel: |')), ['beginner', 'intermediate', 'advanced']);
});

test('a real card: every field present, so only stage and draft are left to offer at the top level', () => {
  const text = fs.readFileSync(path.join(REPO, 'content/exercises/goblet-squat.md'), 'utf8');
  const lines = text.split('\n');
  const close = lines.indexOf('---', 1);
  lines.splice(close, 0, '');
  assert.deepEqual(labels(fm.completions(lines.join('\n'), close, 0, EXERCISE)), ['stage', 'draft']);
  const crlf = lines.join('\r\n').replace('level: beginner', 'level: ');
  const level = lines.findIndex((l) => l.startsWith('level:'));
  assert.deepEqual(labels(fm.completions(crlf, level, 7, EXERCISE)), ['beginner', 'intermediate', 'advanced']);
});

const LEGS = `---
title: Legs first
summary: Why a runner's strength work starts with the legs.
date: 2026-01-15
muscles:
  primary: [quadriceps]
  secondary: [adductor]

Strong legs absorb landings. Start with the [[exercise:goblet-sqat]].
level: [beginner
💪 x: [bad]
`;

test('diagnostics: 1-based line:column to 0-based ranges over the word, reference or line', () => {
  const report = JSON.stringify([
    { path: 'content/x.md', line: 7, column: 15, severity: 'error', message: "muscles.secondary[0]: unknown value 'adductor'", hint: "did you mean 'adductors'?", rule: '' },
    { path: 'content/x.md', line: 9, column: 45, severity: 'error', message: 'broken cross-reference [[exercise:goblet-sqat]]', hint: '', rule: '' },
    { path: 'content/x.md', line: 10, column: 8, severity: 'error', message: 'invalid YAML', hint: '', rule: '' },
    { path: 'content/x.md', line: 2, column: 8, severity: 'warning', message: 'title is also used', hint: '', rule: 'duplicate-title' },
    { path: 'content/x.md', line: 1, column: 1, severity: 'error', message: 'duplicate slug', hint: '', rule: '' },
    { path: 'content/x.md', line: 8, column: 1, severity: 'warning', message: 'empty line', hint: '', rule: '' },
    { path: 'content/x.md', line: 11, column: 3, severity: 'error', message: 'after an emoji', hint: '', rule: '' },
    { path: 'content/other.md', line: 1, column: 1, severity: 'error', message: 'not this file', hint: '', rule: '' },
  ]);
  const found = fm.toDiagnostics(report, LEGS, 'content/x.md');
  const r = (line, start, end) => ({ start: { line, character: start }, end: { line, character: end } });
  assert.deepEqual(found.map((d) => d.range), [
    r(6, 14, 22), // adductor
    r(8, 44, 68), // [[exercise:goblet-sqat]]
    r(9, 7, 16), // [beginner, to the end of the line
    r(1, 7, 11), // Legs (the word)
    r(0, 0, 3), // ---
    r(7, 0, 0), // empty line: zero width
    r(10, 3, 4), // x: column 3 counts the emoji as one character, VS Code as two units
  ]);
  assert.deepEqual(found.map((d) => d.severity), ['error', 'error', 'error', 'warning', 'error', 'warning', 'error']);
  assert.equal(found[0].message, "muscles.secondary[0]: unknown value 'adductor'\nhint: did you mean 'adductors'?");
  assert.equal(found[1].message, 'broken cross-reference [[exercise:goblet-sqat]]');
  assert.equal(found[3].code, 'duplicate-title');
  assert.equal(found[0].source, 'guide');
});

test('diagnostics: lines and columns out of range are clamped, bad output throws', () => {
  const report = [{ path: 'a.md', line: 99, column: 99, severity: 'error', message: 'm', hint: '', rule: '' }];
  assert.deepEqual(fm.toDiagnostics(report, 'one\ntwo', 'a.md')[0].range, {
    start: { line: 1, character: 3 },
    end: { line: 1, character: 3 },
  });
  assert.deepEqual(fm.toDiagnostics('[]', 'x', 'a.md'), []);
  assert.throws(() => fm.toDiagnostics('{"not": "a list"}', 'x', 'a.md'), TypeError);
  assert.throws(() => fm.toDiagnostics('Traceback', 'x', 'a.md'), SyntaxError);
});

test('the check command: ${workspaceFolder} expanded, relative paths from the folder', () => {
  assert.deepEqual(fm.checkCommand(undefined, '/p', 'content/exercises/x.md'), {
    command: '/p/.venv/bin/guide',
    args: ['check', '--root', '/p', '--stdin', 'content/exercises/x.md', '--format', 'json', '--drafts'],
  });
  assert.equal(fm.checkCommand('.venv/bin/guide', '/p', 'x').command, '/p/.venv/bin/guide');
  assert.equal(fm.checkCommand('guide', '/p', 'x').command, 'guide');
  assert.equal(fm.checkCommand('/usr/bin/guide', '/p', 'x', { drafts: false }).args.includes('--drafts'), false);
});
