// "Blocked since 6 March 2018", "Blocked by 22 August 2018", "Still active as of about September 2018":
// the status in words (never colour alone) with its date and how sure that date is.
import { t } from '../extension/i18n';
import type { PartialDate, Status } from '../lib/dataset/schema';
import { STATUS_KEY, statusGroup } from '../lib/statusLabels';
import { formatDate } from './formatDate';

export function statusDatePhrase(status: Status, since: PartialDate): string {
  if (status === 'active' || status === 'unknown') return t('statusAsOf', formatDate(since));
  return since.qualifier === 'on-or-before' ? formatDate(since) : t('statusSince', formatDate(since));
}

/**
 * A status is always dated twice over: since when (as the data says), and how recent its evidence is (the latest
 * event or report we hold), so an old claim never reads as today's news.
 */
export function StatusLine({
  status,
  since,
  evidence,
}: {
  status: Status;
  since?: PartialDate | undefined;
  evidence?: PartialDate | undefined;
}) {
  const group = statusGroup(status);
  return (
    <p class={`tdl-status tdl-status-${group}`} data-status={status}>
      <strong>{t(STATUS_KEY[status])}</strong>
      {since && <span> {statusDatePhrase(status, since)}</span>}
      <span class="tdl-evidence">
        {' · '}
        {evidence ? t('claimEvidence', formatDate({ ...evidence, qualifier: 'on' })) : t('claimNoEvidence')}
      </span>
    </p>
  );
}
