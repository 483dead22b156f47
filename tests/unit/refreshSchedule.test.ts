import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SCHEDULE_ALARM, setUpRefreshSchedule } from '../../extension/background/refreshSchedule';
import { readDatasetInfo } from '../../extension/store/datasetStore';
import { isDue, nextCheck } from '../../lib/lists/listModel';
import { tinyDataset } from './datasetFixtures';
import { json, setUpLists } from './listFixtures';

const settle = () => new Promise((resolve) => setTimeout(resolve, 200));
const DAY = 24 * 60 * 60_000;

describe('scheduled updates, per list', () => {
  it('check each list on its own schedule, from its last check', () => {
    const row = {
      kind: 'url' as const,
      schedule: 'daily' as const,
      enabled: true,
      addedAt: '2026-11-01T00:00:00.000Z',
      refresh: {},
    };
    expect(nextCheck(row)?.toISOString()).toBe('2026-11-02T00:00:00.000Z');
    const checked = {
      ...row,
      refresh: { lastAttempt: { at: '2026-11-10T12:00:00.000Z', url: '', outcome: 'failed' as const, message: '' } },
    };
    expect(nextCheck({ ...checked, schedule: 'weekly' })?.toISOString()).toBe('2026-11-17T12:00:00.000Z');
    expect(nextCheck({ ...row, schedule: 'off' })).toBeNull();
    expect(nextCheck({ ...row, kind: 'file' })).toBeNull();
  });

  it('one hourly alarm updates the enabled lists that are due, and no other', async () => {
    let now = new Date('2026-11-26T00:00:00.000Z');
    const lists = setUpLists({ answer: () => json(tinyDataset('2.0.0')), now: () => now });
    await lists.service.ready;
    const due = await lists.addUrlList('https://due.example/a.json', {
      schedule: 'daily',
      addedAt: '2026-11-24T00:00:00.000Z',
    });
    const later = await lists.addUrlList('https://later.example/a.json', {
      schedule: 'weekly',
      addedAt: '2026-11-24T00:00:00.000Z',
    });
    const off = await lists.addUrlList('https://off.example/a.json', { schedule: 'off' });
    expect(isDue(due, now)).toBe(true);
    expect(isDue(later, now)).toBe(false);
    setUpRefreshSchedule(lists.updates, () => now);
    await settle();
    const [alarm] = await fakeBrowser.alarms.getAll();
    expect(alarm).toMatchObject({ name: SCHEDULE_ALARM, periodInMinutes: 60 });
    await fakeBrowser.alarms.onAlarm.trigger(alarm!);
    await vi.waitFor(async () =>
      expect((await readDatasetInfo((await lists.list(due.id)).db))?.datasetVersion).toBe('2.0.0'),
    );
    expect(lists.requests.map((request) => request.url)).toEqual(['https://due.example/a.json']);
    // Checked just now: not due again for a day; the weekly list is due a week after it was added.
    now = new Date(now.getTime() + 6 * DAY);
    await fakeBrowser.alarms.onAlarm.trigger(alarm!);
    await vi.waitFor(async () => expect((await lists.list(later.id)).row.refresh.lastAttempt).toBeDefined());
    expect(lists.requests.map((request) => request.url)).toEqual([
      'https://due.example/a.json',
      'https://due.example/a.json',
      'https://later.example/a.json',
    ]);
    expect(off.schedule).toBe('off');
  });
});
