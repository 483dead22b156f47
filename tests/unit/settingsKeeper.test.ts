import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SettingsKeeper } from '../../extension/background/settingsKeeper';
import { guardStorage } from '../../extension/background/storageAccess';
import { TakedownDb } from '../../extension/store/takedownDb';
import { defaultSettings } from '../../lib/settings';

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

  it('adopts what an earlier version stored, keeping the list settings aside for the lists', async () => {
    await fakeBrowser.storage.local.set({
      settings: { markingEnabled: false, refreshUrl: 'https://x.example/list.json', refreshSchedule: 'daily' },
    });
    const { settings } = keeper();
    expect(await settings.item.raw()).toMatchObject({ refreshUrl: 'https://x.example/list.json' });
    expect(await settings.get()).toEqual({ ...defaultSettings(), markingEnabled: false });
  });

  it('undoes a write to storage.local it did not make (a content script in Firefox), and reads its own copy', async () => {
    const { settings } = keeper();
    guardStorage([settings.item]);
    await settings.save({ disabledSites: ['quiet.example'] });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const forged = { ...(await settings.get()), markingEnabled: false, disabledSites: [] };
    await fakeBrowser.storage.local.set({ settings: forged });
    // Read before the repair lands: still the background's copy.
    expect((await settings.get()).markingEnabled).toBe(true);
    await settle();
    expect((await stored('settings')) as object).toMatchObject({
      markingEnabled: true,
      disabledSites: ['quiet.example'],
    });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('"settings"'));
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
