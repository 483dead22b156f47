// The sightings log, kept by the background in IndexedDB: a row per account or organisation marked on a page, once
// per visit, only while the reader has it on, never for a private window. Rows older than the reader's retention
// are dropped as new ones come. Exported with what the lists say of each row, for citing.
import { claimKey } from '../../lib/claims';
import type { ExportFile } from '../../lib/protocol';
import {
  loggedTitle,
  loggedUrl,
  retentionCutoff,
  sightingsToCsv,
  type CitedSighting,
  type Sighting,
} from '../../lib/sightings/sightings';
import { PLATFORM_KEY } from '../../lib/statusLabels';
import { t } from '../i18n';
import type { TakedownDb } from '../store/takedownDb';
import type { SettingsKeeper } from './settingsKeeper';
import type { TakedownService } from './takedownService';

/** How many visits are remembered to record each page once per visit. */
const VISITS_REMEMBERED = 500;

export class SightingsLog {
  /** Per visit (tab and the content script's visit token): what was already recorded. */
  private readonly recorded = new Map<string, Set<string>>();

  constructor(
    private readonly db: TakedownDb,
    private readonly settings: SettingsKeeper,
    private readonly service: TakedownService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Records what a page's marks name, if the log is on and the tab is not private. */
  async record(
    page: { tabId?: number | undefined; url?: string | undefined; incognito?: boolean | undefined },
    found: readonly string[],
    visit: string | undefined,
    title: string | undefined,
  ): Promise<void> {
    if (page.tabId === undefined || page.incognito || found.length === 0) return;
    const settings = await this.settings.get();
    if (!settings.sightingsEnabled) return;
    const url = page.url && loggedUrl(page.url, settings.sightingsFullUrl);
    if (!url) return;
    // A visit: this load of the page (the content script's token) at this address (a single-page site moves on).
    const visitKey = `${page.tabId} ${visit ?? ''} ${url}`;
    let seen = this.recorded.get(visitKey);
    if (!seen) {
      seen = new Set();
      this.recorded.set(visitKey, seen);
      if (this.recorded.size > VISITS_REMEMBERED) this.recorded.delete(this.recorded.keys().next().value!);
    }
    const fresh = found.filter((key) => !seen.has(key));
    if (fresh.length === 0) return;
    for (const key of fresh) seen.add(key);
    const at = this.now().toISOString();
    await this.db.sightings.bulkAdd(fresh.map((key) => ({ key, url, title: loggedTitle(title), at })));
    await this.prune(settings.sightingsRetentionDays);
  }

  private async prune(days: number): Promise<void> {
    await this.db.sightings.where('at').below(retentionCutoff(this.now(), days).toISOString()).delete();
  }

  async of(key: string): Promise<Array<{ url: string; title: string; at: string }>> {
    await this.prune((await this.settings.get()).sightingsRetentionDays);
    const rows = await this.db.sightings.where('key').equals(key).reverse().sortBy('at');
    return rows.slice(0, 100).map(({ url, title, at }) => ({ url, title, at }));
  }

  async count(): Promise<number> {
    await this.prune((await this.settings.get()).sightingsRetentionDays);
    return this.db.sightings.count();
  }

  async clear(): Promise<void> {
    await this.db.sightings.clear();
  }

  /** Every row, newest first, with the status, evidence date and report titles the lists give what was seen. */
  async export(format: 'json' | 'csv'): Promise<ExportFile> {
    await this.prune((await this.settings.get()).sightingsRetentionDays);
    const rows = (await this.db.sightings.orderBy('at').reverse().toArray()) as Sighting[];
    const cited: CitedSighting[] = [];
    const about = new Map<string, Omit<CitedSighting, keyof Sighting>>();
    for (const row of rows) {
      if (!about.has(row.key)) about.set(row.key, await this.describe(row.key));
      const { seq: _seq, ...sighting } = row;
      cited.push({ ...sighting, ...about.get(row.key)! });
    }
    const stamp = this.now().toISOString().slice(0, 10);
    if (format === 'csv') {
      return { filename: `takedown-lens-sightings-${stamp}.csv`, mime: 'text/csv', text: sightingsToCsv(cited) };
    }
    return {
      filename: `takedown-lens-sightings-${stamp}.json`,
      mime: 'application/json',
      text: JSON.stringify(cited, null, 2),
    };
  }

  /** What the lists in use say of a key today (empty fields when no list has it any more). */
  private async describe(key: string): Promise<Omit<CitedSighting, keyof Sighting>> {
    const none = { name: '', platform: '', lists: '', status: '', evidence: '', reports: [] };
    if (key.startsWith('organisation:')) {
      const details = await this.service.organisationDetails(key.slice('organisation:'.length));
      const claim = (await this.service.claims([key]))[key];
      if (!details || !claim) return none;
      const reports = new Set<string>();
      for (const account of details.accounts) {
        for (const report of (await this.service.accountDetails(account.id))?.reports ?? []) reports.add(report.title);
      }
      const latest =
        claim.match === 'organisation'
          ? claim.accounts
              .map((a) => a.evidence?.value ?? '')
              .sort()
              .at(-1)
          : '';
      return {
        ...none,
        name: details.organisation.name,
        status: claim.status,
        evidence: latest ?? '',
        reports: [...reports],
      };
    }
    const details = await this.service.accountDetails(key.slice('account:'.length));
    const claim = (await this.service.claims([claimKey('account', key.slice('account:'.length))]))[key];
    if (!details) return none;
    const listed = [details, ...(details.others ?? [])];
    return {
      name: details.account.name,
      platform: t(PLATFORM_KEY[details.account.platform]),
      lists: listed.map((entry) => `${entry.list?.title ?? ''}: ${entry.account.status}`).join('; '),
      status: details.account.status,
      evidence: claim?.match === 'account' ? (claim.evidence?.value ?? '') : '',
      reports: [...new Set(listed.flatMap((entry) => entry.reports.map((report) => report.title)))],
    };
  }
}
