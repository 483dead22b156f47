// Message keys for statuses, actions and platforms (shared by the hover card, popup and options), and the rule
// that only http(s) URLs ever become links.
import type { Account, Organisation, Status, TakedownEvent } from './dataset/schema';
import type { MessageKey } from './i18n/en';

export const STATUS_KEY: Record<Status, MessageKey> = {
  blocked: 'statusBlocked',
  suspended: 'statusSuspended',
  restricted: 'statusRestricted',
  deleted: 'statusDeleted',
  active: 'statusActive',
  unknown: 'statusUnknown',
};

export const ACTION_KEY: Record<TakedownEvent['action'], MessageKey> = {
  blocked: 'actionBlocked',
  suspended: 'actionSuspended',
  restricted: 'actionRestricted',
  deleted: 'actionDeleted',
  closed: 'actionClosed',
  reinstated: 'actionReinstated',
  'reported-active': 'actionReportedActive',
  policy: 'actionPolicy',
};

/** Statuses as words inside a sentence ("its WeChat account was blocked"). */
export const STATUS_WORD_KEY: Record<Status, MessageKey> = {
  blocked: 'statusWordBlocked',
  suspended: 'statusWordSuspended',
  restricted: 'statusWordRestricted',
  deleted: 'statusWordDeleted',
  active: 'statusWordActive',
  unknown: 'statusWordUnknown',
};

export const ORGANISATION_KIND_KEY: Record<Organisation['kind'], MessageKey> = {
  exchange: 'organisationKindExchange',
  'media-outlet': 'organisationKindMediaOutlet',
  company: 'organisationKindCompany',
  'blockchain-project': 'organisationKindBlockchainProject',
  'mining-hardware-maker': 'organisationKindMiningHardwareMaker',
  person: 'organisationKindPerson',
  'government-body': 'organisationKindGovernmentBody',
  other: 'organisationKindOther',
};

export const PLATFORM_KEY: Record<Account['platform'], MessageKey> = {
  wechat: 'platformWechat',
  weibo: 'platformWeibo',
  twitter: 'platformTwitter',
  telegram: 'platformTelegram',
  facebook: 'platformFacebook',
  youtube: 'platformYoutube',
  website: 'platformWebsite',
  app: 'platformApp',
  other: 'platformOther',
};

export type StatusGroup = 'taken-down' | 'active' | 'unknown';

/** How a status is shown: blocked, suspended, restricted and deleted all read as taken down. */
export function statusGroup(status: Status): StatusGroup {
  if (status === 'active') return 'active';
  if (status === 'unknown') return 'unknown';
  return 'taken-down';
}

/** Only http(s) links are ever rendered as links; anything else is shown as text. */
export function safeHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

export const CATEGORY_KEY: Record<Account['category'], MessageKey> = {
  exchange: 'categoryExchange',
  media: 'categoryMedia',
  'mining-hardware': 'categoryMiningHardware',
  'blockchain-project': 'categoryBlockchainProject',
  'market-analysis': 'categoryMarketAnalysis',
  'political-commentary': 'categoryPoliticalCommentary',
  other: 'categoryOther',
};

export const PRECISION_KEY: Record<'day' | 'month' | 'year', MessageKey> = {
  day: 'precisionDay',
  month: 'precisionMonth',
  year: 'precisionYear',
};
