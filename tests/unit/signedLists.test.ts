import { describe, expect, it } from 'vitest';
import { signatureUrl } from '../../extension/background/datasetUpdates';
import { readDatasetInfo } from '../../extension/store/datasetStore';
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
import { tinyDataset } from './datasetFixtures';
import { setUpLists } from './listFixtures';

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

const URL_A = 'https://lists.example/takedowns.json';

/** A subscribed list at URL_A (signed with `key`, if given) holding version 1.1.0, and the files the server has. */
async function signedSetUp(files: Record<string, { status?: number; body: Uint8Array | string }>, key = '') {
  const lists = setUpLists({
    answer: (request) => {
      const file = files[request.url];
      if (!file) return new Response('not here', { status: 404 });
      return new Response(file.body as BodyInit, { status: file.status ?? 200 });
    },
  });
  await lists.service.ready;
  const row = await lists.addUrlList(URL_A);
  await lists.updates.installText(row.id, JSON.stringify(tinyDataset('1.1.0')), { kind: 'url', url: URL_A });
  if (key) await lists.updates.setList(row.id, { key });
  const { db } = await lists.list(row.id);
  return { ...lists, db, id: row.id };
}

describe('refreshing a signed list', () => {
  it('installs a version whose signature verifies with the list’s key', async () => {
    const maintainer = await keyPair();
    const body = new TextEncoder().encode(JSON.stringify(tinyDataset('2.0.0')));
    const { db, updates, id } = await signedSetUp(
      {
        [URL_A]: { body },
        [`${URL_A}.sig`]: { body: toBase64(await maintainer.sign(body)) },
      },
      maintainer.text,
    );
    expect((await updates.refresh(id)).kind).toBe('installed');
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
      const { db, updates, id, catalogue } = await signedSetUp(files, maintainer.text);
      await expect(updates.refresh(id)).rejects.toThrow(reason);
      expect((await readDatasetInfo(db))?.datasetVersion).toBe('1.1.0');
      expect((await catalogue.get(id))?.refresh.lastAttempt).toMatchObject({ outcome: 'failed' });
    }
  });

  it('keeps a list’s key only in its canonical form, shows its fingerprint, and refuses one that is not a key', async () => {
    const { updates, id, catalogue } = await signedSetUp({});
    const maintainer = await keyPair();
    const view = await updates.setList(id, { key: `  ${maintainer.text.slice('ed25519:'.length)}  ` });
    expect(view.key).toBe(maintainer.text);
    expect(view.fingerprint).toMatch(/^[0-9a-f]{4}( [0-9a-f]{4}){3}$/);
    await expect(updates.setList(id, { key: 'ed25519:nonsense' })).rejects.toThrow(/ed25519:/);
    await expect(updates.subscribe('https://other.example/a.json', '', 'ed25519:nonsense')).rejects.toThrow(/ed25519:/);
    expect((await catalogue.get(id))?.key).toBe(maintainer.text);
  });

  it('keeps each list’s key to itself: a signed list’s key is never used for another list', async () => {
    const maintainer = await keyPair();
    const body = new TextEncoder().encode(JSON.stringify(tinyDataset('2.0.0')));
    const URL_B = 'https://other.example/list.json';
    const lists = await signedSetUp({ [URL_A]: { body }, [URL_B]: { body } }, maintainer.text);
    const other = await lists.addUrlList(URL_B);
    expect((await lists.updates.refresh(other.id)).kind).toBe('installed');
    await expect(lists.updates.refresh(lists.id)).rejects.toThrow(/no signature was published/);
  });
});
