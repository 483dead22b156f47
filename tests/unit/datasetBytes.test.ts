// The scalable reader: list files as JSON or gzip-compressed JSON; cut-off, damaged, oversized and "bomb" input
// refused with a clear message, and nothing installed.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readDatasetInfo, readInstalledTable } from '../../extension/store/datasetStore';
import { DatasetBytesError, datasetPlainBytes, gunzip, isGzip } from '../../lib/dataset/datasetBytes';
import { validateDatasetBytes } from '../../lib/dataset/validateDataset';
import { tinyDataset } from './datasetFixtures';
import { setUpLists } from './listFixtures';

const text = JSON.stringify(tinyDataset('2.0.0'));
const gzipped = new Uint8Array(gzipSync(text));

/** A file's text, as the background reads it: decompressed, then decoded. */
const textOf = async (bytes: Uint8Array, max: number) => new TextDecoder().decode(await datasetPlainBytes(bytes, max));

/** A file's bytes validated as the background validates them, refusing what is not UTF-8. */
const validated = async (bytes: Uint8Array) =>
  validateDatasetBytes(await datasetPlainBytes(bytes, 1e6), () => new DatasetBytesError('errorNotUtf8'));

async function refusal(promise: Promise<unknown>): Promise<DatasetBytesError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(DatasetBytesError);
  return error as DatasetBytesError;
}

describe('reading a list file', () => {
  it('reads JSON as it is, and gzip-compressed JSON by its first bytes', async () => {
    const plain = new TextEncoder().encode(text);
    expect(isGzip(plain)).toBe(false);
    expect(isGzip(gzipped)).toBe(true);
    expect(await textOf(plain, 1e6)).toBe(text);
    expect(await textOf(gzipped, 1e6)).toBe(text);
    expect(await validated(gzipped)).toMatchObject({ ok: true });
    expect(gzipped.length).toBeLessThan(plain.length);
  });

  it('refuses a compressed file that was cut off, or damaged inside, saying so', async () => {
    const cut = await refusal(datasetPlainBytes(gzipped.slice(0, gzipped.length - 12), 1e6));
    expect(cut.key).toBe('errorGzipDamaged');
    expect(cut.message).toMatch(/gzip-compressed but damaged or cut off/);
    const damaged = gzipped.slice();
    for (let i = 20; i < 40; i++) damaged[i] = damaged[i]! ^ 0x5a;
    expect((await refusal(datasetPlainBytes(damaged, 1e6))).key).toBe('errorGzipDamaged');
    // Only the magic bytes: a gzip header with nothing after it.
    expect((await refusal(datasetPlainBytes(gzipped.slice(0, 2), 1e6))).key).toBe('errorGzipDamaged');
  });

  it('stops a small file that would decompress past the limit (a "bomb")', async () => {
    // 64 MB of zeros compress to about 64 kB.
    const bomb = new Uint8Array(gzipSync(Buffer.alloc(64_000_000)));
    expect(bomb.length).toBeLessThan(100_000);
    const stopped = await refusal(gunzip(bomb, 1_000_000));
    expect(stopped.key).toBe('errorGzipTooLarge');
    expect(stopped.message).toBe('Decompressed, the file is over the 1 MB limit.');
  });

  it('refuses text that is not UTF-8, and plain text over the limit', async () => {
    expect((await refusal(validated(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])))).key).toBe('errorNotUtf8');
    expect((await refusal(validated(new Uint8Array(gzipSync(Buffer.from([0xff, 0xfe])))))).key).toBe('errorNotUtf8');
    expect((await refusal(datasetPlainBytes(new TextEncoder().encode(text), 100))).key).toBe('errorOverLimit');
  });
});

describe('a subscribed list served gzip-compressed', () => {
  const gzipAnswer = (body: Uint8Array) => () =>
    new Response(body.slice(), { status: 200, headers: { 'content-type': 'application/gzip' } });

  it('installs, and a cut-off or bomb download later installs nothing and says why', async () => {
    let answer = gzipAnswer(gzipped);
    // The text limit made small: a bomb that would pass it decompresses to far more, and is stopped.
    const lists = setUpLists({ answer: () => answer(), maxTextBytes: 50_000_000 });
    await lists.service.ready;
    const outcome = await lists.updates.subscribe('https://lists.example/takedowns.json.gz');
    expect(outcome).toMatchObject({ kind: 'installed', info: { datasetVersion: '2.0.0' } });
    const row = (await lists.catalogue.all()).find((candidate) => candidate.kind === 'url')!;
    const listDb = lists.catalogue.db(row);

    const next = new Uint8Array(gzipSync(JSON.stringify(tinyDataset('3.0.0'))));
    answer = gzipAnswer(next.slice(0, next.length - 30));
    await expect(lists.updates.refresh(row.id)).rejects.toThrow(
      /damaged or cut off: .+ The installed dataset is unchanged\./,
    );
    expect((await readDatasetInfo(listDb))?.datasetVersion).toBe('2.0.0');
    expect((await lists.catalogue.get(row.id))!.refresh.lastAttempt).toMatchObject({ outcome: 'failed' });

    answer = gzipAnswer(new Uint8Array(gzipSync(Buffer.alloc(200_000_000, 0x20))));
    await expect(lists.updates.refresh(row.id)).rejects.toThrow(/Decompressed, the file is over the 50 MB limit/);
    expect((await readDatasetInfo(listDb))?.datasetVersion).toBe('2.0.0');
    expect((await readInstalledTable(listDb, 'accounts')).length).toBeGreaterThan(0);
  });
});
