'use strict';
// extension.js against a stub of the `vscode` API: providers registered for cards and
// articles, completion items built from the schemas, and the check process run with the
// buffer on stdin, debounced, stale runs cancelled, its JSON turned into Diagnostics.

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const Module = require('node:module');

const REPO = path.resolve(__dirname, '..', '..', '..');

class Range {
  constructor(startLine, startCharacter, endLine, endCharacter) {
    this.start = { line: startLine, character: startCharacter };
    this.end = { line: endLine, character: endCharacter };
  }
}

function makeStub() {
  const stub = {
    config: {},
    handlers: {},
    providers: [],
    warnings: [],
    collection: new Map(),
    sets: [],
    documents: [],
    Range,
    SnippetString: class { constructor(value) { this.value = value; } },
    MarkdownString: class { constructor(value) { this.value = value; } },
    CompletionItem: class { constructor(label, kind) { this.label = label; this.kind = kind; } },
    CompletionItemKind: { Property: 9, EnumMember: 19 },
    Diagnostic: class {
      constructor(range, message, severity) { Object.assign(this, { range, message, severity }); }
    },
    DiagnosticSeverity: { Error: 0, Warning: 1 },
  };
  const on = (name) => (handler) => {
    stub.handlers[name] = handler;
    return { dispose() {} };
  };
  stub.languages = {
    createDiagnosticCollection: () => ({
      set: (uri, diagnostics) => { stub.collection.set(uri.toString(), diagnostics); stub.sets.push(diagnostics); },
      delete: (uri) => stub.collection.delete(uri.toString()),
      dispose() {},
    }),
    registerCompletionItemProvider: (selector, provider, ...triggers) => {
      stub.providers.push({ selector, provider, triggers });
      return { dispose() {} };
    },
  };
  stub.window = {
    createOutputChannel: () => ({ lines: [], appendLine(line) { this.lines.push(line); }, dispose() {} }),
    showWarningMessage: (message) => stub.warnings.push(message),
  };
  stub.workspace = {
    getWorkspaceFolder: (uri) => (uri.fsPath.startsWith(stub.root + path.sep) ? { uri: { fsPath: stub.root } } : undefined),
    getConfiguration: () => ({ get: (key, fallback) => (key in stub.config ? stub.config[key] : fallback) }),
    get textDocuments() { return stub.documents; },
    onDidOpenTextDocument: on('open'),
    onDidChangeTextDocument: on('change'),
    onDidCloseTextDocument: on('close'),
    onDidChangeConfiguration: on('configuration'),
  };
  return stub;
}

const stub = makeStub();
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
};
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: stub };
const extension = require('../extension');

function documentAt(root, rel, text) {
  const fsPath = path.join(root, ...rel.split('/'));
  return {
    uri: { scheme: 'file', fsPath, toString: () => `file://${fsPath}` },
    text,
    version: 1,
    isClosed: false,
    getText() { return this.text; },
  };
}

/** A project with the real schemas and a fake `guide` that logs its input and answers `reply`. */
const roots = [];
test.after(() => roots.forEach((root) => fs.rmSync(root, { recursive: true, force: true })));

function fakeProject(script) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'vscode-guide-'));
  roots.push(root);
  fs.mkdirSync(path.join(root, 'schemas'));
  for (const name of ['exercise.schema.json', 'article.schema.json']) {
    fs.copyFileSync(path.join(REPO, 'schemas', name), path.join(root, 'schemas', name));
  }
  const guide = path.join(root, 'fake-guide.js');
  fs.writeFileSync(guide, `#!${process.execPath}\n${script}`);
  fs.chmodSync(guide, 0o755);
  return { root, guide };
}

/** Activate the extension on a fake project whose `guide` is `command` (default: the fake). */
function activated(script, command) {
  const { root, guide } = fakeProject(script);
  stub.root = root;
  stub.config = { command: command ? command(root) : guide };
  stub.warnings.length = 0;
  stub.sets.length = 0;
  const context = { subscriptions: [] };
  extension.activate(context);
  return { root, context };
}

const waitFor = async (check, ms = 5000) => {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) throw new Error('timed out');
    await new Promise((done) => setTimeout(done, 10));
  }
};

const ECHO = `
const fs = require('fs');
const input = fs.readFileSync(0, 'utf8');
const args = process.argv.slice(2);
fs.appendFileSync(__dirname + '/calls.log', JSON.stringify({ args, input, pid: process.pid }) + '\\n');
const delay = input.includes('SLOW') ? 3000 : 0;
setTimeout(() => {
  process.stdout.write(JSON.stringify([
    { path: args[4], line: 2, column: 8, severity: 'error', message: 'seen: ' + input.split('\\n')[1], hint: 'a hint', rule: '' },
    { path: 'content/other.md', line: 1, column: 1, severity: 'error', message: 'not mine', hint: '', rule: '' },
  ]));
  process.exit(1);
}, delay);
`;

test('activation registers completion for cards and articles only, and completes from the schema', () => {
  const { root, context } = activated(ECHO);
  assert.equal(stub.providers.length, 1);
  const { selector, provider, triggers } = stub.providers[0];
  assert.deepEqual(selector.map((s) => s.pattern), ['**/content/exercises/*.md', '**/content/articles/*.md']);
  assert.deepEqual(triggers, [' ', '[', ',', '{', ':']);
  const card = documentAt(root, 'content/exercises/x.md', '---\ntitle: x\nlevel: \n---\n');
  const values = provider.provideCompletionItems(card, { line: 2, character: 7 });
  assert.deepEqual(values.map((i) => i.label), ['beginner', 'intermediate', 'advanced']);
  assert.equal(values[0].kind, stub.CompletionItemKind.EnumMember);
  const keys = provider.provideCompletionItems(card, { line: 3, character: 0 });
  assert.equal(keys, undefined, 'the closing fence');
  const article = documentAt(root, 'content/articles/a.md', '---\n\n---\n');
  const fields = provider.provideCompletionItems(article, { line: 1, character: 0 });
  const date = fields.find((i) => i.label.label === 'date');
  assert.deepEqual(date.label, { label: 'date', description: 'required' });
  assert.equal(date.documentation.value, 'YYYY-MM-DD');
  const series = fields.find((i) => i.label === 'series');
  assert.ok(series.insertText instanceof stub.SnippetString);
  assert.equal(series.insertText.value, 'series:\n  $0');
  assert.deepEqual(series.command, { command: 'editor.action.triggerSuggest', title: 'Suggest values' });
  const notes = documentAt(root, 'docs/notes.md', '---\n\n---\n');
  assert.equal(provider.provideCompletionItems(notes, { line: 1, character: 0 }), undefined);
  context.subscriptions.forEach((s) => s.dispose());
});

test('typing runs the check on the buffer, debounced, and maps its JSON to diagnostics', async () => {
  const { root, context } = activated(ECHO);
  const card = documentAt(root, 'content/exercises/x.md', '---\ntitle: first\n---\n');
  for (const title of ['f', 'fi', 'second']) {
    card.text = `---\ntitle: ${title}\n---\n`;
    card.version += 1;
    stub.handlers.change({ document: card });
  }
  await waitFor(() => stub.sets.length === 1);
  const calls = fs.readFileSync(path.join(root, 'calls.log'), 'utf8').trim().split('\n').map(JSON.parse);
  assert.equal(calls.length, 1, 'three quick edits, one check');
  assert.deepEqual(calls[0].args, [
    'check', '--root', root, '--stdin', 'content/exercises/x.md', '--format', 'json', '--drafts',
  ]);
  assert.equal(calls[0].input, '---\ntitle: second\n---\n');
  const [diagnostic, ...others] = stub.collection.get(card.uri.toString());
  assert.deepEqual(others, [], 'diagnostics of other files are dropped');
  assert.deepEqual(diagnostic.range, new Range(1, 7, 1, 13));
  assert.equal(diagnostic.message, 'seen: title: second\nhint: a hint');
  assert.equal(diagnostic.severity, stub.DiagnosticSeverity.Error);
  assert.equal(diagnostic.source, 'guide');
  stub.handlers.close(card);
  assert.equal(stub.collection.has(card.uri.toString()), false);
  context.subscriptions.forEach((s) => s.dispose());
});

test('a newer edit cancels the running check; its late result is never shown', async () => {
  const { root, context } = activated(ECHO);
  const card = documentAt(root, 'content/exercises/x.md', '---\ntitle: SLOW\n---\n');
  stub.handlers.open(card);
  const log = path.join(root, 'calls.log');
  await waitFor(() => fs.existsSync(log));
  const slow = JSON.parse(fs.readFileSync(log, 'utf8')).pid;
  const alive = (pid) => {
    try {
      return process.kill(pid, 0);
    } catch {
      return false;
    }
  };
  assert.equal(alive(slow), true);
  card.text = '---\ntitle: quick\n---\n';
  card.version += 1;
  stub.handlers.change({ document: card });
  await waitFor(() => !alive(slow), 1000); // killed at once, not left to finish its 3 s
  await waitFor(() => stub.sets.length >= 1);
  await new Promise((done) => setTimeout(done, 300));
  assert.equal(stub.sets.length, 1);
  assert.equal(stub.collection.get(card.uri.toString())[0].message, 'seen: title: quick\nhint: a hint');
  context.subscriptions.forEach((s) => s.dispose());
});

test('a command that cannot run warns once and logs, without diagnostics', async () => {
  const { root, context } = activated('', (folder) => path.join(folder, 'no-such-guide'));
  const card = documentAt(root, 'content/exercises/x.md', '---\n---\n');
  stub.handlers.open(card);
  await waitFor(() => stub.warnings.length === 1);
  stub.handlers.open(card);
  await new Promise((done) => setTimeout(done, 200));
  assert.equal(stub.warnings.length, 1, 'warned once');
  assert.match(stub.warnings[0], /guide\.command/);
  assert.equal(stub.sets.length, 0);
  context.subscriptions.forEach((s) => s.dispose());
});
