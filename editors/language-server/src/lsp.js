'use strict';
// Pure helpers between the planner's results and LSP messages: which files are ours,
// in which format, and the conversions. No I/O here, so the tests can call them
// directly; positions are passed through unchanged (both sides speak UTF-16).

/** LSP DiagnosticSeverity by the planner's severity names. */
const SEVERITY = { error: 1, warning: 2, info: 3, hint: 4 };

/** The source name editors show next to each diagnostic. */
const SOURCE = 'talos-planner';

/**
 * The planner's input format for a document, from its file name first (as the CLI's
 * `Format::from_path`), then its language id; `null` for files the server ignores.
 * @param {string} uri
 * @param {string} [languageId]
 * @returns {'yaml' | 'json' | 'hcl' | null}
 */
function formatOf(uri, languageId) {
  let name = uri;
  try {
    name = decodeURIComponent(new URL(uri).pathname);
  } catch {
    // Not a URL (an untitled buffer): the language id decides.
  }
  const lower = name.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.tf') || lower.endsWith('.tfvars') || lower.endsWith('.hcl')) return 'hcl';
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  switch (languageId) {
    case 'yaml':
      return 'yaml';
    case 'json':
    case 'jsonc':
      return 'json';
    case 'terraform':
    case 'terraform-vars':
    case 'hcl':
    case 'tf':
      return 'hcl';
    default:
      return null;
  }
}

const YAML_KEY = /^["']?(?:cluster|controlplane)["']?[ \t]*:/m;
const JSON_KEY = /"(?:cluster|controlplane)"\s*:/;
const HCL_KEY = /^[ \t]*"?(?:cluster|controlplane)"?[ \t]*=/m;
const SCHEMA_MODELINE = /^#\s*yaml-language-server:\s*\$schema=\S*talos-planner/m;

/**
 * Whether a text is a talos-planner config, so that an editor can send the server every
 * YAML and JSON file without `unknown-field` errors on a CI workflow or a package.json:
 * a top-level `cluster` or `controlplane` key, the schema modeline, or, in Terraform,
 * the module's name or its variables.
 * @param {string} text
 * @param {'yaml' | 'json' | 'hcl'} format
 */
function isClusterConfig(text, format) {
  switch (format) {
    case 'yaml':
      return YAML_KEY.test(text) || SCHEMA_MODELINE.test(text);
    case 'json':
      return JSON_KEY.test(text);
    case 'hcl':
      return text.includes('terraform-proxmox-talos-cluster') || HCL_KEY.test(text);
    default:
      return false;
  }
}

/**
 * A planner diagnostic as an LSP diagnostic.
 * @param {import('../pkg/talos_planner').Diagnostic} d
 * @param {string} uri
 * @param {boolean} related whether the client shows related information
 */
function toLspDiagnostic(d, uri, related) {
  /** @type {Record<string, unknown>} */
  const out = {
    range: d.range,
    severity: SEVERITY[d.severity] ?? 1,
    code: d.code,
    source: SOURCE,
    message: d.message,
  };
  if (related && d.related.length > 0) {
    out.relatedInformation = d.related.map((r) => ({
      location: { uri, range: r.range },
      message: r.message,
    }));
  }
  return out;
}

/** The diagnostic the server reports when the planner itself failed on a text. */
function internalError(err) {
  const message = err instanceof Error ? err.message : String(err);
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: 1,
    code: 'internal-error',
    source: SOURCE,
    message: `talos-planner could not check this file (${message}); please report it with the file`,
  };
}

/** a <= b for LSP positions. */
function before(a, b) {
  return a.line < b.line || (a.line === b.line && a.character <= b.character);
}

/** Whether two ranges share a position (touching counts: a cursor at a word's end). */
function overlaps(a, b) {
  return before(a.start, b.end) && before(b.start, a.end);
}

/** Whether a code action kind is wanted by a request's `only` filter. */
function wanted(kind, only) {
  if (!only || only.length === 0) return true;
  return only.some((k) => k === kind || kind.startsWith(`${k}.`));
}

/** Whether an LSP diagnostic a client sent back is the one published as `published`. */
function sameDiagnostic(sent, published) {
  return (
    sent.code === published.code &&
    sent.message === published.message &&
    sent.range.start.line === published.range.start.line &&
    sent.range.start.character === published.range.start.character &&
    sent.range.end.line === published.range.end.line &&
    sent.range.end.character === published.range.end.character
  );
}

/**
 * The quick fixes for a code action request: of the diagnostics the client asked about
 * (`context.diagnostics`), or, when it names none, of those that overlap `range`. One
 * fix offered by several diagnostics (the same VIP outside each control plane's subnet)
 * is one action that names them all, not a list of identical entries.
 * @param {string} uri
 * @param {import('vscode-languageserver').Range} range
 * @param {import('../pkg/talos_planner').Diagnostic[]} diagnostics the planner's
 * @param {object[]} lspDiagnostics the same, as published
 * @param {object[]} [asked] the diagnostics of the request's context
 */
function codeActions(uri, range, diagnostics, lspDiagnostics, asked = []) {
  const wantedDiagnostic = (i) =>
    asked.length > 0
      ? asked.some((sent) => sameDiagnostic(sent, lspDiagnostics[i]))
      : overlaps(diagnostics[i].range, range);
  /** @type {Map<string, object>} */
  const actions = new Map();
  diagnostics.forEach((d, i) => {
    if (d.fixes.length === 0 || !wantedDiagnostic(i)) return;
    for (const fix of d.fixes) {
      const edits = fix.edits.map((e) => ({ range: e.range, newText: e.new_text }));
      const key = JSON.stringify([fix.title, edits]);
      const known = actions.get(key);
      if (known) {
        known.diagnostics.push(lspDiagnostics[i]);
        continue;
      }
      actions.set(key, {
        title: fix.title,
        kind: 'quickfix',
        diagnostics: [lspDiagnostics[i]],
        isPreferred: d.fixes.length === 1,
        edit: { changes: { [uri]: edits } },
      });
    }
  });
  return [...actions.values()];
}

const LEVELS = new Set(['allow', 'warn', 'deny']);

/**
 * The `rules` setting (rule id or `all` -> `allow` | `warn` | `deny`) as the planner's
 * option, keeping the entries `accepts` takes and naming the others.
 * @param {unknown} setting
 * @param {(rules: Record<string, string>) => boolean} accepts
 * @returns {{ rules: Record<string, string>, rejected: string[] }}
 */
function ruleLevels(setting, accepts) {
  /** @type {Record<string, string>} */
  const rules = {};
  const rejected = [];
  if (setting === null || setting === undefined) return { rules, rejected };
  if (typeof setting !== 'object' || Array.isArray(setting)) {
    return { rules, rejected: ['`rules` must map rule ids to allow, warn or deny'] };
  }
  for (const [id, level] of Object.entries(setting)) {
    if (typeof level !== 'string' || !LEVELS.has(level) || !accepts({ [id]: level })) {
      rejected.push(`${id}: ${JSON.stringify(level)}`);
      continue;
    }
    rules[id] = level;
  }
  return { rules, rejected };
}

module.exports = {
  SEVERITY,
  SOURCE,
  formatOf,
  isClusterConfig,
  toLspDiagnostic,
  internalError,
  overlaps,
  wanted,
  codeActions,
  ruleLevels,
};
