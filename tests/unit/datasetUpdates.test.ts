import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { DatasetUpdates, MAX_DATASET_BYTES } from '../../extension/background/datasetUpdates';
import { SettingsKeeper } from '../../extension/background/settingsKeeper';
import { TakedownService } from '../../extension/background/takedownService';
import { readDatasetInfo, readPreviousInfo, seedFromBundled } from '../../extension/store/datasetStore';
import { TakedownDb } from '../../extension/store/takedownDb';
import { tinyDataset, validBundled } from './datasetFixtures';

let counter = 0;
const dbs: TakedownDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

type Answer = (request: Request) => Response | Promise<Response>;

function setUp(answer: Answer, timeoutMs?: number) {
  const db = new TakedownDb(`updates-${counter++}`);
  dbs.push(db);
  const service = new TakedownService(db, () => seedFromBundled(db, validBundled()));
  const requests: Request[] = [];
  const fakeFetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    requests.push(request);
    return answer(request);
  }) as typeof fetch;
  const updates = new DatasetUpdates(service, { fetch: fakeFetch, bundled: validBundled(), timeoutMs });
  const loadRefreshState = () => updates.refreshState.get();
  return { db, service, updates, requests, loadRefreshState };
}

const json = (body: unknown, headers: Record<string, string> = {}) =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), {
    status: 200,
    headers: { 'content-type': 'application/json', ...headers },
  });
const URL_A = 'https://data.example/takedowns.json';

async function expectUnchanged(db: TakedownDb) {
  expect((await readDatasetInfo(db))?.datasetVersion).toBe('1.1.0');
  expect(await db.accounts.get('okex-wechat')).toBeDefined();
}

describe('refresh from a URL', () => {
  it('installs a newer dataset, keeps the previous one, and sends validators next time', async () => {
    let calls = 0;
    const { db, service, updates, requests, loadRefreshState } = setUp(() =>
      calls++ === 0
        ? json(tinyDataset('2.0.0'), { etag: '"v2"', 'last-modified': 'Tue, 01 Sep 2026 00:00:00 GMT' })
        : new Response(null, { status: 304 }),
    );
    await service.ready;
    const outcome = await updates.refresh(URL_A);
    expect(outcome).toMatchObject({
      kind: 'installed',
      info: { datasetVersion: '2.0.0', origin: { kind: 'url', url: URL_A } },
    });
    expect((await readPreviousInfo(db))?.datasetVersion).toBe('1.1.0');
    expect(await updates.refresh(URL_A)).toEqual({ kind: 'not-modified' });
    expect(requests[1]!.headers.get('if-none-match')).toBe('"v2"');
    expect(requests[1]!.headers.get('if-modified-since')).toBe('Tue, 01 Sep 2026 00:00:00 GMT');
    expect((await loadRefreshState()).lastAttempt).toMatchObject({ outcome: 'not-modified', url: URL_A });
  });

  it('uses the configured URL when none is given, and refuses a missing or insecure one', async () => {
    const { updates, requests, service } = setUp(() => json(tinyDataset('2.0.0')));
    await service.ready;
    await expect(updates.refresh(undefined)).rejects.toThrow(/No dataset URL is set/);
    await expect(updates.refresh('http://data.example/x.json')).rejects.toThrow(/Only https/);
    await expect(updates.refresh('javascript:alert(1)')).rejects.toThrow(/javascript: address/);
    await new SettingsKeeper(service.db).save({ refreshUrl: URL_A });
    expect((await updates.refresh(undefined)).kind).toBe('installed');
    expect(requests.map((r) => r.url)).toEqual([URL_A]);
  });

  it('refuses an older dataset unless confirmed, and leaves the same version alone', async () => {
    const { db, updates, service } = setUp(() => json(tinyDataset('0.5.0')));
    await service.ready;
    expect(await updates.refresh(URL_A)).toEqual({ kind: 'older', installed: '1.1.0', offered: '0.5.0' });
    await expectUnchanged(db);
    expect((await updates.refresh(URL_A, true)).kind).toBe('installed');
    expect((await readDatasetInfo(db))?.datasetVersion).toBe('0.5.0');
    expect(await updates.refresh(URL_A)).toEqual({ kind: 'same-version', version: '0.5.0' });
  });

  const failures: Array<[string, Answer, RegExp]> = [
    ['invalid JSON', () => json('{"schemaVersion": 1, "accounts": ['), /not valid JSON/],
    ['HTML instead of JSON', () => new Response('<!doctype html><p>Hello</p>', { status: 200 }), /HTML/],
    ['a wrong schema', () => json({ ...tinyDataset('2.0.0'), schemaVersion: 7 }), /\$\.schemaVersion/],
    [
      'dangling references',
      () => json({ ...tinyDataset('2.0.0'), events: [{ ...tinyDataset('2.0.0').events[0], reportIds: ['r-nope'] }] }),
      /\$\.events\[0\]\.reportIds\[0\]: no report has id "r-nope"/,
    ],
    ['a 404', () => new Response('gone', { status: 404, statusText: 'Not Found' }), /answered 404 Not Found/],
    ['a 500', () => new Response('oops', { status: 500, statusText: 'Internal Server Error' }), /answered 500/],
    [
      'a redirect',
      () => new Response(null, { status: 302, headers: { location: 'https://elsewhere.example/' } }),
      /redirected/,
    ],
    [
      'an oversized body (declared)',
      () => new Response('{}', { status: 200, headers: { 'content-length': String(MAX_DATASET_BYTES + 1) } }),
      /over the 64\.0 MB limit/,
    ],
    [
      'a javascript: URL in a report',
      () =>
        json({
          ...tinyDataset('2.0.0'),
          reports: [{ ...tinyDataset('2.0.0').reports[0], url: 'javascript:alert(1)' }],
        }),
      /\$\.reports\[0\]\.url: must be an absolute http/,
    ],
    ['a network failure', () => Promise.reject(new TypeError('Failed to fetch')), /download failed: Failed to fetch/],
  ];
  for (const [name, answer, message] of failures) {
    it(`refuses ${name} with a clear message and keeps the installed dataset`, async () => {
      const { db, updates, service, loadRefreshState } = setUp(answer);
      await service.ready;
      await expect(updates.refresh(URL_A)).rejects.toThrow(message);
      await expectUnchanged(db);
      expect((await loadRefreshState()).lastAttempt).toMatchObject({ outcome: 'failed', url: URL_A });
      expect((await loadRefreshState()).lastAttempt?.message).toMatch(message);
    });
  }

  it('gives up after the timeout and keeps the installed dataset', async () => {
    const hang: Answer = (request) =>
      new Promise((_, reject) =>
        request.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
      );
    const { db, updates, service } = setUp(hang, 50);
    await service.ready;
    await expect(updates.refresh(URL_A)).rejects.toThrow(/did not answer within 0\.05 s/);
    await expectUnchanged(db);
  });

  it('refuses an oversized body without a length header, while streaming', async () => {
    const big = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(8_000_000).fill(32));
      },
    });
    const { db, updates, service } = setUp(() => new Response(big, { status: 200 }));
    await service.ready;
    await expect(updates.refresh(URL_A)).rejects.toThrow(/over the 64\.0 MB limit/);
    await expectUnchanged(db);
  });
});

describe('rollback, reset and export', () => {
  it('rolls back to the previous dataset and forward again, resets to the bundled one, exports the installed one', async () => {
    const { db, updates, service } = setUp(() => json(tinyDataset('2.0.0')));
    await service.ready;
    await expect(updates.rollBack()).rejects.toThrow(/no previous dataset/);
    await updates.installText(JSON.stringify(tinyDataset('2.0.0')), { kind: 'file', name: 'two.json' });
    expect((await updates.rollBack()).datasetVersion).toBe('1.1.0');
    expect(await db.accounts.get('example-wire')).toBeUndefined();
    expect((await updates.rollBack()).datasetVersion).toBe('2.0.0');
    const exported = await updates.export();
    expect(exported).toMatchObject({ schemaVersion: 2, datasetVersion: '2.0.0' });
    expect(exported.accounts.map((a) => a.id)).toEqual(['example-wire']);
    expect((await updates.reset()).origin).toEqual({ kind: 'bundled' });
    expect((await readPreviousInfo(db))?.datasetVersion).toBe('2.0.0');
    await expectUnchanged(db);
  });
});
