// The settings, as the background keeps them: the only writer, so a content script cannot change them (see
// store/guardedItem.ts). Extension pages read and save them by message; content scripts get what their page needs.
import type { PageSettings } from '../../lib/protocol';
import { completeSettings, defaultSettings, isMarkingOn, refreshUrlProblem, type Settings } from '../../lib/settings';
import { formatPublicKey, parsePublicKey } from '../../lib/signature/listSignature';
import { t } from '../i18n';
import { GuardedItem } from '../store/guardedItem';
import type { TakedownDb } from '../store/takedownDb';

/** The refresh URL chosen at build time (WXT_DATASET_URL); empty when the build set none. */
export const BUILD_DEFAULT_REFRESH_URL: string = import.meta.env.WXT_DATASET_URL ?? '';

export const SETTINGS_KEY = 'settings';

/** Settings read from storage, with a refresh URL the extension would refuse to use dropped. */
function readSettings(stored: unknown): Settings {
  const settings = completeSettings(stored, defaultSettings(BUILD_DEFAULT_REFRESH_URL));
  return settings.refreshUrl && refreshUrlProblem(settings.refreshUrl) ? { ...settings, refreshUrl: '' } : settings;
}

export class SettingsKeeper {
  readonly item: GuardedItem<Settings>;
  private readonly listeners = new Set<(settings: Settings) => void>();

  constructor(db: TakedownDb) {
    this.item = new GuardedItem(db, SETTINGS_KEY, readSettings);
  }

  get(): Promise<Settings> {
    return this.item.get();
  }

  /** Saves a change (already checked against the request schema); a refresh URL is checked before it is kept. */
  async save(patch: Partial<Settings>): Promise<Settings> {
    const next = completeSettings({ ...(await this.get()), ...patch }, defaultSettings(BUILD_DEFAULT_REFRESH_URL));
    const problem = next.refreshUrl ? refreshUrlProblem(next.refreshUrl) : null;
    if (problem) throw new Error(t(problem.key, ...problem.params));
    if (next.refreshKey.trim()) {
      const key = parsePublicKey(next.refreshKey);
      if (!key) throw new Error(t('errorKeyInvalid'));
      next.refreshKey = formatPublicKey(key);
    } else next.refreshKey = '';
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
