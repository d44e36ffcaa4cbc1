// A real LSP client (vscode-languageserver-protocol's connection over the server's
// stdio), as an editor drives the server: spawn, initialize, open, change, requests.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import rpc from 'vscode-languageserver-protocol/node';

const here = path.dirname(fileURLToPath(import.meta.url));
export const serverDir = path.resolve(here, '..');
export const repoRoot = path.resolve(serverDir, '../..');
export const serverBin = path.join(serverDir, 'bin/talos-planner-language-server.js');

/** What the client tells the server it can do (a typical editor's subset). */
const CAPABILITIES = {
  general: { positionEncodings: ['utf-16'] },
  textDocument: {
    synchronization: { dynamicRegistration: false },
    publishDiagnostics: { relatedInformation: true, versionSupport: true },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    codeAction: {
      codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } },
      isPreferredSupport: true,
    },
  },
};

/**
 * Starts the server and initializes it.
 * @param {{ initializationOptions?: object, env?: NodeJS.ProcessEnv }} [options]
 */
export async function startClient(options = {}) {
  const child = spawn(process.execPath, [serverBin, '--stdio'], {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, ...(options.env ?? {}) },
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const connection = rpc.createProtocolConnection(
    new rpc.StreamMessageReader(child.stdout),
    new rpc.StreamMessageWriter(child.stdin),
  );
  /** Every publishDiagnostics, in order of arrival, with the time it arrived. */
  const published = [];
  const waiters = [];
  connection.onNotification(rpc.PublishDiagnosticsNotification.type, (params) => {
    const entry = { ...params, at: performance.now() };
    published.push(entry);
    for (const w of [...waiters]) {
      if (w.match(entry)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(entry);
      }
    }
  });
  const logs = [];
  connection.onNotification(rpc.LogMessageNotification.type, (p) => logs.push(p.message));
  connection.listen();

  const initialized = await connection.sendRequest(rpc.InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities: CAPABILITIES,
    initializationOptions: options.initializationOptions,
  });
  await connection.sendNotification(rpc.InitializedNotification.type, {});

  const versions = new Map();
  const client = {
    connection,
    child,
    initialized,
    published,
    logs,
    stderr: () => stderr,

    /**
     * The first publishDiagnostics for `uri` (at `version`, when given) that arrives
     * after now or has already arrived since `since` (an index into `published`).
     */
    diagnostics(uri, version, { since = 0, timeoutMs = 10000 } = {}) {
      const match = (p) => p.uri === uri && (version === undefined || p.version === version);
      const seen = published.slice(since).find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`no diagnostics for ${uri} v${version} in ${timeoutMs} ms; stderr: ${stderr}`));
        }, timeoutMs);
        const waiter = {
          match,
          resolve: (p) => {
            clearTimeout(timer);
            resolve(p);
          },
        };
        waiters.push(waiter);
      });
    },

    async open(uri, text, languageId = 'yaml') {
      versions.set(uri, 1);
      await connection.sendNotification(rpc.DidOpenTextDocumentNotification.type, {
        textDocument: { uri, languageId, version: 1, text },
      });
      return 1;
    },

    /** Sends content changes (incremental or whole) and returns the new version. */
    async change(uri, contentChanges) {
      const version = (versions.get(uri) ?? 0) + 1;
      versions.set(uri, version);
      await connection.sendNotification(rpc.DidChangeTextDocumentNotification.type, {
        textDocument: { uri, version },
        contentChanges,
      });
      return version;
    },

    async close(uri) {
      await connection.sendNotification(rpc.DidCloseTextDocumentNotification.type, {
        textDocument: { uri },
      });
    },

    hover(uri, position) {
      return connection.sendRequest(rpc.HoverRequest.type, { textDocument: { uri }, position });
    },

    codeActions(uri, range, diagnostics = [], only) {
      return connection.sendRequest(rpc.CodeActionRequest.type, {
        textDocument: { uri },
        range,
        context: { diagnostics, only },
      });
    },

    /** shutdown + exit, and the server's exit code. */
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
      await connection.sendRequest(rpc.ShutdownRequest.type);
      await connection.sendNotification(rpc.ExitNotification.type);
      const code = await exited;
      connection.dispose();
      return code;
    },
  };
  return client;
}

/** A file URI for a (not necessarily existing) path. */
export function uri(name) {
  return new URL(`file:///workspace/${name}`).href;
}

/** The LSP position of a JavaScript string index (UTF-16, as LSP counts). */
export function positionAt(text, index) {
  const before = text.slice(0, index);
  const line = before.split('\n').length - 1;
  return { line, character: index - (before.lastIndexOf('\n') + 1) };
}

/** The LSP range of the `nth` occurrence of `needle`. */
export function rangeOf(text, needle, nth = 0) {
  let at = -1;
  for (let i = 0; i <= nth; i += 1) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`${needle} (#${nth}) is not in the text`);
  }
  return { start: positionAt(text, at), end: positionAt(text, at + needle.length) };
}
