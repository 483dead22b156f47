// An account's whole record in the popup: identity, status, notes, the timeline of events and every report.
import { useEffect, useState } from 'preact/hooks';
import type { AccountDetails } from '../../lib/protocol';
import { PLATFORM_LABEL } from '../../lib/statusLabels';
import { EventList } from '../EventList';
import { ReportList } from '../ReportList';
import { StatusLine } from '../StatusLine';

export function AccountView({
  id,
  load,
  onBack,
}: {
  id: string;
  load: (id: string) => Promise<AccountDetails | null>;
  onBack: () => void;
}) {
  const [details, setDetails] = useState<AccountDetails | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    load(id).then(setDetails, (e: Error) => setError(e.message));
  }, [id]);
  return (
    <section class="account-view" aria-labelledby="account-title">
      <button type="button" class="back" onClick={onBack}>
        ← Back
      </button>
      {error && <p role="alert">Could not load this account: {error}</p>}
      {details === null && <p role="alert">This account is no longer in the dataset.</p>}
      {details === undefined && !error && <p class="muted">Loading…</p>}
      {details && (
        <>
          <h2 id="account-title">{details.account.name}</h2>
          <p class="account-identity">
            {[
              PLATFORM_LABEL[details.account.platform],
              details.account.handle && `ID ${details.account.handle}`,
              details.account.organisation,
            ]
              .filter(Boolean)
              .join(' · ')}
          </p>
          <StatusLine status={details.account.status} since={details.account.statusSince} />
          {details.account.aliases.length > 0 && (
            <p class="aliases">Also known as: {details.account.aliases.map((alias) => alias.text).join(', ')}</p>
          )}
          {details.account.notes && <p class="notes">{details.account.notes}</p>}
          <h3>Timeline</h3>
          <EventList events={details.events} withSummary />
          <h3>Reports</h3>
          <ReportList reports={details.reports} withSummary />
        </>
      )}
    </section>
  );
}
