// Refreshing from a URL: the address, "Update now", a schedule, live progress and the last attempt's outcome.
import { t } from '../../extension/i18n';
import type { RefreshProgress, RefreshState } from '../../lib/refresh/refreshState';
import type { MessageKey } from '../../lib/i18n/en';
import type { RefreshSchedule } from '../../lib/settings';
import { formatTime } from './DatasetPanel';

const OUTCOME_KEY: Record<NonNullable<RefreshState['lastAttempt']>['outcome'], MessageKey> = {
  installed: 'outcomeInstalled',
  'not-modified': 'outcomeNotModified',
  'same-version': 'outcomeSameVersion',
  older: 'outcomeOlder',
  jump: 'outcomeJump',
  failed: 'outcomeFailed',
};

export function RefreshPanel({
  url,
  schedule,
  state,
  progress,
  busy,
  onUrlChange,
  keyText,
  fingerprint,
  onKeyChange,
  onScheduleChange,
  onUpdateNow,
}: {
  url: string;
  schedule: RefreshSchedule;
  state: RefreshState;
  progress: RefreshProgress | null;
  busy: boolean;
  onUrlChange: (url: string) => void;
  /** The list maintainer's public key as typed, and its fingerprint (null: not a key; undefined: none typed). */
  keyText: string;
  fingerprint: string | null | undefined;
  onKeyChange: (key: string) => void;
  onScheduleChange: (schedule: RefreshSchedule) => void;
  onUpdateNow: () => void;
}) {
  const attempt = state.lastAttempt;
  return (
    <section aria-labelledby="refresh-heading">
      <h2 id="refresh-heading">{t('optionsRefreshHeading')}</h2>
      <p class="muted">{t('optionsRefreshHelp')}</p>
      <label class="field">
        {t('optionsUrlLabel')}
        <input
          type="url"
          name="refresh-url"
          value={url}
          placeholder="https://example.org/takedowns.json"
          onInput={(event) => onUrlChange((event.target as HTMLInputElement).value)}
        />
      </label>
      <label class="field">
        {t('optionsKeyLabel')}
        <input
          type="text"
          name="refresh-key"
          value={keyText}
          spellcheck={false}
          autocomplete="off"
          placeholder="ed25519:…"
          onInput={(event) => onKeyChange((event.target as HTMLInputElement).value)}
        />
      </label>
      <p class="muted key-fingerprint">
        {fingerprint === undefined
          ? t('optionsKeyNone')
          : fingerprint === null
            ? t('errorKeyInvalid')
            : t('optionsKeyFingerprint', fingerprint)}
      </p>
      <div class="buttons">
        <button type="button" disabled={busy || !url.trim()} onClick={onUpdateNow}>
          {t('optionsUpdateNow')}
        </button>
        <label>
          {t('optionsSchedule')}{' '}
          <select
            value={schedule}
            onChange={(event) => onScheduleChange((event.target as HTMLSelectElement).value as RefreshSchedule)}
          >
            <option value="off">{t('scheduleOff')}</option>
            <option value="daily">{t('scheduleDaily')}</option>
            <option value="weekly">{t('scheduleWeekly')}</option>
          </select>
        </label>
      </div>
      {progress && (
        <p role="status" class="progress">
          {progress.total
            ? t('optionsDownloadingOf', (progress.received / 1e6).toFixed(2), (progress.total / 1e6).toFixed(2))
            : t('optionsDownloading', (progress.received / 1e6).toFixed(2))}
          <progress max={progress.total ?? undefined} value={progress.total ? progress.received : undefined} />
        </p>
      )}
      {attempt && (
        <p class="last-attempt" data-outcome={attempt.outcome}>
          {t('optionsLastAttempt', formatTime(attempt.at))} <strong>{t(OUTCOME_KEY[attempt.outcome])}</strong>.{' '}
          {attempt.message}
        </p>
      )}
    </section>
  );
}
