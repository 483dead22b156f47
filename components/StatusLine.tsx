// "Blocked since 6 March 2018", "Blocked by 22 August 2018", "Still active as of about September 2018":
// the status in words (never colour alone) with its date and how sure that date is.
import { formatPartialDate } from '../lib/dataset/formatPartialDate';
import type { PartialDate, Status } from '../lib/dataset/schema';
import { STATUS_LABEL } from '../lib/statusLabels';

export function statusDatePhrase(status: Status, since: PartialDate): string {
  if (status === 'active' || status === 'unknown') return `as of ${formatPartialDate(since)}`;
  return since.qualifier === 'on-or-before' ? formatPartialDate(since) : `since ${formatPartialDate(since)}`;
}

export function StatusLine({ status, since }: { status: Status; since?: PartialDate | undefined }) {
  const group = status === 'active' ? 'active' : status === 'unknown' ? 'unknown' : 'taken-down';
  return (
    <p class={`tdl-status tdl-status-${group}`} data-status={status}>
      <strong>{STATUS_LABEL[status]}</strong>
      {since && <span> {statusDatePhrase(status, since)}</span>}
    </p>
  );
}
