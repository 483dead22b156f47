import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { DatasetUpdates } from '../../extension/background/datasetUpdates';
import { setUpRefreshSchedule } from '../../extension/background/refreshSchedule';
import { SettingsKeeper } from '../../extension/background/settingsKeeper';
import { TakedownDb } from '../../extension/store/takedownDb';

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('scheduled refresh', () => {
  it('follows the setting with an alarm and refreshes when it fires', async () => {
    const refresh = vi.fn(async () => ({ kind: 'not-modified' as const }));
    const settings = new SettingsKeeper(new TakedownDb('schedule'));
    const saveSettings = settings.save.bind(settings);
    setUpRefreshSchedule({ refresh } as unknown as DatasetUpdates, settings);
    await settle();
    expect(await fakeBrowser.alarms.getAll()).toEqual([]);

    await saveSettings({ refreshSchedule: 'daily', refreshUrl: 'https://data.example/takedowns.json' });
    await settle();
    const [alarm] = await fakeBrowser.alarms.getAll();
    expect(alarm).toMatchObject({ name: 'tdl-dataset-refresh', periodInMinutes: 1440 });

    await fakeBrowser.alarms.onAlarm.trigger(alarm!);
    expect(refresh).toHaveBeenCalledWith(undefined);

    await saveSettings({ refreshSchedule: 'weekly' });
    await settle();
    expect((await fakeBrowser.alarms.getAll())[0]?.periodInMinutes).toBe(7 * 1440);

    await saveSettings({ refreshSchedule: 'off' });
    await settle();
    expect(await fakeBrowser.alarms.getAll()).toEqual([]);
  });
});
