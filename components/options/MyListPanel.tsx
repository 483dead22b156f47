// My list in the options page: its organisations, accounts and events, each with Edit or Delete, and the forms to
// add them. It marks pages like any other list, as soon as a record is saved.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../../extension/i18n';
import type { Dataset } from '../../lib/dataset/schema';
import type { FieldProblem, MyListEdit, MyListKind } from '../../lib/lists/myListEdits';
import { ACTION_KEY, PLATFORM_KEY, STATUS_KEY } from '../../lib/statusLabels';
import { formatDate } from '../formatDate';
import { MyListForm, type FormStart } from './MyListForm';

export function MyListPanel({
  load,
  busy,
  start,
  revision,
  onSave,
  onDelete,
}: {
  load: () => Promise<Dataset | null>;
  busy: boolean;
  /** A form to open at once (from the popup's "Track an account" or "Edit"). */
  start: FormStart | null;
  /** Changes whenever the lists change, so the panel reads My list again. */
  revision: unknown;
  onSave: (edit: MyListEdit) => Promise<FieldProblem[]>;
  onDelete: (kind: MyListKind, id: string, name: string) => Promise<void>;
}) {
  const [data, setData] = useState<Dataset | null | undefined>(undefined);
  const [form, setForm] = useState<FormStart | null>(start);
  useEffect(() => {
    load().then(setData, () => setData(null));
  }, [revision]);
  const row = (kind: MyListKind, id: string, name: string, detail: string) => (
    <li key={id} class="mine-row">
      <span>
        <strong>{name}</strong> <span class="muted">{detail}</span>
      </span>
      <button type="button" disabled={busy} aria-label={t('mineEditLabel', name)} onClick={() => setForm({ kind, id })}>
        {t('mineEdit')}
      </button>
      <button
        type="button"
        disabled={busy}
        aria-label={t('mineDeleteLabel', name)}
        onClick={() => void onDelete(kind, id, name)}
      >
        {t('mineDelete')}
      </button>
    </li>
  );
  return (
    <section aria-labelledby="mine-heading">
      <h2 id="mine-heading">{t('mineHeading')}</h2>
      <p class="muted">{t('mineHelp')}</p>
      {form && data !== undefined ? (
        <MyListForm
          key={`${form.kind} ${form.id ?? ''}`}
          start={form}
          data={data}
          busy={busy}
          onSave={async (edit) => {
            const problems = await onSave(edit);
            if (problems.length === 0) setForm(null);
            return problems;
          }}
          onCancel={() => setForm(null)}
        />
      ) : (
        <div class="buttons">
          <button type="button" disabled={busy} onClick={() => setForm({ kind: 'account' })}>
            {t('formTrackAccount')}
          </button>
          <button type="button" disabled={busy} onClick={() => setForm({ kind: 'organisation' })}>
            {t('formAddOrganisation')}
          </button>
          <button type="button" disabled={busy || !data?.accounts.length} onClick={() => setForm({ kind: 'event' })}>
            {t('formAddEvent')}
          </button>
        </div>
      )}
      {data && (data.accounts.length > 0 || data.organisations.length > 0) ? (
        <>
          {data.organisations.length > 0 && <h3>{t('mineOrganisations')}</h3>}
          <ul class="mine-list">
            {data.organisations.map((organisation) => row('organisation', organisation.id, organisation.name, ''))}
          </ul>
          {data.accounts.length > 0 && <h3>{t('mineAccounts')}</h3>}
          <ul class="mine-list">
            {data.accounts.map((account) =>
              row(
                'account',
                account.id,
                account.name,
                `${t(PLATFORM_KEY[account.platform])} · ${t(STATUS_KEY[account.status])}`,
              ),
            )}
          </ul>
          {data.events.length > 0 && <h3>{t('mineEvents')}</h3>}
          <ul class="mine-list">
            {data.events.map((event) =>
              row('event', event.id, `${t(ACTION_KEY[event.action])} · ${formatDate(event.date)}`, event.summary),
            )}
          </ul>
        </>
      ) : (
        <p class="muted">{t('mineEmpty')}</p>
      )}
    </section>
  );
}
