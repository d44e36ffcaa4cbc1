// The config in the URL fragment (`#config=…`): deflated and base64url-encoded, so a
// plan is shared by copying the link. The fragment never reaches a server.
import { deflateSync, inflateSync, strFromU8, strToU8 } from 'fflate';

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

/** The config in a fragment (with or without `#`), or null when there is none or it is damaged. */
export function decodeConfig(hash: string): string | null {
  const fragment = hash.replace(/^#/, '');
  if (!fragment.startsWith(KEY)) return null;
  try {
    return strFromU8(inflateSync(fromBase64Url(fragment.slice(KEY.length))));
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
