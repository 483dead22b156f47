// The settings, as the background keeps them: the only writer, so a content script cannot change them (see
// store/guardedItem.ts). Extension pages read and save them by message; content scripts get what their page needs.
import type { PageSettings } from '../../lib/protocol';
import { completeSettings, defaultSettings, isMarkingOn, type Settings } from '../../lib/settings';
import { settingsItem } from '../storageItems';
import { GuardedItem } from '../store/guardedItem';
import type { TakedownDb } from '../store/takedownDb';

/** The list address chosen at build time (WXT_DATASET_URL), subscribed on first start; empty when none. */
export const BUILD_DEFAULT_REFRESH_URL: string = import.meta.env.WXT_DATASET_URL ?? '';

const readSettings = (stored: unknown): Settings => completeSettings(stored, defaultSettings());

export class SettingsKeeper {
  readonly item: GuardedItem<Settings>;
  private readonly listeners = new Set<(settings: Settings) => void>();

  constructor(db: TakedownDb) {
    this.item = new GuardedItem(db, settingsItem, readSettings);
  }

  get(): Promise<Settings> {
    return this.item.get();
  }

  /** Saves a change (already checked against the request schema). */
  async save(patch: Partial<Settings>): Promise<Settings> {
    const next = completeSettings({ ...(await this.get()), ...patch }, defaultSettings());
    await this.item.set(next);
    for (const listener of this.listeners) listener(next);
    return next;
  }

  async forPage(hostname: string): Promise<PageSettings> {
    const settings = await this.get();
    return {
      marking: isMarkingOn(settings, hostname),
      markedStatuses: settings.markedStatuses,
      markOrganisations: settings.markOrganisations,
    };
  }

  /** Calls back after every save. */
  onChange(listener: (settings: Settings) => void): void {
    this.listeners.add(listener);
  }
}
