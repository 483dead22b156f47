// Which list a record comes from, and what every other list that names the same account says: each list's status
// with its own dates, side by side. Where the lists disagree, it says so first; no status is silently chosen.
import { t } from '../extension/i18n';
import { evidenceDate } from '../lib/claims';
import { BUNDLED_LIST } from '../lib/lists/listIds';
import type { AccountDetails } from '../lib/protocol';
import { StatusLine } from './StatusLine';

/** Whether the lists that name an account give it different statuses. */
export const detailsDisagree = (details: AccountDetails) =>
  (details.others ?? []).some((other) => other.account.status !== details.account.status);

/** The list a record comes from; said when another list than the bundled one is involved. */
export function ListSource({ details }: { details: AccountDetails }) {
  if (!details.list || (details.list.id === BUNDLED_LIST && !details.others?.length)) return null;
  return <p class="tdl-muted tdl-list-source">{t('cardFromList', details.list.title, details.list.version)}</p>;
}

export function OtherLists({ details, headingClass }: { details: AccountDetails; headingClass?: string }) {
  const others = details.others ?? [];
  if (others.length === 0) return null;
  return (
    <section aria-label={t('cardOtherLists')} class="tdl-other-lists">
      <h3 class={headingClass}>{t('cardOtherLists')}</h3>
      <ul class="tdl-accounts">
        {others.map((other) => (
          <li key={other.list?.id ?? other.account.id} data-list={other.list?.id}>
            <strong>{other.list ? t('cardListVersion', other.list.title, other.list.version) : ''}</strong>
            <StatusLine
              status={other.account.status}
              since={other.account.statusSince}
              evidence={evidenceDate(other.events, other.reports)}
            />
          </li>
        ))}
      </ul>
    </section>
  );
}
