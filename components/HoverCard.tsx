// The hover card shown beside a mark: who the account is, what happened to it, and which reports say so.
import type { AccountDetails } from '../lib/protocol';
import { PLATFORM_LABEL } from '../lib/statusLabels';
import { EventList } from './EventList';
import { ReportList } from './ReportList';
import { StatusLine } from './StatusLine';

export type HoverCardState =
  { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; details: AccountDetails };

export const CARD_EVENTS_SHOWN = 3;
export const CARD_REPORTS_SHOWN = 4;

export function HoverCard({ state, titleId }: { state: HoverCardState; titleId: string }) {
  if (state.kind === 'loading') return <p class="tdl-muted">Loading…</p>;
  if (state.kind === 'error') return <p role="alert">Takedown Lens could not load this account: {state.message}</p>;
  const { account, events, reports } = state.details;
  const identity = [PLATFORM_LABEL[account.platform], account.handle && `ID ${account.handle}`, account.organisation]
    .filter(Boolean)
    .join(' · ');
  return (
    <>
      <header>
        <p class="tdl-brand">Takedown Lens</p>
        <h2 id={titleId}>{account.name}</h2>
        <p class="tdl-identity">{identity}</p>
      </header>
      <StatusLine status={account.status} since={account.statusSince} />
      <section aria-label="Latest events">
        <h3>Latest events</h3>
        <EventList events={events} limit={CARD_EVENTS_SHOWN} />
      </section>
      <section aria-label="Reports">
        <h3>Reports</h3>
        <ReportList reports={reports.slice(0, CARD_REPORTS_SHOWN)} />
        {reports.length > CARD_REPORTS_SHOWN && (
          <p class="tdl-muted">and {reports.length - CARD_REPORTS_SHOWN} more in the toolbar popup</p>
        )}
      </section>
    </>
  );
}
