// What a mark claims when several lists name its account or organisation: the first list's claim, with each list's
// own status beside it, so a card and a mark's label can say where the lists disagree instead of picking one.
import { mostSevere } from '../matching/takedownMatcher';
import type { AccountClaim, Claim, OrganisationClaim } from '../claims';
import { organisationClaim } from '../claims';

/** One list's claim about a record several lists share, named by the list's title. */
export interface ListedClaim {
  claim: Claim;
  list: string;
}

/** Whether the lists' statuses for one account differ. */
export const listsDisagree = (claim: AccountClaim) => new Set(claim.lists?.map((entry) => entry.status)).size > 1;

/**
 * The claim for a representative id (`id`) from its lists' claims (first list first). Accounts inside an
 * organisation's claim are named by their representative (`repOf`), so an account two lists share appears once.
 */
export function mergeClaims(id: string, listed: readonly ListedClaim[], repOf: (id: string) => string): Claim | null {
  const [first] = listed;
  if (!first) return null;
  if (first.claim.match === 'account') {
    const accounts = listed.filter(
      (entry): entry is { claim: AccountClaim; list: string } => entry.claim.match === 'account',
    );
    const claim: AccountClaim = { ...first.claim, id };
    if (accounts.length > 1) {
      claim.lists = accounts.map(({ claim: own, list }) => ({ list, status: own.status, evidence: own.evidence }));
    }
    return claim;
  }
  const organisations = listed
    .map((entry) => entry.claim)
    .filter((claim): claim is OrganisationClaim => claim.match === 'organisation');
  const accounts = new Map<string, AccountClaim>();
  for (const organisation of organisations) {
    for (const account of organisation.accounts) {
      const rep = repOf(account.id);
      if (!accounts.has(rep)) accounts.set(rep, { ...account, id: rep });
    }
  }
  const all = [...accounts.values()];
  return organisationClaim({ id, name: first.claim.name }, mostSevere(all.map((account) => account.status)), all);
}
