import { describe, expect, it } from 'vitest';
import { MAX_DATASET_BYTES } from '../../extension/background/datasetUpdates';
import { readDatasetInfo, readInstalledRecords, readPreviousInfo } from '../../extension/store/datasetStore';
import type { TakedownDb } from '../../extension/store/takedownDb';
import { tinyDataset } from './datasetFixtures';
import { json, setUpLists, type Answer, type ListsOptions } from './listFixtures';

const URL_A = 'https://data.example/takedowns.json';

/** Lists with a subscribed list at URL_A holding version 1.1.0 of a tiny dataset. */
async function setUp(answer: Answer, options: ListsOptions = {}) {
  const lists = setUpLists({ answer, ...options });
  await lists.service.ready;
  const row = await lists.addUrlList(URL_A);
  await lists.updates.installText(row.id, JSON.stringify(tinyDataset('1.1.0')), { kind: 'url', url: URL_A });
  const { db } = await lists.list(row.id);
  const state = async () => (await lists.catalogue.get(row.id))!.refresh;
  return { ...lists, id: row.id, listDb: db, state };
}

/** The subscribed list still holds 1.1.0, and the bundled list was never touched. */
async function expectUnchanged(listDb: TakedownDb, bundledDb: TakedownDb) {
  expect((await readDatasetInfo(listDb))?.datasetVersion).toBe('1.1.0');
  expect((await readInstalledRecords(listDb, 'accounts', ['example-wire'])).get('example-wire')).toBeDefined();
  expect((await readDatasetInfo(bundledDb))?.origin).toEqual({ kind: 'bundled' });
  expect((await readInstalledRecords(bundledDb, 'accounts', ['okex-wechat'])).get('okex-wechat')).toBeDefined();
}

describe('updating a subscribed list', () => {
  it('installs a newer version, keeps the previous one, and sends validators next time', async () => {
    let calls = 0;
    const { listDb, updates, requests, id, state } = await setUp(() =>
      calls++ === 0
        ? json(tinyDataset('2.0.0'), { etag: '"v2"', 'last-modified': 'Tue, 01 Sep 2026 00:00:00 GMT' })
        : new Response(null, { status: 304 }),
    );
    expect(await updates.refresh(id)).toMatchObject({
      kind: 'installed',
      info: { datasetVersion: '2.0.0', origin: { kind: 'url', url: URL_A } },
    });
    expect((await readPreviousInfo(listDb))?.datasetVersion).toBe('1.1.0');
    expect(await updates.refresh(id)).toEqual({ kind: 'not-modified' });
    expect(requests[1]!.headers.get('if-none-match')).toBe('"v2"');
    expect(requests[1]!.headers.get('if-modified-since')).toBe('Tue, 01 Sep 2026 00:00:00 GMT');
    expect((await state()).lastAttempt).toMatchObject({ outcome: 'not-modified', url: URL_A });
  });

  it('subscribes only to https addresses (http on this machine), once each, and only lists with an address update', async () => {
    const { updates, requests } = await setUp(() => json(tinyDataset('2.0.0')));
    await expect(updates.subscribe('http://data.example/x.json')).rejects.toThrow(/Only https/);
    await expect(updates.subscribe('javascript:alert(1)')).rejects.toThrow(/javascript: address/);
    await expect(updates.subscribe(URL_A)).rejects.toThrow(/already subscribe/);
    await expect(updates.refresh('bundled')).rejects.toThrow(/not a subscribed list/);
    expect(requests).toEqual([]);
  });

  it('keeps no subscription whose first download fails', async () => {
    const { updates, catalogue } = await setUp(() => new Response('gone', { status: 404, statusText: 'Not Found' }));
    const before = (await catalogue.all()).length;
    await expect(updates.subscribe('https://other.example/list.json')).rejects.toThrow(/404/);
    expect((await catalogue.all()).length).toBe(before);
  });

  it('refuses an older version unless confirmed, and leaves the same version alone', async () => {
    const { listDb, updates, id, list } = await setUp(() => json(tinyDataset('0.5.0')));
    expect(await updates.refresh(id)).toEqual({ kind: 'older', installed: '1.1.0', offered: '0.5.0' });
    await expectUnchanged(listDb, (await list('bundled')).db);
    expect((await updates.refresh(id, true)).kind).toBe('installed');
    expect((await readDatasetInfo(listDb))?.datasetVersion).toBe('0.5.0');
    expect(await updates.refresh(id)).toEqual({ kind: 'same-version', version: '0.5.0' });
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
      /over the 320\.0 MB limit/,
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
    it(`refuses ${name} with a clear message, keeps that list and touches no other`, async () => {
      const { listDb, updates, id, state, list } = await setUp(answer);
      await expect(updates.refresh(id)).rejects.toThrow(message);
      await expectUnchanged(listDb, (await list('bundled')).db);
      expect((await state()).lastAttempt).toMatchObject({ outcome: 'failed', url: URL_A });
      expect((await state()).lastAttempt?.message).toMatch(message);
    });
  }

  it('gives up after the timeout and keeps the installed version', async () => {
    const hang: Answer = (request) =>
      new Promise((_, reject) =>
        request.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))),
      );
    const { listDb, updates, id, list } = await setUp(hang, { timeoutMs: 50 });
    await expect(updates.refresh(id)).rejects.toThrow(/did not answer within 0\.05 s/);
    await expectUnchanged(listDb, (await list('bundled')).db);
  });

  it('refuses an oversized body without a length header, while streaming', async () => {
    const big = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(8_000_000).fill(32));
      },
    });
    const { listDb, updates, id, list } = await setUp(() => new Response(big, { status: 200 }), {
      maxBytes: 64_000_000,
    });
    await expect(updates.refresh(id)).rejects.toThrow(/over the 64\.0 MB limit/);
    await expectUnchanged(listDb, (await list('bundled')).db);
  });

  it('updates every enabled subscribed list; one failing stops none of the others', async () => {
    const URL_B = 'https://b.example/list.json';
    const lists = await setUp((request) =>
      request.url === URL_A ? new Response('oops', { status: 500 }) : json(tinyDataset('3.0.0', 'Other Wire')),
    );
    const b = await lists.addUrlList(URL_B);
    const off = await lists.addUrlList('https://off.example/list.json', { enabled: false });
    const results = await lists.updates.updateAll();
    expect(results.map((result) => [result.list, result.outcome?.kind ?? 'error'])).toEqual([
      [lists.id, 'error'],
      [b.id, 'installed'],
    ]);
    expect(results[0]!.error).toMatch(/answered 500/);
    expect(lists.requests.map((request) => request.url)).not.toContain(`https://off.example/list.json`);
    expect((await readDatasetInfo((await lists.list(b.id)).db))?.datasetVersion).toBe('3.0.0');
    await expectUnchanged(lists.listDb, (await lists.list('bundled')).db);
    expect(off.enabled).toBe(false);
  });
});

describe('roll back, import and export', () => {
  it('rolls a list back and forward again, and exports its data', async () => {
    const { updates, list, service } = setUpLists();
    await service.ready;
    const bundled = (await list('bundled')).db;
    await expect(updates.rollBack('bundled')).rejects.toThrow(/no previous dataset/);
    await updates.importText('mine', JSON.stringify(tinyDataset('2.0.0')), { kind: 'file', name: 'two.json' });
    await expect(updates.rollBack('bundled')).rejects.toThrow(/no previous dataset/);
    const mine = (await list('mine')).db;
    expect((await readInstalledRecords(mine, 'accounts', ['example-wire'])).get('example-wire')).toBeDefined();
    await updates.importText('mine', JSON.stringify(tinyDataset('2.1.0')), { kind: 'file', name: 'three.json' });
    expect((await updates.rollBack('mine')).datasetVersion).toBe('2.0.0');
    expect((await updates.rollBack('mine')).datasetVersion).toBe('2.1.0');
    expect((await updates.dataOf('mine'))?.data).toMatchObject({ schemaVersion: 2, datasetVersion: '2.1.0' });
    expect((await readInstalledRecords(bundled, 'accounts', ['okex-wechat'])).get('okex-wechat')).toBeDefined();
  });

  it('adds a file as a new list only when it is valid, and imports only into My list or a file list', async () => {
    const { updates, catalogue, service } = setUpLists();
    await service.ready;
    const before = (await catalogue.all()).length;
    await expect(updates.importText(undefined, '{"nope": 1}', { kind: 'file', name: 'bad.json' })).rejects.toThrow(
      /refused/,
    );
    expect((await catalogue.all()).length).toBe(before);
    const outcome = await updates.importText(undefined, JSON.stringify(tinyDataset('1.0.0')), {
      kind: 'file',
      name: 'tiny.json',
    });
    expect(outcome.kind).toBe('installed');
    const added = (await catalogue.all()).at(-1)!;
    expect(added).toMatchObject({ kind: 'file', enabled: true });
    await expect(
      updates.importText('bundled', JSON.stringify(tinyDataset('9.0.0')), { kind: 'file', name: 'x.json' }),
    ).rejects.toThrow(/only My list or a list that came from a file/);
  });
});
