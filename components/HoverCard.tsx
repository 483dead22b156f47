// The hover card shown beside a mark: who the account is, what happened to it, and which reports say so.
import { t } from '../extension/i18n';
import type { AccountDetails } from '../lib/protocol';
import { accountIdentity } from './accountIdentity';
import { EventList } from './EventList';
import { ReportList } from './ReportList';
import { StatusLine } from './StatusLine';

export type HoverCardState =
  { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; details: AccountDetails };

export const CARD_EVENTS_SHOWN = 3;
export const CARD_REPORTS_SHOWN = 4;

export function HoverCard({ state, titleId }: { state: HoverCardState; titleId: string }) {
  if (state.kind === 'loading') return <p class="tdl-muted">{t('cardLoading')}</p>;
  if (state.kind === 'error') return <p role="alert">{t('cardError', state.message)}</p>;
  const { account, events, reports } = state.details;
  const identity = accountIdentity(account);
  return (
    <>
      <header>
        <p class="tdl-brand">Takedown Lens</p>
        <h2 id={titleId}>{account.name}</h2>
        <p class="tdl-identity">{identity}</p>
      </header>
      <StatusLine status={account.status} since={account.statusSince} />
      <section aria-label={t('cardLatestEvents')}>
        <h3>{t('cardLatestEvents')}</h3>
        <EventList events={events} limit={CARD_EVENTS_SHOWN} />
      </section>
      <section aria-label={t('cardReports')}>
        <h3>{t('cardReports')}</h3>
        <ReportList reports={reports.slice(0, CARD_REPORTS_SHOWN)} />
        {reports.length > CARD_REPORTS_SHOWN && (
          <p class="tdl-muted">{t('cardMoreReports', reports.length - CARD_REPORTS_SHOWN)}</p>
        )}
      </section>
    </>
  );
}
