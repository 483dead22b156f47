// The text a correction opens with, in the interface language: which account (its id in the list), which list and
// version, what the extension shows of it, and the page it was seen on if the reader agreed.
import { t } from '../extension/i18n';
import { accountClaim } from '../lib/claims';
import type { CorrectionText } from '../lib/lists/correctionLink';
import { splitQualified } from '../lib/lists/listIds';
import type { AccountDetails } from '../lib/protocol';
import { PLATFORM_KEY } from '../lib/statusLabels';
import { accountClaimText } from './claimText';

export function correctionText(listed: AccountDetails, page: string | null): CorrectionText {
  const { account, list } = listed;
  const localId = splitQualified(account.id)?.id ?? account.id;
  const title = list?.title ?? '';
  const lines = [
    t('correctionAccount', account.name, t(PLATFORM_KEY[account.platform]), localId),
    t('correctionList', title, list?.version ?? ''),
    t('correctionShown', accountClaimText(accountClaim(account, listed.events, listed.reports))),
    ...(page ? [t('correctionPage', page)] : []),
    '',
    t('correctionAsk'),
    '',
  ];
  return { subject: t('correctionSubject', account.name, title), body: lines.join('\n') };
}
