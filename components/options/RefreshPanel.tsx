// Refreshing from a URL: the address, "Update now", a schedule, live progress and the last attempt's outcome.
import type { RefreshProgress, RefreshState } from '../../extension/refreshStateStore';
import type { RefreshSchedule } from '../../lib/settings';
import { formatTime } from './DatasetPanel';

const OUTCOME_LABEL: Record<NonNullable<RefreshState['lastAttempt']>['outcome'], string> = {
  installed: 'Updated',
  'not-modified': 'No change',
  'same-version': 'Already up to date',
  older: 'Refused (older)',
  failed: 'Failed',
};

export function RefreshPanel({
  url,
  schedule,
  state,
  progress,
  busy,
  onUrlChange,
  onScheduleChange,
  onUpdateNow,
}: {
  url: string;
  schedule: RefreshSchedule;
  state: RefreshState;
  progress: RefreshProgress | null;
  busy: boolean;
  onUrlChange: (url: string) => void;
  onScheduleChange: (schedule: RefreshSchedule) => void;
  onUpdateNow: () => void;
}) {
  const attempt = state.lastAttempt;
  return (
    <section aria-labelledby="refresh-heading">
      <h2 id="refresh-heading">Refresh from a URL</h2>
      <p class="muted">
        The extension downloads only from this address, only when you ask or on the schedule you choose. https is
        required (http is allowed for localhost).
      </p>
      <label class="field">
        Dataset URL
        <input
          type="url"
          name="refresh-url"
          value={url}
          placeholder="https://example.org/takedowns.json"
          onInput={(event) => onUrlChange((event.target as HTMLInputElement).value)}
        />
      </label>
      <div class="buttons">
        <button type="button" disabled={busy || !url.trim()} onClick={onUpdateNow}>
          Update now
        </button>
        <label>
          Check automatically{' '}
          <select
            value={schedule}
            onChange={(event) => onScheduleChange((event.target as HTMLSelectElement).value as RefreshSchedule)}
          >
            <option value="off">never</option>
            <option value="daily">daily</option>
            <option value="weekly">weekly</option>
          </select>
        </label>
      </div>
      {progress && (
        <p role="status" class="progress">
          Downloading… {(progress.received / 1e6).toFixed(2)} MB
          {progress.total ? ` of ${(progress.total / 1e6).toFixed(2)} MB` : ''}
          <progress max={progress.total ?? undefined} value={progress.total ? progress.received : undefined} />
        </p>
      )}
      {attempt && (
        <p class="last-attempt" data-outcome={attempt.outcome}>
          Last attempt {formatTime(attempt.at)}: <strong>{OUTCOME_LABEL[attempt.outcome]}</strong>. {attempt.message}
        </p>
      )}
    </section>
  );
}
