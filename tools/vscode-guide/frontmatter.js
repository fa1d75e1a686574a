'use strict';
/**
 * Front matter completion and diagnostic ranges for the guide's Markdown files.
 *
 * Pure: no `vscode` import, so every rule here is unit tested with Node's own
 * test runner (test/*.test.js). extension.js only turns these plain objects
 * into VS Code's classes.
 *
 * One source of truth: field names, descriptions, required fields and allowed
 * values all come from the generated schemas/*.schema.json (written by
 * `guide schemas` from generator/content/schema.py); nothing is listed here.
 *
 * Positions are 0-based { line, character } in UTF-16 code units, as in VS Code.
 */

const fs = require('fs');
const path = require('path');

/** content/<folder>/<slug>.md -> the schema that validates its front matter. */
const KINDS = Object.freeze({ exercises: 'exercise', articles: 'article' });

const OPEN = /^\uFEFF?---[ \t]*$/;
const CLOSE = /^(---|\.\.\.)[ \t]*$/; // as generator/content/sources.py
const KEY_LINE = /^( *)([A-Za-z0-9_][\w-]*)[ \t]*:(?:[ \t]+(.*))?$/;
const DASH_LINE = /^( *)-(?:[ \t]+(.*))?$/;
const BLANK = /^\s*(#.*)?$/;
const WORD_BEFORE = /[\w-]*$/;
const WORD_AFTER = /^[\w-]*/;

/** 'exercise', 'article' or null for a project-relative path (either slash). */
function schemaKind(relPath) {
  const parts = String(relPath).split(/[\\/]/);
  if (parts.length !== 3 || parts[0] !== 'content' || !/\.md$/.test(parts[2])) return null;
  return Object.prototype.hasOwnProperty.call(KINDS, parts[1]) ? KINDS[parts[1]] : null;
}

const schemaCache = new Map();

/**
 * The generated schema for `kind` in the project at `root`, or null when missing
 * or unreadable. Re-read only when the file changes (after `make schemas`).
 */
function loadSchema(root, kind) {
  const file = path.join(root, 'schemas', `${kind}.schema.json`);
  try {
    const { mtimeMs, size } = fs.statSync(file);
    const cached = schemaCache.get(file);
    if (cached && cached.mtimeMs === mtimeMs && cached.size === size) return cached.schema;
    const schema = JSON.parse(fs.readFileSync(file, 'utf8'));
    schemaCache.set(file, { mtimeMs, size, schema });
    return schema;
  } catch {
    return null;
  }
}

function splitLines(text) {
  return String(text).split(/\r\n|\r|\n/);
}

/**
 * The front matter block as line indexes: `start` is the opening `---`, `end`
 * the closing line (or the line count while it is not yet closed, so a file
 * being started still gets completion). Null when line 0 is not `---`.
 */
function frontMatter(lines) {
  if (!lines.length || !OPEN.test(lines[0])) return null;
  for (let i = 1; i < lines.length; i++) {
    if (CLOSE.test(lines[i])) return { start: 0, end: i, closed: true };
  }
  return { start: 0, end: lines.length, closed: false };
}

function indentOf(line) {
  return /^ */.exec(line)[0].length;
}

function isEmptyValue(value) {
  return value === undefined || value === '' || value.startsWith('#');
}

const ROOT = Object.freeze({ line: 0, key: null, indent: -1 });

/**
 * The block-mapping key that owns content indented by `indent` on line `index`:
 * the nearest line above that is less indented. ROOT at the top level; null
 * when the structure is not a plain nested mapping (e.g. under a list item).
 */
function ownerOf(lines, block, index, indent) {
  for (let i = index - 1; i > block.start; i--) {
    const line = lines[i];
    if (BLANK.test(line)) continue;
    const lineIndent = indentOf(line);
    if (lineIndent >= indent) continue;
    const key = KEY_LINE.exec(line);
    if (key && isEmptyValue(key[3])) return { line: i, key: key[2], indent: lineIndent };
    return null;
  }
  return indent === 0 ? ROOT : null;
}

/** The keys from the top of the front matter down to the mapping holding line `index`. */
function pathTo(lines, block, index, indent) {
  const keys = [];
  let owner = ownerOf(lines, block, index, indent);
  while (owner && owner.key !== null) {
    keys.unshift(owner.key);
    owner = ownerOf(lines, block, owner.line, owner.indent);
  }
  return owner ? keys : null;
}

/** The schema node at a path of property names, or null. */
function nodeAt(schema, keys) {
  let node = schema;
  for (const key of keys) {
    const properties = node && node.type === 'object' ? node.properties : null;
    if (!properties || !Object.prototype.hasOwnProperty.call(properties, key)) return null;
    node = properties[key];
  }
  return node || null;
}

/** Keys already written at `indent` inside the block owned by `owner` (except on line `skip`). */
function presentKeys(lines, block, owner, indent, skip) {
  const keys = new Set();
  for (let i = owner.line + 1; i < block.end; i++) {
    const line = lines[i];
    if (BLANK.test(line)) continue;
    const lineIndent = indentOf(line);
    if (lineIndent <= owner.indent) break;
    const key = lineIndent === indent && i !== skip ? KEY_LINE.exec(line) : null;
    if (key) keys.add(key[2]);
  }
  return keys;
}

/** A YAML plain or quoted scalar as text: quotes and a trailing comment removed. */
function scalar(text) {
  const value = String(text).replace(/\s+#.*$/, '').trim();
  const quoted = /^(['"])(.*)\1$/.exec(value);
  return quoted ? quoted[2] : value;
}

function enumValues(node) {
  if (!node) return null;
  if (Array.isArray(node.enum)) return node.enum.map(String);
  if (node.type === 'boolean') return ['true', 'false'];
  return null;
}

function summarise(node) {
  if (!node) return '';
  const values = enumValues(node);
  if (values && node.type !== 'boolean') {
    return values.length <= 6 ? `one of: ${values.join(', ')}` : `one of ${values.length} values`;
  }
  if (node.type === 'array') {
    const items = enumValues(node.items);
    return items ? `list of ${items.length <= 6 ? items.join(', ') : `${items.length} values`}` : 'list';
  }
  if (node.type === 'object') return `fields: ${Object.keys(node.properties || {}).join(', ')}`;
  return node.type || '';
}

function pad(n) {
  return String(n).padStart(4, '0');
}

/**
 * How a chosen key is inserted. Snippet text; VS Code re-indents the lines
 * after the first to the current line's indentation (adjustIndentation).
 */
function keyInsert(key, node, flow) {
  if (flow) return { insertText: `${key}: `, snippet: false, retrigger: Boolean(enumValues(node)) };
  if (node && node.type === 'object') return { insertText: `${key}:\n  $0`, snippet: true, retrigger: true };
  if (node && node.type === 'array') {
    return enumValues(node.items)
      ? { insertText: `${key}: [$0]`, snippet: true, retrigger: true }
      : { insertText: `${key}:\n  - $0`, snippet: true, retrigger: false };
  }
  return { insertText: `${key}: `, snippet: false, retrigger: Boolean(enumValues(node)) };
}

/** Property completions for an object node, minus the keys already present. */
function keyItems(node, present, range, { flow = false, bare = false } = {}) {
  if (!node || node.type !== 'object' || !node.properties) return [];
  const required = new Set(node.required || []);
  return Object.entries(node.properties)
    .map(([key, child], index) => ({ key, child, index }))
    .filter(({ key }) => !present.has(key))
    .map(({ key, child, index }) => {
      const isRequired = required.has(key);
      const insert = bare ? { insertText: key, snippet: false, retrigger: false } : keyInsert(key, child, flow);
      return {
        label: key,
        kind: 'property',
        required: isRequired,
        detail: `${isRequired ? 'required' : 'optional'} · ${summarise(child)}`,
        documentation: (child && child.description) || '',
        sortText: `${isRequired ? 0 : 1}-${pad(index)}`,
        range,
        ...insert,
      };
    });
}

/** Value completions (an enum, or true/false), minus values already in the same list. */
function valueItems(node, present, range, prefix = '') {
  const values = enumValues(node);
  if (!values) return [];
  return values
    .map((value, index) => ({ value, index }))
    .filter(({ value }) => !present.has(value))
    .map(({ value, index }) => ({
      label: value,
      kind: 'value',
      required: false,
      detail: (node && node.description) || '',
      documentation: '',
      sortText: pad(index),
      range,
      insertText: prefix + value,
      snippet: false,
      retrigger: false,
    }));
}

/** The comma-separated entries of a flow collection's inside, with their offsets. */
function flowEntries(inside, offset) {
  const entries = [];
  let start = 0;
  for (let i = 0; i <= inside.length; i++) {
    if (i === inside.length || inside[i] === ',') {
      entries.push({ text: inside.slice(start, i), start: offset + start, end: offset + i });
      start = i + 1;
    }
  }
  return entries;
}

/**
 * The inside of a flow collection opened on this line before the cursor
 * (`key: [a, b|` or `key: {name: x, |`): its entries and which one holds the
 * cursor. Null when the cursor is not inside one.
 */
function openFlow(line, character, open, close) {
  const prefix = line.slice(0, character);
  const at = prefix.indexOf(open);
  if (at === -1 || prefix.indexOf(close, at) !== -1) return null;
  const closing = line.indexOf(close, character);
  const inside = line.slice(at + 1, closing === -1 ? line.length : closing);
  const entries = flowEntries(inside, at + 1);
  const current = entries.find((e) => character >= e.start && character <= e.end);
  return { at, entries, current };
}

/**
 * Completion items at a position in a card or an article, from its schema.
 *
 * Returns plain objects: { label, kind: 'property'|'value', required, detail,
 * documentation, sortText, range, insertText, snippet, retrigger }. Empty
 * outside the front matter (on the fences, in the body, in files without it).
 */
function completions(text, line, character, schema) {
  const lines = splitLines(text);
  const block = frontMatter(lines);
  if (!schema || !block || line <= block.start || line >= block.end) return [];
  const current = lines[line] || '';
  character = Math.min(character, current.length);
  const prefix = current.slice(0, character);
  const wordStart = character - WORD_BEFORE.exec(prefix)[0].length;
  const wordEnd = character + WORD_AFTER.exec(current.slice(character))[0].length;
  const range = { start: { line, character: wordStart }, end: { line, character: wordEnd } };

  const keyed = /^( *)([A-Za-z0-9_][\w-]*)[ \t]*:([ \t]*)(.*)$/.exec(prefix);
  if (keyed) {
    const indent = keyed[1].length;
    const keys = pathTo(lines, block, line, indent);
    if (!keys) return [];
    keys.push(keyed[2]);
    const node = nodeAt(schema, keys);
    const rest = keyed[4];
    if (rest.startsWith('[')) {
      const flow = openFlow(current, character, '[', ']');
      if (!flow || !node || node.type !== 'array') return [];
      const word = current.slice(wordStart, wordEnd);
      const typing = (e) => e === flow.current && scalar(e.text) === word; // replaced, so not present
      const present = new Set(flow.entries.filter((e) => !typing(e)).map((e) => scalar(e.text)));
      return valueItems(node.items, present, range);
    }
    if (rest.startsWith('{')) {
      const flow = openFlow(current, character, '{', '}');
      if (!flow || !flow.current) return [];
      const colon = flow.current.text.indexOf(':');
      const typed = current.slice(flow.current.start, character);
      if (colon !== -1 && typed.includes(':')) {
        const inner = nodeAt(schema, [...keys, flow.current.text.slice(0, colon).trim()]);
        return valueItems(inner, new Set(), range, /:$/.test(typed) ? ' ' : '');
      }
      const present = new Set(
        flow.entries.filter((e) => e !== flow.current && e.text.includes(':')).map((e) => e.text.split(':')[0].trim()),
      );
      return keyItems(node, present, range, { flow: true });
    }
    if (!/^[\w-]*$/.test(rest)) return [];
    return valueItems(node, new Set(), range, keyed[3] ? '' : ' ');
  }

  const dashed = /^( *)-[ \t]+([\w-]*)$/.exec(prefix);
  if (dashed) return listItemValues(lines, block, line, dashed[1].length, schema, range);

  const typing = /^( *)([\w-]*)$/.exec(prefix);
  if (typing) {
    const indent = typing[1].length;
    const owner = ownerOf(lines, block, line, indent);
    const keys = owner && pathTo(lines, block, line, indent);
    if (!keys) return [];
    const present = presentKeys(lines, block, owner, indent, line);
    const bare = /^[ \t]*:/.test(current.slice(wordEnd));
    return keyItems(nodeAt(schema, keys), present, range, { bare });
  }
  return [];
}

/** Enum values for a block list item (`  - |`), minus the items already in that list. */
function listItemValues(lines, block, line, dashIndent, schema, range) {
  let owner = null;
  for (let i = line - 1; i > block.start && !owner; i--) {
    const text = lines[i];
    if (BLANK.test(text)) continue;
    const indent = indentOf(text);
    if (indent > dashIndent || (indent === dashIndent && DASH_LINE.test(text))) continue;
    const key = KEY_LINE.exec(text);
    if (!key || !isEmptyValue(key[3])) return [];
    owner = { line: i, key: key[2], indent };
  }
  if (!owner) return [];
  const keys = pathTo(lines, block, owner.line, owner.indent);
  const node = keys && nodeAt(schema, [...keys, owner.key]);
  if (!node || node.type !== 'array') return [];
  const present = new Set();
  for (let i = owner.line + 1; i < block.end; i++) {
    const text = lines[i];
    if (BLANK.test(text)) continue;
    const indent = indentOf(text);
    if (indent < dashIndent || (indent === dashIndent && !DASH_LINE.test(text))) break;
    const dash = indent === dashIndent && i !== line ? DASH_LINE.exec(text) : null;
    if (dash && dash[2]) present.add(scalar(dash[2]));
  }
  return valueItems(node.items, present, range);
}

/** Code points -> UTF-16 offset: the build counts columns in characters, VS Code in code units. */
function utf16Offset(text, codePoints) {
  let offset = 0;
  let seen = 0;
  for (const ch of text) {
    if (seen >= codePoints) break;
    offset += ch.length;
    seen += 1;
  }
  return offset;
}

/**
 * The range to underline for a 1-based `line:column` from the build: a whole
 * `[[...]]` reference, else the word there, else the rest of the line; on an
 * empty line, a zero-width range at its start.
 */
function rangeFor(lines, line, column) {
  const index = Math.max(0, Math.min((line | 0) - 1, lines.length - 1));
  const text = lines[index] || '';
  const start = Math.min(utf16Offset(text, Math.max(0, (column | 0) - 1)), text.length);
  const rest = text.slice(start);
  const lineEnd = text.replace(/\s+$/, '').length;
  let end;
  const reference = /^!?\[\[/.exec(rest);
  if (reference) {
    const close = text.indexOf(']]', start + reference[0].length);
    end = close === -1 ? lineEnd : close + 2;
  } else {
    const word = /^[\p{L}\p{N}_-]+/u.exec(rest);
    end = word ? start + word[0].length : lineEnd;
  }
  return { start: { line: index, character: start }, end: { line: index, character: Math.max(start, end) } };
}

/**
 * `guide check --stdin PATH --format json` output -> diagnostics for that file:
 * { range, severity: 'error'|'warning', message (with the hint), code, source }.
 * Entries for other paths are dropped. Throws on output that is not the contract.
 */
function toDiagnostics(report, text, relPath) {
  const items = typeof report === 'string' ? JSON.parse(report) : report;
  if (!Array.isArray(items)) throw new TypeError('guide check: expected a JSON list of diagnostics');
  const lines = splitLines(text);
  return items
    .filter((d) => d && (relPath === undefined || d.path === relPath))
    .map((d) => ({
      range: rangeFor(lines, Number(d.line) || 1, Number(d.column) || 1),
      severity: d.severity === 'warning' ? 'warning' : 'error',
      message: d.hint ? `${d.message}\nhint: ${d.hint}` : String(d.message),
      code: d.rule || '',
      source: 'guide',
    }));
}

/**
 * The process that checks one buffer: `guide.command` with ${workspaceFolder}
 * expanded (a relative path with a slash is taken from the workspace folder).
 */
function checkCommand(setting, folder, relPath, { drafts = true } = {}) {
  let command = String(setting || '${workspaceFolder}/.venv/bin/guide').split('${workspaceFolder}').join(folder);
  if (!path.isAbsolute(command) && /[\\/]/.test(command)) command = path.join(folder, command);
  const args = ['check', '--root', folder, '--stdin', relPath, '--format', 'json'];
  if (drafts) args.push('--drafts');
  return { command, args };
}

module.exports = {
  KINDS,
  schemaKind,
  loadSchema,
  splitLines,
  frontMatter,
  completions,
  rangeFor,
  toDiagnostics,
  checkCommand,
};
