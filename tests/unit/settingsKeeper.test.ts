import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DatasetUpdates } from '../../extension/background/datasetUpdates';
import { SettingsKeeper } from '../../extension/background/settingsKeeper';
import { guardStorage } from '../../extension/background/storageAccess';
import { TakedownService } from '../../extension/background/takedownService';
import { seedFromBundled } from '../../extension/store/datasetStore';
import { TakedownDb } from '../../extension/store/takedownDb';
import { validBundled } from './datasetFixtures';

let counter = 0;
const dbs: TakedownDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});
function keeper() {
  const db = new TakedownDb(`keeper-${counter++}`);
  dbs.push(db);
  return { db, settings: new SettingsKeeper(db) };
}
const settle = () => new Promise((resolve) => setTimeout(resolve, 20));
const stored = async (key: string) => (await fakeBrowser.storage.local.get(key))[key];

describe('settings kept by the background', () => {
  it('saves, reads back and tells listeners', async () => {
    const { settings } = keeper();
    const heard = vi.fn();
    settings.onChange(heard);
    await settings.save({ disabledSites: ['a.example'] });
    expect((await settings.get()).disabledSites).toEqual(['a.example']);
    expect((await settings.get()).markingEnabled).toBe(true);
    expect((await stored('settings')) as object).toMatchObject({ disabledSites: ['a.example'] });
    expect(heard).toHaveBeenCalledWith(expect.objectContaining({ disabledSites: ['a.example'] }));
  });

  it('refuses a refresh URL it would not fetch, and keeps the settings as they were', async () => {
    const { settings } = keeper();
    await settings.save({ refreshUrl: 'https://data.example/list.json' });
    await expect(settings.save({ refreshUrl: 'javascript:alert(1)' })).rejects.toThrow(/javascript:/);
    await expect(settings.save({ refreshUrl: 'http://attacker.example/list.json' })).rejects.toThrow(/https/);
    expect((await settings.get()).refreshUrl).toBe('https://data.example/list.json');
  });

  it('adopts what an earlier version stored, without a URL it would refuse', async () => {
    await fakeBrowser.storage.local.set({
      settings: { markingEnabled: false, refreshUrl: 'ftp://x.example/list.json', refreshSchedule: 'daily' },
    });
    const { settings } = keeper();
    expect(await settings.get()).toMatchObject({ markingEnabled: false, refreshUrl: '', refreshSchedule: 'daily' });
  });

  it('undoes a write to storage.local it did not make (a content script in Firefox), and reads its own copy', async () => {
    const { settings } = keeper();
    guardStorage([settings.item]);
    await settings.save({ refreshUrl: 'https://data.example/list.json', refreshSchedule: 'weekly' });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const forged = { ...(await settings.get()), refreshUrl: 'https://attacker.example/', refreshSchedule: 'daily' };
    await fakeBrowser.storage.local.set({ settings: forged });
    // Read before the repair lands: still the background's copy.
    expect((await settings.get()).refreshUrl).toBe('https://data.example/list.json');
    await settle();
    expect((await stored('settings')) as object).toMatchObject({
      refreshUrl: 'https://data.example/list.json',
      refreshSchedule: 'weekly',
    });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('"settings"'));
    warn.mockRestore();
  });

  it('guards the refresh state too: forged validators never reach a request', async () => {
    const { db } = keeper();
    const service = new TakedownService(db, () => seedFromBundled(db, validBundled()));
    const requests: Request[] = [];
    const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
      requests.push(new Request(input, init));
      return new Response(null, { status: 304 });
    }) as typeof globalThis.fetch;
    const updates = new DatasetUpdates(service, { fetch, bundled: validBundled() });
    guardStorage([updates.refreshState]);
    await service.ready;
    await updates.refresh('https://data.example/list.json');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await fakeBrowser.storage.local.set({
      refreshState: { url: 'https://data.example/list.json', etag: '"forged"' },
    });
    await updates.refresh('https://data.example/list.json');
    expect(requests[1]!.headers.get('if-none-match')).toBeNull();
    await settle();
    expect(((await stored('refreshState')) as { etag?: string }).etag).toBeUndefined();
    warn.mockRestore();
  });

  it('gives a page only what decides its marks, by its own host name', async () => {
    const { settings } = keeper();
    await settings.save({ disabledSites: ['quiet.example'], markOrganisations: false });
    expect(await settings.forPage('news.quiet.example')).toEqual({
      marking: false,
      markedStatuses: expect.any(Array),
      markOrganisations: false,
    });
    expect((await settings.forPage('other.example')).marking).toBe(true);
  });
});
