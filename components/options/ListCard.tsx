// One list in the options page: what it is and where it comes from, its version and counts, whether it is used,
// its last check and next scheduled one; and its actions: update, schedule, roll back, export, import, remove,
// the update held back for review, and its change history.
import { useState } from 'preact/hooks';
import { formatCount, t } from '../../extension/i18n';
import type { HistoryEntry, ListView } from '../../lib/protocol';
import type { RefreshSchedule } from '../../lib/settings';
import { HistoryPanel, ReviewPanel } from './ChangesPanel';
import { CheckField } from './CheckField';
import { KeyField } from './KeyField';
import { describeOrigin, formatTime, LIST_KIND_KEY, OUTCOME_KEY } from './listFacts';

export interface ListActions {
  setEnabled(enabled: boolean): void;
  setSchedule(schedule: RefreshSchedule): void;
  /** Sets, changes or removes a subscribed list's signing key (after a warning where it changes). */
  setKey(key: string): Promise<void>;
  fingerprint(key: string): Promise<string | null>;
  update(): void;
  rollBack(): void;
  remove(): void;
  exportAs(format: 'json' | 'csv'): void;
  importFile(file: File): Promise<void>;
  install(): void;
  discard(): void;
  history(): Promise<HistoryEntry[]>;
  exportHistory(entries: HistoryEntry[]): void;
}

function KeyEditor({ list, busy, actions }: { list: ListView; busy: boolean; actions: ListActions }) {
  const [typed, setTyped] = useState(list.key ?? '');
  return (
    <details class="list-key">
      <summary>{t('listKeyEdit')}</summary>
      <KeyField name={`list-key-${list.id}`} value={typed} onInput={setTyped} fingerprint={actions.fingerprint} />
      <button
        type="button"
        disabled={busy || typed.trim() === (list.key ?? '')}
        onClick={() => void actions.setKey(typed.trim())}
      >
        {t('listKeySave')}
      </button>
    </details>
  );
}

function History({
  load,
  onExport,
}: {
  load: () => Promise<HistoryEntry[]>;
  onExport: (entries: HistoryEntry[]) => void;
}) {
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  return (
    <details
      class="list-history"
      onToggle={(event) => {
        if ((event.currentTarget as HTMLDetailsElement).open) load().then(setEntries, () => setEntries([]));
      }}
    >
      <summary>{t('historyHeading')}</summary>
      {entries === null ? (
        <p class="muted">{t('cardLoading')}</p>
      ) : (
        <HistoryPanel entries={entries} onExport={() => onExport(entries)} />
      )}
    </details>
  );
}

export function ListCard({ list, busy, actions }: { list: ListView; busy: boolean; actions: ListActions }) {
  const titleId = `list-${list.id}-title`;
  const { info, lastAttempt } = list;
  const subscribed = list.kind === 'url';
  return (
    <article class="list-card" aria-labelledby={titleId} data-list={list.id} data-enabled={String(list.enabled)}>
      <h3 id={titleId}>
        {list.title} <span class="muted list-kind">{t(LIST_KIND_KEY[list.kind])}</span>
      </h3>
      <CheckField
        name={`list-enabled-${list.id}`}
        checked={list.enabled}
        disabled={busy}
        onChange={(enabled) => actions.setEnabled(enabled)}
      >
        {t('listEnabled')}
      </CheckField>
      <dl class="facts">
        {list.url && (
          <>
            <dt>{t('listSourceUrl')}</dt>
            <dd class="list-url">{list.url}</dd>
          </>
        )}
        {list.homepage && (
          <>
            <dt>{t('listHomepage')}</dt>
            <dd>
              <a href={list.homepage} target="_blank" rel="noopener noreferrer">
                {list.homepage}
              </a>
            </dd>
          </>
        )}
        <dt>{t('optionsVersion')}</dt>
        <dd data-testid="list-version">{info ? info.datasetVersion : t('listEmpty')}</dd>
        {info && (
          <>
            <dt>{t('optionsContents')}</dt>
            <dd>
              {t('optionsCounts', ...[info.counts.accounts, info.counts.events, info.counts.reports].map(formatCount))}
            </dd>
            <dt>{t('optionsSource')}</dt>
            <dd>
              {info.source.name} ({describeOrigin(info.origin)})
            </dd>
            <dt>{t('optionsInstalledAt')}</dt>
            <dd>{formatTime(info.importedAt)}</dd>
          </>
        )}
        {subscribed && (
          <>
            <dt>{t('listLastCheck')}</dt>
            <dd class="last-attempt" data-outcome={lastAttempt?.outcome ?? 'none'}>
              {lastAttempt ? (
                <>
                  {formatTime(lastAttempt.at)}: <strong>{t(OUTCOME_KEY[lastAttempt.outcome])}</strong>.{' '}
                  {lastAttempt.message}
                </>
              ) : (
                t('listNeverChecked')
              )}
            </dd>
            <dt>{t('listNextCheck')}</dt>
            <dd>{list.nextCheck ? formatTime(list.nextCheck) : t('listNoSchedule')}</dd>
          </>
        )}
        {list.fingerprint && (
          <>
            <dt>{t('listKey')}</dt>
            <dd class="key-fingerprint">{list.fingerprint}</dd>
          </>
        )}
      </dl>
      {list.pending && (
        <ReviewPanel
          id={`list-${list.id}`}
          summary={list.pending}
          busy={busy}
          onInstall={actions.install}
          onCancel={actions.discard}
        />
      )}
      <div class="buttons">
        {subscribed && (
          <button type="button" disabled={busy} onClick={actions.update}>
            {t('optionsUpdateNow')}
          </button>
        )}
        {subscribed && (
          <label>
            {t('optionsSchedule')}{' '}
            <select
              name={`list-schedule-${list.id}`}
              value={list.schedule}
              disabled={busy}
              onChange={(event) => actions.setSchedule((event.target as HTMLSelectElement).value as RefreshSchedule)}
            >
              <option value="off">{t('scheduleOff')}</option>
              <option value="daily">{t('scheduleDaily')}</option>
              <option value="weekly">{t('scheduleWeekly')}</option>
            </select>
          </label>
        )}
        <button type="button" disabled={busy || !list.previous} onClick={actions.rollBack}>
          {list.previous ? t('optionsRollBackTo', list.previous) : t('optionsRollBackNone')}
        </button>
        <button type="button" disabled={busy || !info} onClick={() => actions.exportAs('json')}>
          {t('optionsExport')}
        </button>
        <button type="button" disabled={busy || !info} onClick={() => actions.exportAs('csv')}>
          {t('optionsExportCsv')}
        </button>
        {(list.kind === 'url' || list.kind === 'file') && (
          <button type="button" class="danger" disabled={busy} onClick={actions.remove}>
            {t('listRemove')}
          </button>
        )}
      </div>
      {(list.kind === 'mine' || list.kind === 'file') && (
        <label class="field">
          {t('listImportInto')}
          <input
            type="file"
            name={`list-import-${list.id}`}
            accept="application/json,.json,application/gzip,.gz"
            disabled={busy}
            onChange={(event) => {
              const input = event.target as HTMLInputElement;
              const file = input.files?.[0];
              if (file) void actions.importFile(file).then(() => (input.value = ''));
            }}
          />
        </label>
      )}
      {/* Made anew when the saved key changes, so the field shows the key in force. */}
      {subscribed && <KeyEditor key={list.key ?? ''} list={list} busy={busy} actions={actions} />}
      <History load={actions.history} onExport={actions.exportHistory} />
    </article>
  );
}
