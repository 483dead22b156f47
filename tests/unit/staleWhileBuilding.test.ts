// A change to the lists is answered once written; the next matcher is built while the current generation keeps
// answering pages (reading each list where its records were), then switches in one step; a page matched across the
// switch gets one generation's answer, never a mix; a restart loads the stored matcher.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TakedownService } from '../../extension/background/takedownService';
import type { SearchFileRow, StoredFile } from '../../extension/store/matcherFile';
import { AccountSearch } from '../../lib/search/accountSearch';
import type { MatcherCacheRow } from '../../extension/store/takedownDb';
import { decodeStored, encodeStored, readStoredStamp } from '../../lib/matching/storedMatcherBytes';
import { replaceDataset } from '../../extension/store/datasetStore';
import type { Dataset } from '../../lib/dataset/schema';
import { TakedownMatcher } from '../../lib/matching/takedownMatcher';
import { newsroomList } from './listDatasets';
import { setUpLists } from './listFixtures';

/** The next version of the newsroom list: Weibo Wire deleted, and an account it did not name before. */
function nextNewsroom(): Dataset {
  const data = newsroomList('1.1.0');
  const wire = data.accounts.find((account) => account.id === 'weibo-wire')!;
  wire.status = 'deleted';
  data.accounts.push({ ...wire, id: 'tiger-daily', name: 'Tiger Daily', handle: 'tigerdaily', status: 'blocked' });
  data.events.push({
    ...data.events.find((event) => event.id === 'e-weibo')!,
    id: 'e-tiger',
    accountIds: ['tiger-daily'],
  });
  return data;
}

function deferred() {
  let release!: () => void;
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

async function withNewsroom() {
  const lists = setUpLists();
  await lists.service.ready;
  const outcome = await lists.updates.importText(undefined, JSON.stringify(newsroomList()), {
    kind: 'file',
    name: 'newsroom.json',
  });
  expect(outcome.kind).toBe('installed');
  const row = (await lists.catalogue.all()).find((candidate) => candidate.kind === 'file')!;
  return { ...lists, listId: row.id, listDb: lists.catalogue.db(row) };
}

/** What a page's text marks: [text, status, the claim's status]. */
async function marksOn(service: TakedownService, text: string) {
  const answer = await service.answerPage([text], []);
  return answer.texts[0]!.map((mark) => [
    text.slice(mark.start, mark.end),
    mark.status,
    answer.claims[`${mark.match}:${mark.id}`]?.status,
  ]);
}

/** Holds every build of a next matcher until `release()`. */
function holdBuilds(service: TakedownService) {
  const building = deferred();
  const inside = service as unknown as { prepare(next: unknown): Promise<unknown> };
  const prepare = inside.prepare.bind(service);
  vi.spyOn(inside, 'prepare').mockImplementation(async (next) => {
    await building.promise;
    return prepare(next);
  });
  return building;
}

describe('stale while building', () => {
  it('answers once written, and with the current lists (read where they were) while the next matcher is built', async () => {
    const { service, listId, listDb } = await withNewsroom();
    const data = nextNewsroom();
    // The build of the next matcher is held until the test lets it go.
    const building = holdBuilds(service);
    const before = await service.matcher();
    const { result, switched } = await service.switchLists(
      async () => {
        await replaceDataset(listDb, data, { kind: 'file', name: 'newsroom.json' }, new Date(), true);
        return 'done';
      },
      { list: listId, data },
    );
    // Written and answered; the next matcher is still being built.
    expect(result).toBe('done');
    // A page matched now gets the current generation's answer whole: its claims are read (none was cached) from the
    // version it was built from, which the install kept as the rollback copy.
    expect(await marksOn(service, 'Huobi News, Weibo Wire and Tiger Daily')).toEqual([
      ['Huobi News', 'blocked', 'blocked'],
      ['Weibo Wire', 'suspended', 'suspended'],
    ]);
    building.release();
    await switched;
    const after = await service.matcher();
    expect(after).not.toBe(before);
    expect(await marksOn(service, 'Huobi News, Weibo Wire and Tiger Daily')).toEqual([
      ['Huobi News', 'blocked', 'blocked'],
      ['Weibo Wire', 'deleted', 'deleted'],
      ['Tiger Daily', 'blocked', 'blocked'],
    ]);
    // The first page after the switch uses the matcher built before it: no build left to wait for.
    expect(await service.matcher()).toBe(after);
  });

  it('gives extension pages the newest lists: a read waits for the build under way', async () => {
    const { service, listId, listDb } = await withNewsroom();
    const data = nextNewsroom();
    const building = holdBuilds(service);
    await service.switchLists(
      () => replaceDataset(listDb, data, { kind: 'file', name: 'newsroom.json' }, new Date(), true),
      { list: listId, data },
    );
    const details = service.accountDetails(`${listId}/tiger-daily`);
    building.release();
    expect((await details)?.account.name).toBe('Tiger Daily');
  });

  it('counts the lists in use for the popup: from the loaded generation, the newest while a change is built', async () => {
    const { service, listId, listDb } = await withNewsroom();
    const inside = service as unknown as { loadMatcher(lists: unknown): Promise<unknown> };
    const loadMatcher = vi.spyOn(inside, 'loadMatcher');
    service.invalidate();
    // Before a generation is loaded (a restarted background), the lists are read, and no matcher waited for.
    const counted = (lists: readonly { row: { id: string }; info: { datasetVersion: string } }[]) =>
      lists.map((list) => [list.row.id, list.info.datasetVersion]);
    expect(counted(await service.listsInUse())).toEqual([
      ['bundled', '1.1.0'],
      [listId, '1.0.0'],
    ]);
    expect(loadMatcher).not.toHaveBeenCalled();
    // Once loaded, the generation's own lists.
    const active = await service.active();
    expect(await service.listsInUse()).toBe(active);
    // While a change is built, the newest: the answer waits for it.
    const data = nextNewsroom();
    data.datasetVersion = '1.1.0';
    const building = holdBuilds(service);
    await service.switchLists(
      () => replaceDataset(listDb, data, { kind: 'file', name: 'newsroom.json' }, new Date(), true),
      { list: listId, data },
    );
    let answered = false;
    const during = service.listsInUse().then((lists) => ((answered = true), lists));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(answered).toBe(false);
    building.release();
    expect(counted(await during)).toEqual([
      ['bundled', '1.1.0'],
      [listId, '1.1.0'],
    ]);
  });

  it('tells its listeners the lists in use each time a generation is in place: at a start and after a change', async () => {
    const { service, listId, listDb } = await withNewsroom();
    const told: string[][] = [];
    service.onGeneration((lists) => told.push(lists.map((list) => `${list.row.id} ${list.info.datasetVersion}`)));
    service.invalidate();
    await service.matcher();
    expect(told).toEqual([['bundled 1.1.0', `${listId} 1.0.0`]]);
    const data = nextNewsroom();
    data.datasetVersion = '1.1.0';
    const { switched } = await service.switchLists(
      () => replaceDataset(listDb, data, { kind: 'file', name: 'newsroom.json' }, new Date(), true),
      { list: listId, data },
    );
    await switched;
    expect(told.at(-1)).toEqual(['bundled 1.1.0', `${listId} 1.1.0`]);
  });

  it('keeps the current generation when the write fails', async () => {
    const { service, listId } = await withNewsroom();
    const before = await service.matcher();
    await expect(
      service.switchLists(
        async () => {
          throw new Error('disk full');
        },
        { list: listId, data: nextNewsroom() },
      ),
    ).rejects.toThrow('disk full');
    expect(await service.matcher()).toBe(before);
    expect(await marksOn(service, 'Tiger Daily and Weibo Wire')).toEqual([['Weibo Wire', 'suspended', 'suspended']]);
  });

  it('an update through the list machinery switches once the next matcher is ready', async () => {
    const { service, updates, listId } = await withNewsroom();
    await marksOn(service, 'Weibo Wire');
    const outcome = await updates.importText(listId, JSON.stringify(nextNewsroom()), {
      kind: 'file',
      name: 'newsroom.json',
    });
    expect(outcome.kind).toBe('installed');
    await service.settled();
    // The claim cached for the previous version went with its generation.
    expect(await marksOn(service, 'Weibo Wire, Tiger Daily')).toEqual([
      ['Weibo Wire', 'deleted', 'deleted'],
      ['Tiger Daily', 'blocked', 'blocked'],
    ]);
  });
});

describe('search ahead', () => {
  it('builds the search indexes once a generation is in place, before any search asks', async () => {
    const { catalogue } = await withNewsroom();
    const service = new TakedownService(catalogue, undefined, 0);
    const inside = service as unknown as { buildSearch(): Promise<unknown>; buildOrganisationSearch(): unknown };
    const build = vi.spyOn(inside, 'buildSearch');
    const buildOrganisations = vi.spyOn(inside, 'buildOrganisationSearch');
    await service.matcher();
    await vi.waitFor(() => expect(build).toHaveBeenCalledTimes(1));
    expect(buildOrganisations).toHaveBeenCalledTimes(1);
    const index = await build.mock.results[0]!.value;
    // The popup's first search uses the index built ahead.
    expect(await service.search()).toBe(index);
    expect(build).toHaveBeenCalledTimes(1);
    vi.restoreAllMocks();
  });
});

/** A matcher file kept in memory, in the file's real format; `fail` makes writes fail. */
/** A stored file in memory, in the bytes the OPFS one keeps (`copy` as the search file reads them). */
function memoryFile<T>(copy = false): StoredFile<T> & { bytes: ArrayBuffer | undefined; fail: boolean } {
  const file = {
    bytes: undefined as ArrayBuffer | undefined,
    fail: false,
    read: async () => (file.bytes ? ((decodeStored(file.bytes, { copy }) ?? undefined) as T | undefined) : undefined),
    stamp: async () => {
      const bytes = file.bytes;
      return bytes && readStoredStamp(bytes.byteLength, async (from, to) => bytes.slice(from, to));
    },
    write: async (row: T) => {
      if (file.fail) return false;
      file.bytes = encodeStored(row);
      return true;
    },
    remove: async () => void (file.bytes = undefined),
  };
  return file;
}

const memoryMatcherFile = () => memoryFile<MatcherCacheRow>();

/**
 * The newsroom lists with nothing stored yet: the fixture's own service (no file there) has kept its matcher in
 * IndexedDB, and that is cleared.
 */
async function withNothingStored() {
  const lists = await withNewsroom();
  await lists.service.matcher();
  await vi.waitFor(async () => expect(await lists.catalogue.main.matcherCache.get('current')).toBeDefined());
  await lists.catalogue.main.matcherCache.clear();
  return lists;
}

describe('stored matcher', () => {
  afterEach(() => void vi.restoreAllMocks());

  it('a restarted background reads the matcher file and matches on views of its bytes, building nothing', async () => {
    const { catalogue } = await withNothingStored();
    const file = memoryMatcherFile();
    const built = await new TakedownService(catalogue, undefined, 60_000, file).matcher();
    await vi.waitFor(() => expect(file.bytes).toBeDefined());
    // Kept once: the file, not IndexedDB as well.
    expect(await catalogue.main.matcherCache.get('current')).toBeUndefined();
    const read = vi.spyOn(catalogue.main.matcherCache, 'get');
    const restore = vi.spyOn(TakedownMatcher, 'fromSnapshot');
    const stored = vi.spyOn(TakedownMatcher.prototype, 'toSnapshot');
    const matcher = await new TakedownService(catalogue, undefined, 60_000, file).matcher();
    expect(restore).toHaveBeenCalledTimes(1);
    expect(read).not.toHaveBeenCalled();
    // Nothing was built, so nothing was stored again.
    expect(stored).not.toHaveBeenCalled();
    expect(matcher.toSnapshot().mentions.nodes.buffer).toBe(file.bytes);
    expect(matcher.marksIn('Weibo Wire was blocked')).toEqual(built.marksIn('Weibo Wire was blocked'));
    expect(matcher.marksIn('Weibo Wire was blocked')).toHaveLength(1);
    vi.restoreAllMocks();
  });

  it('a damaged matcher file is not used: the matcher is built again, and right', async () => {
    const { catalogue } = await withNothingStored();
    const file = memoryMatcherFile();
    const built = await new TakedownService(catalogue, undefined, 60_000, file).matcher();
    await vi.waitFor(() => expect(file.bytes).toBeDefined());
    file.bytes = file.bytes!.slice(0, file.bytes!.byteLength - 100);
    const restore = vi.spyOn(TakedownMatcher, 'fromSnapshot');
    const matcher = await new TakedownService(catalogue, undefined, 60_000, file).matcher();
    expect(restore).not.toHaveBeenCalled();
    expect(matcher.marksIn('Weibo Wire was blocked')).toEqual(built.marksIn('Weibo Wire was blocked'));
    // Built again, and kept whole again.
    await vi.waitFor(() => expect(decodeStored(file.bytes!)).not.toBeNull());
    vi.restoreAllMocks();
  });

  it('where the file cannot be written, the matcher is kept in IndexedDB and no old file is left to be read', async () => {
    const { catalogue } = await withNothingStored();
    const file = memoryMatcherFile();
    await new TakedownService(catalogue, undefined, 60_000, file).matcher();
    await vi.waitFor(() => expect(file.bytes).toBeDefined());
    // A file from other lists (an older stamp), and writes that now fail: the matcher is built and kept in IndexedDB.
    file.bytes = encodeStored({ ...(decodeStored(file.bytes!) as MatcherCacheRow), stamp: 'other lists' });
    file.fail = true;
    await new TakedownService(catalogue, undefined, 60_000, file).matcher();
    await vi.waitFor(async () => expect(await catalogue.main.matcherCache.get('current')).toBeDefined());
    expect(file.bytes).toBeUndefined();
  });

  it('without a matcher file (IndexedDB), a restarted background uses the stored matcher as read', async () => {
    const { service, catalogue } = await withNewsroom();
    const built = await service.matcher();
    // Storing happens beside the switch; wait for it.
    await vi.waitFor(async () => expect(await catalogue.main.matcherCache.get('current')).toBeDefined());
    // The stored matcher is read as the background starts, beside preparing the lists.
    const read = vi.spyOn(catalogue.main.matcherCache, 'get');
    const restarted = new TakedownService(catalogue);
    await vi.waitFor(() => expect(read).toHaveBeenCalledTimes(1));
    const restore = vi.spyOn(TakedownMatcher, 'fromSnapshot');
    const matcher = await restarted.matcher();
    expect(restore).toHaveBeenCalledTimes(1);
    const stored = (await read.mock.results[0]!.value) as { snapshot: ReturnType<TakedownMatcher['toSnapshot']> };
    // The typed arrays it matches with are the very ones read from IndexedDB.
    expect(matcher.toSnapshot().mentions.nodes).toBe(stored.snapshot.mentions.nodes);
    expect(matcher.toSnapshot().mentions.rootChild).toBe(stored.snapshot.mentions.rootChild);
    expect(matcher.marksIn('Weibo Wire')).toEqual(built.marksIn('Weibo Wire'));
    vi.restoreAllMocks();
  });
});

describe('stored search index', () => {
  afterEach(() => void vi.restoreAllMocks());

  it('a restarted background reads the search index from its file, building nothing; a renamed list builds it', async () => {
    const { catalogue, listId, updates } = await withNewsroom();
    const matcherFile = memoryMatcherFile();
    const searchFile = memoryFile<SearchFileRow>(true);
    const start = () => new TakedownService(catalogue, undefined, 60_000, matcherFile, searchFile);
    const built = await start().search();
    await vi.waitFor(() => expect(searchFile.bytes).toBeDefined());
    const build = vi.spyOn(AccountSearch, 'build');
    const restored = await start().search();
    expect(build).not.toHaveBeenCalled();
    const queries = ['weibo', 'wire', 'huobi news', 'a', '@', 'bloc', '财经'];
    for (const query of queries) expect(restored.search(query)).toEqual(built.search(query));
    expect(restored.search('weibo wire').length).toBeGreaterThan(0);
    // Every summary names its list: a list renamed has its index built again.
    await updates.setList(listId, { title: 'Renamed newsroom' });
    const renamed = await start().search();
    expect(build).toHaveBeenCalledTimes(1);
    expect(renamed.search('weibo wire')[0]?.list).toBe('Renamed newsroom');
  });

  it('a popup that opens has the search index read from its file before its first search', async () => {
    const { catalogue } = await withNewsroom();
    const matcherFile = memoryMatcherFile();
    const searchFile = memoryFile<SearchFileRow>(true);
    await new TakedownService(catalogue, undefined, 60_000, matcherFile, searchFile).search();
    await vi.waitFor(() => expect(searchFile.bytes).toBeDefined());
    // Restarted, with the warm-up a minute away: nothing reads the file until the popup says it opened.
    const read = vi.spyOn(searchFile, 'read');
    const restarted = new TakedownService(catalogue, undefined, 60_000, matcherFile, searchFile);
    await restarted.listsInUse();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(read).not.toHaveBeenCalled();
    restarted.expectSearch();
    await vi.waitFor(() => expect(read).toHaveBeenCalledTimes(1));
    const build = vi.spyOn(AccountSearch, 'build');
    expect((await restarted.search()).search('weibo wire').length).toBeGreaterThan(0);
    expect(read).toHaveBeenCalledTimes(1);
    expect(build).not.toHaveBeenCalled();
  });

  it('after a start, the index is built and kept where its file does not fit the lists, and left in a file that does', async () => {
    const { catalogue } = await withNewsroom();
    const matcherFile = memoryMatcherFile();
    const searchFile = memoryFile<SearchFileRow>(true);
    // No file: the warm-up builds the index and writes it.
    const first = new TakedownService(catalogue, undefined, 10, matcherFile, searchFile);
    await first.matcher();
    await vi.waitFor(() => expect(searchFile.bytes).toBeDefined());
    // A restart whose file fits: the warm-up reads the file's stamp alone (a build would read the file first).
    const read = vi.spyOn(searchFile, 'read');
    const stamp = vi.spyOn(searchFile, 'stamp');
    const restarted = new TakedownService(catalogue, undefined, 10, matcherFile, searchFile);
    await restarted.matcher();
    await vi.waitFor(() => expect(stamp).toHaveBeenCalled());
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(read).not.toHaveBeenCalled();
    expect((await restarted.search()).search('weibo wire').length).toBeGreaterThan(0);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('an index its file holds is let go once unused, and read again; one that could not be written is kept', async () => {
    // Long enough that a loaded machine's delays between the steps below stay well inside it.
    const KEPT_MS = 400;
    const { catalogue } = await withNewsroom();
    const searchFile = memoryFile<SearchFileRow>(true);
    const start = () => new TakedownService(catalogue, undefined, 60_000, memoryMatcherFile(), searchFile, KEPT_MS);
    const service = start();
    const built = await service.search();
    await vi.waitFor(() => expect(searchFile.bytes).toBeDefined());
    const read = vi.spyOn(searchFile, 'read');
    // Wanted again within the time, each time: the same index, nothing read.
    await new Promise((resolve) => setTimeout(resolve, KEPT_MS / 4));
    expect(await service.search()).toBe(built);
    await new Promise((resolve) => setTimeout(resolve, KEPT_MS / 4));
    expect(await service.search()).toBe(built);
    expect(read).not.toHaveBeenCalled();
    // Unused for longer: let go, and read from the file when wanted next.
    await new Promise((resolve) => setTimeout(resolve, KEPT_MS * 2));
    const again = await service.search();
    expect(again).not.toBe(built);
    expect(again.search('weibo wire')).toEqual(built.search('weibo wire'));
    expect(read).toHaveBeenCalledTimes(1);
    // Where the file cannot be written, the index stays in memory.
    await searchFile.remove();
    searchFile.fail = true;
    const unwritten = start();
    const kept = await unwritten.search();
    await new Promise((resolve) => setTimeout(resolve, KEPT_MS * 2));
    expect(await unwritten.search()).toBe(kept);
  });

  it('an index built ahead of any popup is let go once its file holds it; one a popup wanted meanwhile is kept', async () => {
    const { catalogue } = await withNewsroom();
    const searchFile = memoryFile<SearchFileRow>(true);
    const inMemory = (service: TakedownService) =>
      (service as unknown as { generationNow: { search: { loaded(): unknown } } }).generationNow.search.loaded();
    // No popup: the warm-up builds the index, writes it, and lets it go.
    const alone = new TakedownService(catalogue, undefined, 10, memoryMatcherFile(), searchFile);
    await alone.matcher();
    await vi.waitFor(() => expect(searchFile.bytes).toBeDefined());
    await vi.waitFor(() => expect(inMemory(alone)).toBeUndefined());
    const read = vi.spyOn(searchFile, 'read');
    expect((await alone.search()).search('weibo wire').length).toBeGreaterThan(0);
    expect(read).toHaveBeenCalledTimes(1);
    // A popup's search while the file is being written: the index stays for the popup.
    await searchFile.remove();
    const written = deferred();
    const write = searchFile.write.bind(searchFile);
    vi.spyOn(searchFile, 'write').mockImplementation(async (row) => {
      await written.promise;
      return write(row);
    });
    const wanted = new TakedownService(catalogue, undefined, 10, memoryMatcherFile(), searchFile);
    await wanted.matcher();
    await vi.waitFor(() => expect(inMemory(wanted)).toBeDefined());
    const index = await wanted.search();
    written.release();
    await vi.waitFor(() => expect(searchFile.bytes).toBeDefined());
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(inMemory(wanted)).toBe(index);
  });

  it('a damaged search file is not used: the index is built again', async () => {
    const { catalogue } = await withNewsroom();
    const searchFile = memoryFile<SearchFileRow>(true);
    const start = () => new TakedownService(catalogue, undefined, 60_000, memoryMatcherFile(), searchFile);
    const built = await start().search();
    await vi.waitFor(() => expect(searchFile.bytes).toBeDefined());
    const row = (await searchFile.read())!;
    // Parts that do not fit together: one entry fewer in the summaries than in the index.
    await searchFile.write({ ...row, summaries: { ...row.summaries, count: row.summaries.count - 1 } });
    const build = vi.spyOn(AccountSearch, 'build');
    const again = await start().search();
    expect(build).toHaveBeenCalledTimes(1);
    expect(again.search('weibo wire')).toEqual(built.search('weibo wire'));
  });
});
