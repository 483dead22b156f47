// One account in a popup list: name, platform and handle, status with its date; opens the account view.
import type { AccountSummary } from '../../lib/protocol';
import { accountIdentity } from '../accountIdentity';
import { StatusLine } from '../StatusLine';

export function AccountRow({
  account,
  onOpen,
  children,
}: {
  account: AccountSummary;
  onOpen: (id: string) => void;
  children?: preact.ComponentChildren;
}) {
  const identity = accountIdentity(account);
  return (
    <li class="account-row">
      <button type="button" class="account-open" onClick={() => onOpen(account.id)}>
        <span class="account-name">{account.name}</span>
        <span class="account-identity">{identity}</span>
      </button>
      <StatusLine status={account.status} since={account.statusSince} evidence={account.evidence} />
      {children}
    </li>
  );
}
