// What a mark says, in the interface language: the platform, the status and how old the evidence is.
// "Huobi News, WeChat account: blocked (reported by 22 August 2018)";
// "OKEx: its WeChat account was blocked (reported by 6 March 2018)".
import { t } from '../extension/i18n';
import type { AccountClaim, Claim } from '../lib/claims';
import { PLATFORM_KEY, STATUS_WORD_KEY } from '../lib/statusLabels';
import { formatDate } from './formatDate';

const plainDate = (claim: AccountClaim) => (claim.evidence ? formatDate({ ...claim.evidence, qualifier: 'on' }) : null);

/** Whether two names are the same name (case and width aside); no folding tables, which the content script lacks. */
const sameName = (a: string, b: string) => a.normalize('NFKC').toLowerCase() === b.normalize('NFKC').toLowerCase();

export function accountClaimText(claim: AccountClaim): string {
  const date = plainDate(claim);
  const platform = t(PLATFORM_KEY[claim.platform]);
  const status = t(STATUS_WORD_KEY[claim.status]);
  return date
    ? t('claimAccount', claim.name, platform, status, date)
    : t('claimAccountUndated', claim.name, platform, status);
}

/** "…; the lists disagree: Bundled list: blocked; Newsroom list: still active" where they do. */
function disagreement(claim: AccountClaim): string {
  const lists = claim.lists ?? [];
  if (new Set(lists.map((entry) => entry.status)).size < 2) return '';
  return t('claimListsDisagree', lists.map((entry) => `${entry.list}: ${t(STATUS_WORD_KEY[entry.status])}`).join('; '));
}

export function claimText(claim: Claim): string {
  if (claim.match === 'account') return accountClaimText(claim) + disagreement(claim);
  const parts = claim.accounts.map((account) => {
    const platform = t(PLATFORM_KEY[account.platform]);
    const status = t(STATUS_WORD_KEY[account.status]);
    const date = plainDate(account);
    if (!date) return t('claimOrganisationNoDate', platform, account.name, status);
    return sameName(account.name, claim.name)
      ? t('claimOrganisationOwnAccount', platform, status, date)
      : t('claimOrganisationAccount', platform, account.name, status, date);
  });
  return t('claimOrganisation', claim.name, parts.join(t('claimListSeparator')));
}

/** A mark's accessible name: what it claims, and who says so. */
export function markLabel(claim: Claim): string {
  return t('markSuffix', claimText(claim));
}
