// A list maintainer's signing commands (see "Signed lists" in the README):
//   npm run data:keygen [-- --out FILE]          a new Ed25519 key pair; prints the public key and its fingerprint
//   npm run data:sign FILE [-- --key KEYFILE]    writes FILE.sig, the detached signature of FILE's exact bytes
//   npm run data:verify FILE -- --public KEY     checks FILE.sig against FILE with the public key (exit 1 if not)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  formatPublicKey,
  keyFingerprint,
  parsePublicKey,
  parseSignature,
  SIGNATURE_SUFFIX,
  toBase64,
  verifyDetached,
} from '../lib/signature/listSignature';

const { subtle } = globalThis.crypto;
const DEFAULT_KEY_FILE = 'takedown-lens-signing-key.json';

interface KeyFile {
  publicKey: string;
  /** PKCS #8, base64. Keep this file secret and out of version control. */
  privateKey: string;
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

async function keygen(out: string) {
  if (existsSync(out)) fail(`${out} exists: move it away first (a lost or replaced key cannot be undone).`);
  const pair = (await subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const publicKey = new Uint8Array(await subtle.exportKey('raw', pair.publicKey));
  const privateKey = new Uint8Array(await subtle.exportKey('pkcs8', pair.privateKey));
  const file: KeyFile = { publicKey: formatPublicKey(publicKey), privateKey: toBase64(privateKey) };
  writeFileSync(out, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  console.log(`Private key written to ${out} (keep it secret; never commit it).`);
  console.log(`Public key, for your readers: ${file.publicKey}`);
  console.log(`Fingerprint: ${await keyFingerprint(publicKey, subtle)}`);
}

async function sign(file: string, keyFile: string) {
  if (!existsSync(keyFile)) fail(`No key file ${keyFile}: make one with npm run data:keygen.`);
  const key = JSON.parse(readFileSync(keyFile, 'utf8')) as KeyFile;
  const privateKey = await subtle.importKey(
    'pkcs8',
    Uint8Array.from(atob(key.privateKey), (char) => char.charCodeAt(0)),
    { name: 'Ed25519' },
    false,
    ['sign'],
  );
  const signature = new Uint8Array(await subtle.sign({ name: 'Ed25519' }, privateKey, readFileSync(file)));
  writeFileSync(`${file}${SIGNATURE_SUFFIX}`, `${toBase64(signature)}\n`);
  console.log(`Signed ${file}: publish ${file}${SIGNATURE_SUFFIX} beside it (same URL, plus "${SIGNATURE_SUFFIX}").`);
}

async function verify(file: string, publicText: string) {
  const key = parsePublicKey(publicText);
  if (!key) fail('The public key must be "ed25519:" followed by the base64 of 32 bytes.');
  const sigFile = `${file}${SIGNATURE_SUFFIX}`;
  if (!existsSync(sigFile)) fail(`No signature ${sigFile}.`);
  const signature = parseSignature(readFileSync(sigFile, 'utf8'));
  if (!signature) fail(`${sigFile} is not a base64 Ed25519 signature.`);
  const ok = await verifyDetached(key, signature, readFileSync(file), subtle);
  const fingerprint = await keyFingerprint(key, subtle);
  if (!ok) fail(`${file}: the signature does NOT match this file and key (${fingerprint}).`);
  console.log(`${file}: signature valid for key ${fingerprint}.`);
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { out: { type: 'string' }, key: { type: 'string' }, public: { type: 'string' } },
  });
  if (command === 'keygen') return keygen(values.out ?? DEFAULT_KEY_FILE);
  const file = positionals[0] ?? fail(`Usage: npm run data:${command} FILE`);
  if (command === 'sign') return sign(file, values.key ?? DEFAULT_KEY_FILE);
  if (command === 'verify') {
    const publicText =
      values.public ??
      (existsSync(values.key ?? DEFAULT_KEY_FILE)
        ? (JSON.parse(readFileSync(values.key ?? DEFAULT_KEY_FILE, 'utf8')) as KeyFile).publicKey
        : undefined);
    return verify(file, publicText ?? fail('Give the public key: npm run data:verify FILE -- --public ed25519:…'));
  }
  fail('Commands: keygen, sign FILE, verify FILE');
}

void main();
