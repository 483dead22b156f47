// One account in a popup list: name, platform and handle, status with its date; opens the account view.
import { t } from '../../extension/i18n';
import type { AccountSummary } from '../../lib/protocol';
import { accountIdentity } from '../accountIdentity';
import { STATUS_KEY } from '../../lib/statusLabels';
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
      {account.lists && new Set(account.lists.map((entry) => entry.status)).size > 1 && (
        <p class="tdl-conflict">
          {t(
            'rowListsDisagree',
            account.lists.map((entry) => `${entry.list}: ${t(STATUS_KEY[entry.status])}`).join('; '),
          )}
        </p>
      )}
      {children}
    </li>
  );
}
