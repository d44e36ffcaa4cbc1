'use strict';
// The talos-planner extension for VS Code: starts the language server
// (editors/language-server) over stdio with VS Code's own Node.js runtime and sends it
// the YAML, JSON and Terraform documents; the server decides which of them are cluster
// configs (a top-level `cluster` or `controlplane` key, or the Terraform module).

const fs = require('node:fs');
const path = require('node:path');
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

/** The documents the server sees: saved files and unsaved buffers. */
const DOCUMENT_SELECTOR = ['file', 'untitled'].flatMap((scheme) =>
  ['yaml', 'json', 'jsonc', 'terraform', 'terraform-vars'].map((language) => ({ scheme, language })),
);

/** @type {LanguageClient | undefined} */
let client;

/** The server script: the setting, or the repository's copy next to this extension. */
function serverModule(context) {
  const configured = vscode.workspace.getConfiguration('talosPlanner').get('server.path');
  if (configured) {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
    return path.resolve(folder, configured);
  }
  return context.asAbsolutePath(
    path.join('..', 'language-server', 'bin', 'talos-planner-language-server.js'),
  );
}

async function start(context) {
  const module = serverModule(context);
  if (!fs.existsSync(module)) {
    vscode.window.showErrorMessage(
      `talos-planner: no language server at ${module}; build it (editors/language-server) or set talosPlanner.server.path`,
    );
    return;
  }
  const settings = vscode.workspace.getConfiguration('talosPlanner');
  const run = { module, transport: TransportKind.stdio };
  client = new LanguageClient(
    'talosPlanner',
    'talos-planner',
    { run, debug: run },
    {
      documentSelector: DOCUMENT_SELECTOR,
      initializationOptions: {
        allFiles: settings.get('checkAllFiles', false),
        debounceMs: settings.get('debounceMs', 50),
        rules: settings.get('rules', {}),
      },
    },
  );
  await client.start();
}

async function stop() {
  const running = client;
  client = undefined;
  if (running) await running.stop();
}

async function activate(context) {
  context.subscriptions.push(
    vscode.commands.registerCommand('talosPlanner.restart', async () => {
      await stop();
      await start(context);
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (event.affectsConfiguration('talosPlanner')) {
        await stop();
        await start(context);
      }
    }),
  );
  await start(context);
}

function deactivate() {
  return stop();
}

module.exports = { activate, deactivate, DOCUMENT_SELECTOR };
