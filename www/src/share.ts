// The config in the URL fragment (`#config=…`): deflated and base64url-encoded, so a
// plan is shared by copying the link. The fragment never reaches a server.
import { deflateSync, inflateSync, strToU8 } from 'fflate';

const KEY = 'config=';

function toBase64Url(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const binary = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** The fragment (without `#`) that carries `text`. */
export function encodeConfig(text: string): string {
  return KEY + toBase64Url(deflateSync(strToU8(text), { level: 9 }));
}

/** What a fragment carries: no config, a config, or a config that cannot be read. */
export type Shared = { kind: 'none' } | { kind: 'config'; text: string } | { kind: 'damaged'; why: string };

/** The config in a fragment (with or without `#`), telling a damaged one from none. */
export function readShared(hash: string): Shared {
  const fragment = hash.replace(/^#/, '');
  if (!fragment.startsWith(KEY)) return { kind: 'none' };
  try {
    const bytes = inflateSync(fromBase64Url(fragment.slice(KEY.length)));
    // A truncated link can inflate to nothing, or to bytes that are not UTF-8 text.
    if (bytes.length === 0) return { kind: 'damaged', why: 'it holds no config' };
    return { kind: 'config', text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch (err) {
    const why = err instanceof Error && err.message ? err.message : String(err);
    return { kind: 'damaged', why: `it cannot be decoded (${why})` };
  }
}

/** The config in a fragment (with or without `#`), or null when there is none or it is damaged. */
export function decodeConfig(hash: string): string | null {
  const shared = readShared(hash);
  return shared.kind === 'config' ? shared.text : null;
}

const LAST = 'talos-planner.last-config';

/** Keeps the config in this browser, so a damaged link can fall back to it. */
export function remember(text: string): void {
  try {
    localStorage.setItem(LAST, text);
  } catch {
    // Storage full or disabled (a private window): the link still carries the config.
  }
}

/** The config last edited in this browser, if any. */
export function lastConfig(): string | null {
  try {
    return localStorage.getItem(LAST);
  } catch {
    return null;
  }
}

/** Replaces the fragment without adding a history entry per keystroke. */
export function storeInUrl(text: string): void {
  const url = new URL(window.location.href);
  url.hash = encodeConfig(text);
  window.history.replaceState(null, '', url);
}
