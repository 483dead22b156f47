// Sightings: a researcher's log of where tracked accounts and organisations appeared, kept only in this browser and
// only when the reader turned it on. One row per account or organisation per visit of a page. Pure rules: what
// address is kept, how long rows are kept, and the rows as a table for citing.
import { csvField } from '../lists/exportLists';

export interface Sighting {
  seq?: number;
  /** claimKey of what was marked ("account:bundled/okex-wechat"). */
  key: string;
  url: string;
  title: string;
  /** ISO time. */
  at: string;
}

/** A sighting with what the lists say of it, for export. */
export interface CitedSighting extends Sighting {
  name: string;
  platform: string;
  lists: string;
  status: string;
  evidence: string;
  reports: string[];
}

export const RETENTION_DAYS = [30, 90, 365] as const;
export type RetentionDays = (typeof RETENTION_DAYS)[number];
export const DEFAULT_RETENTION_DAYS: RetentionDays = 90;
const MAX_TITLE = 300;

/** The address kept for a page: without its query and fragment, unless the reader chose the full address. */
export function loggedUrl(url: string, full: boolean): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  if (parsed.username || parsed.password) return null;
  return (full ? parsed.href : `${parsed.origin}${parsed.pathname}`).slice(0, 2_048);
}

/** A page title as kept: one line of printable text, cut to a length a table can hold. */
export const loggedTitle = (title: string | undefined) =>
  (title ?? '')
    .replace(/[\p{Cc}\p{Cf}\s]+/gu, ' ')
    .trim()
    .slice(0, MAX_TITLE);

/** Rows older than this time are dropped. */
export const retentionCutoff = (now: Date, days: number) => new Date(now.getTime() - days * 24 * 60 * 60_000);

export const SIGHTING_COLUMNS = [
  'seen at',
  'page URL',
  'page title',
  'kind',
  'id',
  'name',
  'platform',
  'lists',
  'status',
  'evidence date',
  'report titles',
] as const;

/** The log as CSV, one row per sighting, newest first as given; fields quoted and formulas defused. */
export function sightingsToCsv(rows: readonly CitedSighting[]): string {
  const lines = [SIGHTING_COLUMNS.map(csvField).join(',')];
  for (const row of rows) {
    const kind = row.key.startsWith('organisation:') ? 'organisation' : 'account';
    lines.push(
      [
        row.at,
        row.url,
        row.title,
        kind,
        row.key.slice(kind.length + 1),
        row.name,
        row.platform,
        row.lists,
        row.status,
        row.evidence,
        row.reports.join('; '),
      ]
        .map(csvField)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
