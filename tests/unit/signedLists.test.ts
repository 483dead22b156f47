import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { DatasetUpdates, signatureUrl } from '../../extension/background/datasetUpdates';
import { SettingsKeeper } from '../../extension/background/settingsKeeper';
import { TakedownService } from '../../extension/background/takedownService';
import { readDatasetInfo, seedFromBundled } from '../../extension/store/datasetStore';
import { TakedownDb } from '../../extension/store/takedownDb';
import {
  formatPublicKey,
  keyFingerprint,
  nobleVerifier,
  parsePublicKey,
  parseSignature,
  toBase64,
  verifyDetached,
  webCryptoVerifier,
} from '../../lib/signature/listSignature';
import { tinyDataset, validBundled } from './datasetFixtures';

const { subtle } = globalThis.crypto;

async function keyPair() {
  const pair = (await subtle.generateKey({ name: 'Ed25519' }, true, ['sign', 'verify'])) as CryptoKeyPair;
  const publicKey = new Uint8Array(await subtle.exportKey('raw', pair.publicKey));
  const sign = async (bytes: Uint8Array) =>
    new Uint8Array(await subtle.sign({ name: 'Ed25519' }, pair.privateKey, bytes as BufferSource));
  return { publicKey, sign, text: formatPublicKey(publicKey) };
}

describe('list signatures', () => {
  it('verify with WebCrypto and with @noble/ed25519 alike, and refuse a changed file or another key', async () => {
    const maintainer = await keyPair();
    const stranger = await keyPair();
    const file = new TextEncoder().encode('{"datasetVersion":"2.0.0"}');
    const signature = await maintainer.sign(file);
    const changed = new TextEncoder().encode('{"datasetVersion":"9.0.0"}');
    for (const verify of [webCryptoVerifier(subtle), nobleVerifier]) {
      expect(await verify(maintainer.publicKey, signature, file)).toBe(true);
      expect(await verify(maintainer.publicKey, signature, changed)).toBe(false);
      expect(await verify(stranger.publicKey, signature, file)).toBe(false);
    }
    expect(await verifyDetached(maintainer.publicKey, signature, file, subtle)).toBe(true);
  });

  it('falls back to @noble/ed25519 where WebCrypto has no Ed25519', async () => {
    const maintainer = await keyPair();
    const file = new TextEncoder().encode('list');
    const signature = await maintainer.sign(file);
    const noEd25519 = {
      digest: subtle.digest.bind(subtle),
      importKey: async () => {
        throw new DOMException('Unrecognized name', 'NotSupportedError');
      },
    } as unknown as SubtleCrypto;
    expect(await verifyDetached(maintainer.publicKey, signature, file, noEd25519)).toBe(true);
    expect(await verifyDetached(maintainer.publicKey, signature, new Uint8Array([1]), noEd25519)).toBe(false);
  });

  it('reads keys and signatures as published, and refuses anything else', async () => {
    const { publicKey, text } = await keyPair();
    expect(parsePublicKey(text)).toEqual(publicKey);
    expect(parsePublicKey(`  ${text.slice('ed25519:'.length)} `)).toEqual(publicKey);
    expect(parsePublicKey('ed25519:short')).toBeNull();
    expect(parsePublicKey('ed25519:' + toBase64(new Uint8Array(31)))).toBeNull();
    expect(parseSignature(toBase64(new Uint8Array(64)) + '\n')).toHaveLength(64);
    expect(parseSignature('<html>')).toBeNull();
    expect(await keyFingerprint(publicKey, subtle)).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){3}$/);
    expect(signatureUrl('https://lists.example/wechat.json?v=2')).toBe('https://lists.example/wechat.json.sig?v=2');
  });
});

const dbs: TakedownDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

const URL_A = 'https://lists.example/takedowns.json';

async function signedSetUp(files: Record<string, { status?: number; body: Uint8Array | string }>) {
  const db = new TakedownDb(`signed-${dbs.length}-${Date.now()}`);
  dbs.push(db);
  const service = new TakedownService(db, () => seedFromBundled(db, validBundled()));
  const fetch = (async (input: RequestInfo | URL) => {
    const file = files[String(input)];
    if (!file) return new Response('not here', { status: 404 });
    return new Response(file.body as BodyInit, { status: file.status ?? 200 });
  }) as typeof globalThis.fetch;
  const settings = new SettingsKeeper(db);
  const updates = new DatasetUpdates(service, { fetch, bundled: validBundled(), settings });
  await service.ready;
  return { db, settings, updates };
}

describe('refreshing a signed list', () => {
  it('installs a version whose signature verifies with the list’s key', async () => {
    const maintainer = await keyPair();
    const body = new TextEncoder().encode(JSON.stringify(tinyDataset('2.0.0')));
    const { db, settings, updates } = await signedSetUp({
      [URL_A]: { body },
      [`${URL_A}.sig`]: { body: toBase64(await maintainer.sign(body)) },
    });
    await settings.save({ refreshUrl: URL_A, refreshKey: maintainer.text });
    expect((await updates.refresh(undefined)).kind).toBe('installed');
    expect((await readDatasetInfo(db))?.datasetVersion).toBe('2.0.0');
  });

  it('refuses a changed file, a missing signature or another key’s signature, and keeps the installed version', async () => {
    const maintainer = await keyPair();
    const stranger = await keyPair();
    const body = new TextEncoder().encode(JSON.stringify(tinyDataset('2.0.0')));
    const changed = new TextEncoder().encode(JSON.stringify(tinyDataset('2.0.1')));
    const cases: Array<[Record<string, { body: Uint8Array | string }>, RegExp]> = [
      [
        { [URL_A]: { body: changed }, [`${URL_A}.sig`]: { body: toBase64(await maintainer.sign(body)) } },
        /does not match/,
      ],
      [
        { [URL_A]: { body } },
        /no signature was published beside it \(https:\/\/lists\.example\/takedowns\.json\.sig\)/,
      ],
      [{ [URL_A]: { body }, [`${URL_A}.sig`]: { body: toBase64(await stranger.sign(body)) } }, /does not match/],
      [{ [URL_A]: { body }, [`${URL_A}.sig`]: { body: '<html>moved</html>' } }, /is not an Ed25519 signature/],
    ];
    for (const [files, reason] of cases) {
      const { db, settings, updates } = await signedSetUp(files);
      await settings.save({ refreshUrl: URL_A, refreshKey: maintainer.text });
      await expect(updates.refresh(undefined)).rejects.toThrow(reason);
      expect((await readDatasetInfo(db))?.datasetVersion).toBe('1.1.0');
      expect((await updates.refreshState.get()).lastAttempt).toMatchObject({ outcome: 'failed' });
    }
  });

  it('keeps a key only in its canonical form, and refuses one that is not a key', async () => {
    const { settings } = await signedSetUp({});
    const maintainer = await keyPair();
    const saved = await settings.save({ refreshKey: `  ${maintainer.text.slice('ed25519:'.length)}  ` });
    expect(saved.refreshKey).toBe(maintainer.text);
    await expect(settings.save({ refreshKey: 'ed25519:nonsense' })).rejects.toThrow(/ed25519:/);
    expect((await settings.get()).refreshKey).toBe(maintainer.text);
  });
});
