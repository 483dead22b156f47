// "Report a correction" for each list (of those that name an account) that says where corrections go. The page's
// address goes into the text only if the reader ticks the box; the extension opens the list's address and sends
// nothing itself.
import { useState } from 'preact/hooks';
import { t } from '../extension/i18n';
import type { AccountDetails } from '../lib/protocol';

export type ReportCorrection = (list: string, includePage: boolean) => void;

export function CorrectionOffer({
  details,
  onReport,
  pageKnown,
}: {
  details: AccountDetails;
  onReport: ReportCorrection;
  /** Whether there is a page to include (the card's page; the popup's tab, when the account was found there). */
  pageKnown: boolean;
}) {
  const [includePage, setIncludePage] = useState(false);
  const lists = [details, ...(details.others ?? [])]
    .map((listed) => listed.list)
    .filter((list) => list?.corrections !== undefined);
  if (lists.length === 0) return null;
  return (
    <div class="tdl-correction">
      {pageKnown && (
        <label class="tdl-check">
          <input
            type="checkbox"
            checked={includePage}
            onChange={(event) => setIncludePage((event.target as HTMLInputElement).checked)}
          />{' '}
          {t('correctionIncludePage')}
        </label>
      )}
      {lists.map((list) => (
        <button type="button" class="tdl-follow" key={list!.id} onClick={() => onReport(list!.id, includePage)}>
          {t('correctionButton', list!.title)}
        </button>
      ))}
    </div>
  );
}
