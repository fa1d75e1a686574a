'use strict';
/**
 * VS Code glue for the guide: completion in the front matter of cards and
 * articles, and the build's own diagnostics while typing.
 *
 * Everything that decides anything lives in frontmatter.js (pure, unit
 * tested); this file registers providers and converts plain objects into
 * VS Code's classes. No dependencies, no build step.
 */

const childProcess = require('child_process');
const path = require('path');
const vscode = require('vscode');
const fm = require('./frontmatter');

const DEBOUNCE_MS = 400; // a pause in typing, not every keystroke
const TIMEOUT_MS = 60000; // a check that hangs is killed rather than left running
const SELECTOR = ['exercises', 'articles'].map((folder) => ({
  language: 'markdown',
  scheme: 'file',
  pattern: `**/content/${folder}/*.md`,
}));

/** The workspace folder, project-relative path and schema kind of a card or article, or null. */
function locate(document) {
  if (!document || document.uri.scheme !== 'file') return null;
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  if (!folder) return null;
  const root = folder.uri.fsPath;
  const rel = path.relative(root, document.uri.fsPath).split(path.sep).join('/');
  const kind = fm.schemaKind(rel);
  return kind ? { root, rel, kind } : null;
}

function toRange(range) {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

function toCompletionItem(item) {
  const label = item.required ? { label: item.label, description: 'required' } : item.label;
  const kind = item.kind === 'property' ? vscode.CompletionItemKind.Property : vscode.CompletionItemKind.EnumMember;
  const completion = new vscode.CompletionItem(label, kind);
  completion.detail = item.detail;
  if (item.documentation) completion.documentation = new vscode.MarkdownString(item.documentation);
  completion.sortText = item.sortText;
  completion.filterText = item.label;
  completion.range = toRange(item.range);
  completion.insertText = item.snippet ? new vscode.SnippetString(item.insertText) : item.insertText;
  if (item.retrigger) completion.command = { command: 'editor.action.triggerSuggest', title: 'Suggest values' };
  return completion;
}

const completionProvider = {
  provideCompletionItems(document, position) {
    const where = locate(document);
    const schema = where && fm.loadSchema(where.root, where.kind);
    if (!schema) return undefined;
    const items = fm.completions(document.getText(), position.line, position.character, schema);
    return items.length ? items.map(toCompletionItem) : undefined;
  },
};

/** Runs `guide check --stdin` for each changed buffer: debounced, one run per file, stale runs killed. */
class Checker {
  constructor(collection, output) {
    this.collection = collection;
    this.output = output;
    this.timers = new Map();
    this.runs = new Map();
    this.warned = false;
  }

  schedule(document, delay = DEBOUNCE_MS) {
    if (!locate(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.stop(key);
    this.timers.set(key, setTimeout(() => this.run(document), delay));
  }

  stop(key) {
    const running = this.runs.get(key);
    if (running) running.kill('SIGTERM'); // the command removes its temporary copy on SIGTERM
    this.runs.delete(key);
  }

  forget(document) {
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.stop(key);
    this.collection.delete(document.uri);
  }

  run(document) {
    const where = locate(document);
    if (!where || document.isClosed) return;
    const key = document.uri.toString();
    this.timers.delete(key);
    const config = vscode.workspace.getConfiguration('guide', document.uri);
    const { command, args } = fm.checkCommand(config.get('command'), where.root, where.rel, {
      drafts: config.get('drafts', true),
    });
    const version = document.version;
    const text = document.getText();
    const child = childProcess.spawn(command, args, { cwd: where.root, windowsHide: true });
    this.runs.set(key, child);
    const timer = setTimeout(() => child.kill('SIGTERM'), TIMEOUT_MS);
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    child.stdin.on('error', () => {}); // the process may exit before reading everything
    child.stdin.end(text);
    child.on('error', (error) => {
      clearTimeout(timer);
      if (this.runs.get(key) === child) this.runs.delete(key);
      this.problem(`cannot run ${command}: ${error.message}`);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      if (this.runs.get(key) !== child) return; // cancelled: a newer run owns this file
      this.runs.delete(key);
      if (document.isClosed || document.version !== version) return;
      if (code !== 0 && code !== 1) {
        if (code !== null) this.problem(`${command} ${args.join(' ')} exited with ${code}\n${stderr.trim()}`);
        return;
      }
      try {
        const found = fm.toDiagnostics(stdout, text, where.rel);
        this.collection.set(document.uri, found.map(toDiagnostic));
      } catch (error) {
        this.problem(`unexpected output from ${command}: ${error.message}\n${stdout.slice(0, 500)}`);
      }
    });
  }

  problem(message) {
    this.output.appendLine(message);
    if (this.warned) return;
    this.warned = true; // once per session: a wrong setting must not nag on every keystroke
    vscode.window.showWarningMessage(
      `Guide: the build's check could not run (see Output > Guide). Set "guide.command" if the guide is not installed in .venv.`,
    );
  }

  dispose() {
    for (const timer of this.timers.values()) clearTimeout(timer);
    for (const key of [...this.runs.keys()]) this.stop(key);
    this.timers.clear();
  }
}

function toDiagnostic(found) {
  const severity =
    found.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Error;
  const diagnostic = new vscode.Diagnostic(toRange(found.range), found.message, severity);
  diagnostic.source = found.source;
  if (found.code) diagnostic.code = found.code;
  return diagnostic;
}

function activate(context) {
  const collection = vscode.languages.createDiagnosticCollection('guide');
  const output = vscode.window.createOutputChannel('Guide');
  const checker = new Checker(collection, output);
  context.subscriptions.push(
    collection,
    output,
    checker,
    vscode.languages.registerCompletionItemProvider(SELECTOR, completionProvider, ' ', '[', ',', '{', ':'),
    vscode.workspace.onDidOpenTextDocument((document) => checker.schedule(document, 0)),
    vscode.workspace.onDidChangeTextDocument((event) => checker.schedule(event.document)),
    vscode.workspace.onDidCloseTextDocument((document) => checker.forget(document)),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (!event.affectsConfiguration('guide')) return;
      checker.warned = false;
      vscode.workspace.textDocuments.forEach((document) => checker.schedule(document, 0));
    }),
  );
  vscode.workspace.textDocuments.forEach((document) => checker.schedule(document, 0));
  return { checker, completionProvider };
}

function deactivate() {}

module.exports = { activate, deactivate };
