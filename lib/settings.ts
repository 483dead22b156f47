// User settings and the rules that read them: where marking is on and which statuses are marked; and the rules for
// a list's address. Pure; kept by extension/background/settingsKeeper.ts. Each list keeps its own address, key and
// schedule (lib/lists/listModel.ts).
import { STATUSES, type Status } from './dataset/vocabulary';
import type { MessageKey } from './i18n/en';
import { DEFAULT_RETENTION_DAYS, RETENTION_DAYS, type RetentionDays } from './sightings/sightings';

/** A problem to show the user: a message key and its substitutions. */
export interface Problem {
  key: MessageKey;
  params: string[];
}

export type RefreshSchedule = 'off' | 'daily' | 'weekly';

export interface Settings {
  markingEnabled: boolean;
  /** Host names where marking is off; a host's subdomains are included. */
  disabledSites: string[];
  markedStatuses: Status[];
  /** Marks for organisations named in passing (OKEx, huobi.com), beside the marks for accounts. */
  markOrganisations: boolean;
  /** The sightings log (lib/sightings/sightings.ts): off unless the reader turns it on. */
  sightingsEnabled: boolean;
  /** Keep pages' full addresses (query and fragment) in the log, not just their path. */
  sightingsFullUrl: boolean;
  sightingsRetentionDays: RetentionDays;
}

export function defaultSettings(): Settings {
  return {
    markingEnabled: true,
    disabledSites: [],
    markedStatuses: [...STATUSES],
    markOrganisations: true,
    sightingsEnabled: false,
    sightingsFullUrl: false,
    sightingsRetentionDays: DEFAULT_RETENTION_DAYS,
  };
}

const SCHEDULES: readonly string[] = ['off', 'daily', 'weekly'];

export const isSchedule = (value: unknown): value is RefreshSchedule => SCHEDULES.includes(value as string);

/** The one list's address, key and schedule, as settings before lists (version 1) kept them. */
export interface LegacyRefresh {
  url: string;
  key: string;
  schedule: RefreshSchedule;
}

/** The refresh settings a version 1 settings value holds (also once moved under `legacy`); null when none. */
export function legacyRefreshOf(stored: unknown): LegacyRefresh | null {
  if (typeof stored !== 'object' || stored === null) return null;
  const outer = stored as Record<string, unknown>;
  const value = (typeof outer.legacy === 'object' && outer.legacy !== null ? outer.legacy : outer) as Record<
    string,
    unknown
  >;
  const url = typeof value.url === 'string' ? value.url : value.refreshUrl;
  const key = typeof value.key === 'string' ? value.key : value.refreshKey;
  const schedule = value.schedule ?? value.refreshSchedule;
  if (typeof url !== 'string' && typeof key !== 'string' && !isSchedule(schedule)) return null;
  return {
    url: typeof url === 'string' ? url : '',
    key: typeof key === 'string' ? key : '',
    schedule: isSchedule(schedule) ? schedule : 'off',
  };
}

/** Fills gaps and drops junk in settings read from storage (an older version, or a hand-edited one). */
export function completeSettings(stored: unknown, defaults: Settings): Settings {
  const value = (typeof stored === 'object' && stored !== null ? stored : {}) as Partial<Settings>;
  return {
    markingEnabled: typeof value.markingEnabled === 'boolean' ? value.markingEnabled : defaults.markingEnabled,
    disabledSites: Array.isArray(value.disabledSites)
      ? value.disabledSites.filter((site): site is string => typeof site === 'string')
      : defaults.disabledSites,
    markedStatuses: Array.isArray(value.markedStatuses)
      ? value.markedStatuses.filter((status): status is Status => (STATUSES as readonly string[]).includes(status))
      : defaults.markedStatuses,
    markOrganisations:
      typeof value.markOrganisations === 'boolean' ? value.markOrganisations : defaults.markOrganisations,
    sightingsEnabled: value.sightingsEnabled === true,
    sightingsFullUrl: value.sightingsFullUrl === true,
    sightingsRetentionDays: (RETENTION_DAYS as readonly number[]).includes(value.sightingsRetentionDays as number)
      ? (value.sightingsRetentionDays as RetentionDays)
      : defaults.sightingsRetentionDays,
  };
}

/** The host name a user meant by "example.com", "https://www.example.com/page" or "WWW.Example.com". */
export function siteOf(input: string): string | null {
  const trimmed = input.trim().toLowerCase();
  if (!trimmed) return null;
  try {
    const host = new URL(/^[a-z][a-z0-9+.-]*:\/\//.test(trimmed) ? trimmed : `https://${trimmed}`).hostname;
    return host.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}

export function isSiteDisabled(settings: Pick<Settings, 'disabledSites'>, hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^www\./, '');
  return settings.disabledSites.some((site) => host === site || host.endsWith(`.${site}`));
}

/** The sites where marking is off once marking is switched for `hostname`: off if it was on, on if it was off. */
export function toggledSites(settings: Pick<Settings, 'disabledSites'>, hostname: string): string[] {
  const host = hostname.toLowerCase();
  if (isSiteDisabled(settings, host)) {
    return settings.disabledSites.filter((site) => {
      const bare = host.replace(/^www\./, '');
      return bare !== site && !bare.endsWith(`.${site}`);
    });
  }
  return [...settings.disabledSites, host.replace(/^www\./, '')];
}

export function isMarkingOn(settings: Settings, hostname: string): boolean {
  return settings.markingEnabled && !isSiteDisabled(settings, hostname);
}

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** A list's address must be https, or http on this machine; the reason is given when it is not. */
export function refreshUrlProblem(url: string): Problem | null {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return { key: 'urlNotUrl', params: [] };
  }
  if (parsed.username || parsed.password) return { key: 'urlCredentials', params: [] };
  if (parsed.protocol === 'https:') return null;
  if (parsed.protocol === 'http:' && LOCAL_HOSTS.has(parsed.hostname)) return null;
  if (parsed.protocol === 'http:') return { key: 'urlHttpsOnly', params: [] };
  return { key: 'urlScheme', params: [parsed.protocol] };
}

/** The origin pattern to ask host permission for. */
export function originPattern(url: string): string {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.hostname}/*`;
}
