// How the options page words a list's facts: where its data came from, and times.
import { t, uiLocale } from '../../extension/i18n';
import type { MessageKey } from '../../lib/i18n/en';
import type { ListKind } from '../../lib/lists/listModel';
import type { DatasetOrigin, ListView } from '../../lib/protocol';

export function describeOrigin(origin: DatasetOrigin): string {
  if (origin.kind === 'bundled') return t('originBundled');
  if (origin.kind === 'url') return t('originUrl', origin.url);
  if (origin.kind === 'mine') return t('originMine');
  return t('originFile', origin.name);
}

export const formatTime = (iso: string) =>
  new Date(iso).toLocaleString(uiLocale(), { dateStyle: 'medium', timeStyle: 'short' });

export const LIST_KIND_KEY: Record<ListKind, MessageKey> = {
  bundled: 'listKindBundled',
  url: 'listKindUrl',
  file: 'listKindFile',
  mine: 'listKindMine',
};

export const OUTCOME_KEY: Record<NonNullable<ListView['lastAttempt']>['outcome'], MessageKey> = {
  installed: 'outcomeInstalled',
  'not-modified': 'outcomeNotModified',
  'same-version': 'outcomeSameVersion',
  older: 'outcomeOlder',
  jump: 'outcomeJump',
  failed: 'outcomeFailed',
};
