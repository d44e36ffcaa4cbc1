'use strict';
// The talos-planner language server: diagnostics on open and change, quick fixes as
// code actions, and hovers (the rule's explanation, the planned value under the
// cursor) for YAML, JSON and Terraform cluster configs. Everything it knows comes
// from the planner's WebAssembly package; this file only schedules and forwards.
//
// Positions are UTF-16 throughout, LSP's default: the documents (incremental sync),
// the package's ranges and the client agree on it, so nothing is converted here.

const {
  createConnection,
  MessageType,
  ProposedFeatures,
  ShowMessageNotification,
  TextDocuments,
  TextDocumentSyncKind,
} = require('vscode-languageserver/node');
const { TextDocument } = require('vscode-languageserver-textdocument');

const planner = require('./planner');
const lsp = require('./lsp');

/** Lints of one document run at most once per this many milliseconds by default. */
const DEFAULT_DEBOUNCE_MS = 50;

/**
 * Starts serving on `connection` (by default the one the command line names:
 * `--stdio`, `--node-ipc` or `--socket=N`).
 */
function startServer(connection = createConnection(ProposedFeatures.all)) {
  const documents = new TextDocuments(TextDocument);
  /** uri -> { version, diagnostics (planner's), lsp (published), timer, lastRun, cost } */
  const state = new Map();
  let debounceMs = DEFAULT_DEBOUNCE_MS;
  let allFiles = false;
  let relatedInformation = false;
  let markdown = true;
  /** Rule levels (`rules` setting): rule id or `all` -> allow | warn | deny. */
  let rules = {};

  const log = (message) => connection.console.error(`talos-planner: ${message}`);

  connection.onInitialize((params) => {
    const options = params.initializationOptions ?? {};
    if (Number.isFinite(options.debounceMs) && options.debounceMs >= 0) {
      debounceMs = options.debounceMs;
    }
    allFiles = options.allFiles === true;
    setRules(options.rules);
    const text = params.capabilities.textDocument ?? {};
    relatedInformation = text.publishDiagnostics?.relatedInformation === true;
    const formats = text.hover?.contentFormat;
    markdown = !Array.isArray(formats) || formats.includes('markdown');
    return {
      capabilities: {
        positionEncoding: 'utf-16',
        textDocumentSync: {
          openClose: true,
          change: TextDocumentSyncKind.Incremental,
        },
        hoverProvider: true,
        codeActionProvider: { codeActionKinds: ['quickfix'] },
      },
      serverInfo: {
        name: 'talos-planner-language-server',
        version: planner.call((p) => p.version()),
      },
    };
  });

  /** Takes the `rules` setting, telling the user about entries the planner refuses. */
  function setRules(setting) {
    const accepts = (candidate) => {
      try {
        planner.call((p) => p.lint('', { format: 'yaml', rules: candidate }));
        return true;
      } catch {
        return false;
      }
    };
    const { rules: accepted, rejected } = lsp.ruleLevels(setting, accepts);
    rules = accepted;
    if (rejected.length > 0) {
      const message = `talos-planner: ignored rule settings (unknown rule or level): ${rejected.join(', ')}`;
      log(message);
      // A notification: `showWarningMessage` is a request, and a client that does not
      // answer it would leave a rejected promise behind.
      connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Warning, message });
    }
  }

  /** The planner's options for a document of `format`. */
  function options(format) {
    return Object.keys(rules).length > 0 ? { format, rules } : { format };
  }

  /** The format of a document the server checks, or null. */
  function formatFor(doc) {
    const format = lsp.formatOf(doc.uri, doc.languageId);
    if (format === null) return null;
    return allFiles || lsp.isClusterConfig(doc.getText(), format) ? format : null;
  }

  function entry(uri) {
    let s = state.get(uri);
    if (!s) {
      s = { version: -1, diagnostics: [], lsp: [], timer: null, lastRun: -Infinity, cost: 0 };
      state.set(uri, s);
    }
    return s;
  }

  /** Lints the document's current text into its entry (no publishing). */
  function analyse(doc) {
    const s = entry(doc.uri);
    const started = performance.now();
    const format = formatFor(doc);
    let diagnostics = [];
    let published = [];
    if (format !== null) {
      try {
        diagnostics = planner.call((p) => p.lint(doc.getText(), options(format)));
        published = diagnostics.map((d) => lsp.toLspDiagnostic(d, doc.uri, relatedInformation));
      } catch (err) {
        log(`lint failed on ${doc.uri}: ${err?.stack ?? err}`);
        diagnostics = [];
        published = [lsp.internalError(err)];
      }
    }
    s.version = doc.version;
    s.diagnostics = diagnostics;
    s.lsp = published;
    s.cost = performance.now() - started;
    return s;
  }

  /** The entry for the document's current version, linting it now if it is stale. */
  function current(doc) {
    const s = entry(doc.uri);
    return s.version === doc.version ? s : analyse(doc);
  }

  function publish(uri) {
    const s = state.get(uri);
    const doc = documents.get(uri);
    if (!s || !doc) return; // closed meanwhile
    s.timer = null;
    s.lastRun = performance.now();
    if (s.version !== doc.version) analyse(doc);
    connection.sendDiagnostics({ uri, version: doc.version, diagnostics: s.lsp });
  }

  /**
   * Debounce that does not delay the common case: an isolated change is linted on the
   * next turn of the event loop (changes that arrived together are merged); a change
   * within the window after the previous lint waits for the window's end, so a burst
   * of keystrokes costs one lint per window. The window grows with the lint's cost
   * (at least twice it), so huge files cannot keep the server busy.
   */
  function schedule(uri) {
    const s = entry(uri);
    if (s.timer) return; // the pending lint reads the latest text
    const window = Math.max(debounceMs, 2 * s.cost);
    const wait = s.lastRun + window - performance.now();
    s.timer =
      wait <= 0
        ? { cancel: clearImmediate, handle: setImmediate(publish, uri) }
        : { cancel: clearTimeout, handle: setTimeout(publish, wait, uri) };
  }

  documents.onDidOpen(({ document }) => schedule(document.uri));
  documents.onDidChangeContent(({ document }) => schedule(document.uri));
  documents.onDidClose(({ document }) => {
    const s = state.get(document.uri);
    if (s?.timer) s.timer.cancel(s.timer.handle);
    state.delete(document.uri);
    connection.sendDiagnostics({ uri: document.uri, diagnostics: [] });
  });

  connection.onCodeAction((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc || !lsp.wanted('quickfix', params.context.only)) return [];
    const s = current(doc);
    return lsp.codeActions(doc.uri, params.range, s.diagnostics, s.lsp, params.context.diagnostics ?? []);
  });

  connection.onHover((params) => {
    const doc = documents.get(params.textDocument.uri);
    if (!doc) return null;
    const format = formatFor(doc);
    if (format === null) return null;
    try {
      const found = planner.call((p) => p.hover(doc.getText(), params.position, options(format)));
      if (!found) return null;
      return {
        contents: { kind: markdown ? 'markdown' : 'plaintext', value: found.contents },
        range: found.range,
      };
    } catch (err) {
      log(`hover failed on ${doc.uri}: ${err?.stack ?? err}`);
      return null;
    }
  });

  // `workspace/didChangeConfiguration` with `{ talosPlanner: { rules } }` (or
  // `{ rules }`): new levels, and every open document checked again.
  connection.onDidChangeConfiguration((params) => {
    const settings = params.settings?.talosPlanner ?? params.settings ?? {};
    if (!('rules' in settings)) return;
    setRules(settings.rules);
    for (const doc of documents.all()) {
      entry(doc.uri).version = -1;
      schedule(doc.uri);
    }
  });

  documents.listen(connection);
  connection.listen();
  return connection;
}

module.exports = { startServer, DEFAULT_DEBOUNCE_MS };
