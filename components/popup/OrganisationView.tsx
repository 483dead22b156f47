// An organisation in the popup: what it is, its official websites, and its accounts, each opening its own record.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../extension/i18n';
import { RecordShell } from './RecordShell';
import type { OrganisationDetails } from '../../lib/protocol';
import { ORGANISATION_KIND_KEY } from '../../lib/statusLabels';
import { AccountRow } from './AccountRow';

export function OrganisationView({
  id,
  load,
  onOpenAccount,
  onBack,
}: {
  id: string;
  load: (id: string) => Promise<OrganisationDetails | null>;
  onOpenAccount: (id: string) => void;
  onBack: () => void;
}) {
  const [details, setDetails] = useState<OrganisationDetails | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    load(id).then(setDetails, (e: Error) => setError(e.message));
  }, [id]);
  const websites = details?.organisation.websites.map((site) => site.domain).join(', ');
  return (
    <RecordShell labelledBy="organisation-title" loaded={details} error={error} onBack={onBack}>
      {details && (
        <>
          <h2 id="organisation-title">{details.organisation.name}</h2>
          <p class="account-identity">
            {t(ORGANISATION_KIND_KEY[details.organisation.kind])}
            {websites && ` · ${t('cardOrganisationWebsites', websites)}`}
          </p>
          <p class="notes">{t('cardOrganisationNote')}</p>
          {details.organisation.notes && <p class="notes">{details.organisation.notes}</p>}
          <h3>{t('cardOrganisationAccounts')}</h3>
          <ul class="accounts">
            {details.accounts.map((account) => (
              <AccountRow key={account.id} account={account} onOpen={onOpenAccount} />
            ))}
          </ul>
        </>
      )}
    </RecordShell>
  );
}
