'use strict';
// The extension outside VS Code: `vscode` is not an npm package (VS Code provides it),
// so it and the client class are stand-ins that record what the extension asks for.
// Checked: it starts the repository's server over stdio, for the languages its
// package.json activates on, with the settings as initialization options, and stops it.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

const created = [];
const messages = [];
const commands = new Map();
let settings = {};

class FakeLanguageClient {
  constructor(id, name, serverOptions, clientOptions) {
    Object.assign(this, { id, name, serverOptions, clientOptions, running: false });
    created.push(this);
  }
  async start() {
    this.running = true;
  }
  async stop() {
    this.running = false;
  }
}

const fakeVscode = {
  workspace: {
    getConfiguration: () => ({ get: (key, fallback) => settings[key] ?? fallback }),
    workspaceFolders: [{ uri: { fsPath: '/workspace' } }],
    onDidChangeConfiguration: () => ({ dispose() {} }),
  },
  window: { showErrorMessage: (m) => messages.push(m) },
  commands: {
    registerCommand: (name, fn) => {
      commands.set(name, fn);
      return { dispose() {} };
    },
  },
};
const fakeClient = { LanguageClient: FakeLanguageClient, TransportKind: { stdio: 0, ipc: 1 } };

const load = Module._load;
Module._load = function stand_in(request, parent, isMain) {
  if (request === 'vscode') return fakeVscode;
  if (request === 'vscode-languageclient/node') return fakeClient;
  return load.call(this, request, parent, isMain);
};
const extension = require('../extension.js');

const context = () => ({
  subscriptions: [],
  asAbsolutePath: (p) => path.join(root, p),
});

test('the real client library is installed and has what the extension uses', () => {
  // Loading it needs VS Code itself, so its declarations are read instead.
  const main = require.resolve('vscode-languageclient/node', { paths: [root] });
  const dts = fs.readFileSync(main.replace(/\.js$/, '.d.ts'), 'utf8');
  assert.match(dts, /export declare class LanguageClient /);
  assert.match(dts, /export declare enum TransportKind \{\s*stdio = 0/);
});

test('activate starts the repository server over stdio', async () => {
  settings = {};
  await extension.activate(context());
  const client = created.at(-1);
  assert.equal(client.id, 'talosPlanner');
  const { run, debug } = client.serverOptions;
  assert.deepEqual(run, debug);
  assert.equal(run.transport, fakeClient.TransportKind.stdio);
  assert.equal(run.module,
    path.resolve(root, '../language-server/bin/talos-planner-language-server.js'));
  assert.ok(fs.existsSync(run.module));
  assert.ok(client.running);
  assert.deepEqual(client.clientOptions.initializationOptions, { allFiles: false, debounceMs: 50, rules: {} });
  assert.ok(commands.has('talosPlanner.restart'));
  assert.ok(manifest.contributes.commands.some((c) => c.command === 'talosPlanner.restart'));
  await extension.deactivate();
  assert.equal(client.running, false);
});

test('the document selector covers what package.json activates on and contributes', () => {
  const languages = new Set(extension.DOCUMENT_SELECTOR.map((s) => s.language));
  for (const event of manifest.activationEvents) {
    assert.ok(languages.has(event.replace('onLanguage:', '')), event);
  }
  for (const lang of manifest.contributes.languages) assert.ok(languages.has(lang.id), lang.id);
  for (const id of ['yaml', 'json', 'terraform', 'terraform-vars']) assert.ok(languages.has(id), id);
  assert.deepEqual(manifest.contributes.languages.map((l) => l.extensions).flat(), ['.tf', '.tfvars']);
  // Settings the extension reads are declared.
  for (const key of ['server.path', 'checkAllFiles', 'debounceMs', 'rules', 'trace.server']) {
    assert.ok(manifest.contributes.configuration.properties[`talosPlanner.${key}`], key);
  }
});

test('settings: another server path (relative to the workspace) and options', async () => {
  settings = { 'server.path': 'nowhere/server.js', checkAllFiles: true };
  const before = created.length;
  await extension.activate(context());
  assert.equal(created.length, before, 'no client without a server');
  assert.match(messages.at(-1), /no language server at \/workspace\/nowhere\/server\.js/);

  settings = {
    'server.path': path.join(root, 'extension.js'),
    checkAllFiles: true,
    debounceMs: 0,
    rules: { 'below-talos-recommended': 'allow' },
  };
  await commands.get('talosPlanner.restart')();
  const client = created.at(-1);
  assert.equal(client.serverOptions.run.module, path.join(root, 'extension.js'));
  assert.deepEqual(client.clientOptions.initializationOptions,
    { allFiles: true, debounceMs: 0, rules: { 'below-talos-recommended': 'allow' } });
  await extension.deactivate();
});
