// An account's whole record in the popup: identity, status, notes, the timeline of events and every report.
import { useEffect, useState } from 'preact/hooks';
import { t, uiLocale } from '../../extension/i18n';
import { RecordShell } from './RecordShell';
import { evidenceDate } from '../../lib/claims';
import { MY_LIST } from '../../lib/lists/listIds';
import type { AccountDetails } from '../../lib/protocol';
import { accountIdentity } from '../accountIdentity';
import { CorrectionOffer, type ReportCorrection } from '../CorrectionOffer';
import { EventList } from '../EventList';
import { NoteEditor } from '../NoteEditor';
import { detailsDisagree, ListSource, OtherLists } from '../ListClaims';
import { ReportList } from '../ReportList';
import { StatusLine } from '../StatusLine';

export function AccountView({
  id,
  load,
  onOpenOrganisation,
  onBack,
  onReport,
  onEdit,
  onSaveNote,
  seen,
  pageKnown = false,
}: {
  id: string;
  load: (id: string) => Promise<AccountDetails | null>;
  onOpenOrganisation?: (id: string) => void;
  onBack: () => void;
  onReport?: ReportCorrection;
  /** Opens My list's form for this record (offered for records of My list only). */
  onEdit?: (id: string) => void;
  /** Saves the reader's note on the account. */
  onSaveNote?: (id: string, text: string) => Promise<void>;
  /** Where the account was seen (the sightings log), newest first; none when the log is off or empty. */
  seen?: (id: string) => Promise<Array<{ url: string; title: string; at: string }>>;
  /** Whether the account was found on the tab the popup shows (its page may go into a correction). */
  pageKnown?: boolean;
}) {
  const [details, setDetails] = useState<AccountDetails | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [sightings, setSightings] = useState<Array<{ url: string; title: string; at: string }>>([]);
  useEffect(() => {
    load(id).then(setDetails, (e: Error) => setError(e.message));
    seen?.(id).then(setSightings, () => setSightings([]));
  }, [id]);
  return (
    <RecordShell labelledBy="account-title" loaded={details} error={error} onBack={onBack}>
      {details && (
        <>
          <h2 id="account-title">{details.account.name}</h2>
          <p class="account-identity">
            {accountIdentity({ ...details.account, organisation: details.organisation?.name })}
          </p>
          <ListSource details={details} />
          {onEdit && details.list?.id === MY_LIST && (
            <button type="button" class="link-button" onClick={() => onEdit(details.account.id)}>
              {t('mineEdit')}
            </button>
          )}
          {detailsDisagree(details) && (
            <p class="tdl-conflict" role="note">
              {t('cardListsDisagree')}
            </p>
          )}
          <StatusLine
            status={details.account.status}
            since={details.account.statusSince}
            evidence={evidenceDate(details.events, details.reports)}
          />
          <OtherLists details={details} />
          {onSaveNote && <NoteEditor note={details.note} onSave={(text) => onSaveNote(details.account.id, text)} />}
          {details.organisation && onOpenOrganisation && (
            <button type="button" class="link-button" onClick={() => onOpenOrganisation(details.organisation!.id)}>
              {t('popupOrganisationOf', details.organisation.name)}
            </button>
          )}
          {details.account.aliases.length > 0 && (
            <p class="aliases">
              {t('popupAlsoKnownAs', details.account.aliases.map((alias) => alias.text).join(', '))}
            </p>
          )}
          {details.account.notes && <p class="notes">{details.account.notes}</p>}
          <h3>{t('popupTimeline')}</h3>
          <EventList events={details.events} withSummary />
          <h3>{t('popupReports')}</h3>
          <ReportList reports={details.reports} withSummary />
          {sightings.length > 0 && (
            <section aria-labelledby="seen-heading">
              <h3 id="seen-heading">{t('popupSeenOn')}</h3>
              <ul class="seen">
                {sightings.map((row) => (
                  <li key={row.at + row.url}>
                    <a href={row.url} target="_blank" rel="noopener noreferrer">
                      {row.title || row.url}
                    </a>{' '}
                    <span class="muted">{new Date(row.at).toLocaleString(uiLocale(), { dateStyle: 'medium' })}</span>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {onReport && <CorrectionOffer details={details} onReport={onReport} pageKnown={pageKnown} />}
        </>
      )}
    </RecordShell>
  );
}
