// Signed lists: a list's maintainer signs each version of the file with Ed25519 and publishes the detached signature
// beside it, at `<file URL>.sig` (base64 of the 64-byte signature, one line). Readers give the maintainer's public
// key (`ed25519:` and base64 of its 32 bytes) and compare its short fingerprint. Verification uses WebCrypto where
// the browser has Ed25519, otherwise @noble/ed25519 (audited, no dependencies); both are tested.
// `subtle` is passed in, so this stays free of browser globals.
import { verifyAsync } from '@noble/ed25519';

export const SIGNATURE_SUFFIX = '.sig';
const KEY_PREFIX = 'ed25519:';

function fromBase64(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text) || text.length % 4 !== 0) return null;
  try {
    return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
  } catch {
    return null;
  }
}

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** A public key as typed or pasted ("ed25519:…" or the bare base64); null when it is not a 32-byte key. */
export function parsePublicKey(text: string): Uint8Array | null {
  const trimmed = text.trim();
  const bare = trimmed.toLowerCase().startsWith(KEY_PREFIX) ? trimmed.slice(KEY_PREFIX.length) : trimmed;
  const bytes = fromBase64(bare);
  return bytes?.length === 32 ? bytes : null;
}

export function formatPublicKey(key: Uint8Array): string {
  return `${KEY_PREFIX}${toBase64(key)}`;
}

/** A detached signature file's content; null when it is not one base64 signature of 64 bytes. */
export function parseSignature(text: string): Uint8Array | null {
  const bytes = fromBase64(text.trim());
  return bytes?.length === 64 ? bytes : null;
}

/** A key's fingerprint for people to compare: the first 8 bytes of its SHA-256, in four groups ("3f2a 9c01 …"). */
export async function keyFingerprint(key: Uint8Array, subtle: SubtleCrypto): Promise<string> {
  const digest = new Uint8Array(await subtle.digest('SHA-256', key as BufferSource));
  const hex = [...digest.slice(0, 8)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return hex.match(/.{4}/g)!.join(' ');
}

export type Verifier = (key: Uint8Array, signature: Uint8Array, message: Uint8Array) => Promise<boolean>;

export function webCryptoVerifier(subtle: SubtleCrypto): Verifier {
  return async (key, signature, message) => {
    const imported = await subtle.importKey('raw', key as BufferSource, { name: 'Ed25519' }, false, ['verify']);
    return subtle.verify({ name: 'Ed25519' }, imported, signature as BufferSource, message as BufferSource);
  };
}

export const nobleVerifier: Verifier = async (key, signature, message) => {
  try {
    return await verifyAsync(signature, message, key);
  } catch {
    return false;
  }
};

/** RFC 8032's first test key: a valid point, to ask WebCrypto whether it can import Ed25519 keys at all. */
const PROBE_KEY = Uint8Array.from(
  'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a'.match(/../g)!,
  (hex) => parseInt(hex, 16),
);

/** True where this browser's WebCrypto has Ed25519 (Chrome 137+, Firefox 129+). */
export async function webCryptoHasEd25519(subtle: SubtleCrypto): Promise<boolean> {
  try {
    await subtle.importKey('raw', PROBE_KEY as BufferSource, { name: 'Ed25519' }, false, ['verify']);
    return true;
  } catch {
    return false;
  }
}

/** Verifies a detached signature, with WebCrypto where it has Ed25519, otherwise with @noble/ed25519. */
export async function verifyDetached(
  key: Uint8Array,
  signature: Uint8Array,
  message: Uint8Array,
  subtle: SubtleCrypto,
): Promise<boolean> {
  const verify = (await webCryptoHasEd25519(subtle)) ? webCryptoVerifier(subtle) : nobleVerifier;
  try {
    return await verify(key, signature, message);
  } catch {
    return false;
  }
}
