// Words for statuses, actions and platforms, shared by the hover card and the popup.
import type { Account, Status, TakedownEvent } from './dataset/schema';

export const STATUS_LABEL: Record<Status, string> = {
  blocked: 'Blocked',
  suspended: 'Suspended',
  restricted: 'Restricted',
  deleted: 'Deleted',
  active: 'Still active',
  unknown: 'Status unknown',
};

export const ACTION_LABEL: Record<TakedownEvent['action'], string> = {
  blocked: 'Blocked',
  suspended: 'Suspended',
  restricted: 'Restricted',
  deleted: 'Deleted',
  closed: 'Closed',
  reinstated: 'Reinstated',
  'reported-active': 'Reported still active',
  policy: 'Policy',
};

export const PLATFORM_LABEL: Record<Account['platform'], string> = {
  wechat: 'WeChat',
  weibo: 'Weibo',
  twitter: 'Twitter / X',
  telegram: 'Telegram',
  facebook: 'Facebook',
  youtube: 'YouTube',
  website: 'Website',
  app: 'App',
  other: 'Other',
};

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
