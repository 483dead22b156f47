// Scheduled updates: one alarm, every hour, updates each enabled subscribed list whose own schedule says it is due
// (lib/lists/listModel.ts). A failed scheduled update is recorded on its list like any other, and stops no other.
import { browser } from 'wxt/browser';
import { isDue } from '../../lib/lists/listModel';
import type { DatasetUpdates } from './datasetUpdates';

export const SCHEDULE_ALARM = 'tdl-lists-schedule';
const CHECK_EVERY_MINUTES = 60;

export function setUpRefreshSchedule(updates: DatasetUpdates, now: () => Date = () => new Date()): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== SCHEDULE_ALARM) return;
    // One instant for the whole run: which lists are due does not change while earlier ones install.
    const at = now();
    void updates
      .updateAll((row) => isDue(row, at))
      .then((results) => {
        for (const result of results) {
          if (result.error) console.warn(`Takedown Lens: scheduled update of "${result.title}" failed`, result.error);
        }
      });
  });
  void browser.alarms.get(SCHEDULE_ALARM).then((existing) => {
    if (existing?.periodInMinutes !== CHECK_EVERY_MINUTES) {
      return browser.alarms.create(SCHEDULE_ALARM, { periodInMinutes: CHECK_EVERY_MINUTES, delayInMinutes: 1 });
    }
  });
}
