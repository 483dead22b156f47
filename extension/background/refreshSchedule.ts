// Scheduled refreshes (alarms), following the user's setting; a failed scheduled refresh is recorded like any other.
import { browser } from 'wxt/browser';
import type { RefreshSchedule } from '../../lib/settings';
import type { DatasetUpdates } from './datasetUpdates';
import type { SettingsKeeper } from './settingsKeeper';

const ALARM = 'tdl-dataset-refresh';
const PERIOD_MINUTES: Record<Exclude<RefreshSchedule, 'off'>, number> = { daily: 24 * 60, weekly: 7 * 24 * 60 };

async function applySchedule(schedule: RefreshSchedule, url: string): Promise<void> {
  const existing = await browser.alarms.get(ALARM);
  if (schedule === 'off' || !url) {
    if (existing) await browser.alarms.clear(ALARM);
    return;
  }
  const period = PERIOD_MINUTES[schedule];
  if (existing?.periodInMinutes === period) return;
  await browser.alarms.create(ALARM, { periodInMinutes: period, delayInMinutes: period });
}

export function setUpRefreshSchedule(updates: DatasetUpdates, settings: SettingsKeeper): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== ALARM) return;
    updates
      .refresh(undefined)
      .catch((error: unknown) => console.warn('Takedown Lens: scheduled refresh failed', error));
  });
  void settings.get().then((current) => applySchedule(current.refreshSchedule, current.refreshUrl));
  settings.onChange((current) => void applySchedule(current.refreshSchedule, current.refreshUrl));
}
