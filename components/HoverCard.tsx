// The hover card shown beside a mark: for an account, who it is, what happened to it (with how old the evidence
// is) and which reports say so; for an organisation, that it is an organisation, and what happened to its accounts.
import { t } from '../extension/i18n';
import { evidenceDate } from '../lib/claims';
import type { AccountDetails, OrganisationDetails } from '../lib/protocol';
import { ORGANISATION_KIND_KEY } from '../lib/statusLabels';
import { accountIdentity } from './accountIdentity';
import { CorrectionOffer, type ReportCorrection } from './CorrectionOffer';
import { EventList } from './EventList';
import { NoteText } from './NoteEditor';
import { detailsDisagree, ListSource, OtherLists } from './ListClaims';
import { ReportList } from './ReportList';
import { StatusLine } from './StatusLine';

export type CardContent =
  { kind: 'account'; details: AccountDetails } | { kind: 'organisation'; details: OrganisationDetails };

export type HoverCardState =
  { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; content: CardContent };

export const CARD_EVENTS_SHOWN = 3;
export const CARD_REPORTS_SHOWN = 4;

function AccountCard({
  details,
  titleId,
  onReport,
}: {
  details: AccountDetails;
  titleId: string;
  onReport?: ReportCorrection | undefined;
}) {
  const { account, events, reports } = details;
  const identity = accountIdentity({ ...account, organisation: details.organisation?.name });
  return (
    <>
      <header>
        <p class="tdl-brand">Takedown Lens</p>
        <h2 id={titleId}>{account.name}</h2>
        <p class="tdl-identity">{identity}</p>
        <ListSource details={details} />
      </header>
      {detailsDisagree(details) && (
        <p class="tdl-conflict" role="note">
          {t('cardListsDisagree')}
        </p>
      )}
      <StatusLine status={account.status} since={account.statusSince} evidence={evidenceDate(events, reports)} />
      <OtherLists details={details} />
      <NoteText note={details.note} />
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
      {onReport && <CorrectionOffer details={details} onReport={onReport} pageKnown />}
    </>
  );
}

export function OrganisationCard({ details, titleId }: { details: OrganisationDetails; titleId: string }) {
  const { organisation, accounts } = details;
  const websites = organisation.websites.map((site) => site.domain).join(', ');
  return (
    <>
      <header>
        <p class="tdl-brand">Takedown Lens</p>
        <h2 id={titleId}>{organisation.name}</h2>
        <p class="tdl-identity">
          {t(ORGANISATION_KIND_KEY[organisation.kind])}
          {websites && ` · ${t('cardOrganisationWebsites', websites)}`}
        </p>
      </header>
      <p class="tdl-muted">{t('cardOrganisationNote')}</p>
      <section aria-label={t('cardOrganisationAccounts')}>
        <h3>{t('cardOrganisationAccounts')}</h3>
        <ul class="tdl-accounts">
          {accounts.map((account) => (
            <li key={account.id}>
              <strong>{account.name}</strong> <span class="tdl-muted">{accountIdentity(account)}</span>
              <StatusLine status={account.status} since={account.statusSince} evidence={account.evidence} />
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

/** The page's link that holds a tapped mark: on a phone the first tap opens the card, which offers the link. */
export interface HeldLink {
  host: string;
  follow(): void;
}

function Body({
  state,
  titleId,
  onReport,
}: {
  state: HoverCardState;
  titleId: string;
  onReport?: ReportCorrection | undefined;
}) {
  if (state.kind === 'loading') return <p class="tdl-muted">{t('cardLoading')}</p>;
  if (state.kind === 'error') return <p role="alert">{t('cardError', state.message)}</p>;
  return state.content.kind === 'account' ? (
    <AccountCard details={state.content.details} titleId={titleId} onReport={onReport} />
  ) : (
    <OrganisationCard details={state.content.details} titleId={titleId} />
  );
}

export function HoverCard({
  state,
  titleId,
  link,
  onReport,
}: {
  state: HoverCardState;
  titleId: string;
  link?: HeldLink | null;
  /** "Report a correction" to a list of the account shown; none where the card cannot offer it. */
  onReport?: ReportCorrection | undefined;
}) {
  return (
    <>
      <Body state={state} titleId={titleId} onReport={onReport} />
      {link && (
        <button type="button" class="tdl-follow" onClick={link.follow}>
          {t('cardFollowLink', link.host)}
        </button>
      )}
    </>
  );
}
