// The installed dataset: version, counts, where it came from and when; roll back, reset, export.
import type { DatasetInfo, DatasetOrigin } from '../../lib/protocol';

export function describeOrigin(origin: DatasetOrigin): string {
  if (origin.kind === 'bundled') return 'the dataset bundled with the extension';
  if (origin.kind === 'url') return `downloaded from ${origin.url}`;
  return `imported from the file ${origin.name}`;
}

export const formatTime = (iso: string) =>
  new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export function DatasetPanel({
  info,
  previous,
  busy,
  onRollBack,
  onReset,
  onExport,
}: {
  info: DatasetInfo | null;
  previous: DatasetInfo | null;
  busy: boolean;
  onRollBack: () => void;
  onReset: () => void;
  onExport: () => void;
}) {
  return (
    <section aria-labelledby="dataset-heading">
      <h2 id="dataset-heading">Installed dataset</h2>
      {info ? (
        <dl class="facts">
          <dt>Version</dt>
          <dd data-testid="dataset-version">{info.datasetVersion}</dd>
          <dt>Contents</dt>
          <dd>
            {info.counts.accounts} accounts, {info.counts.events} events, {info.counts.reports} reports
          </dd>
          <dt>Source</dt>
          <dd>
            {info.source.name} ({describeOrigin(info.origin)})
          </dd>
          <dt>Generated</dt>
          <dd>{formatTime(info.generatedAt)}</dd>
          <dt>Installed</dt>
          <dd>{formatTime(info.importedAt)}</dd>
        </dl>
      ) : (
        <p class="muted">Loading…</p>
      )}
      <div class="buttons">
        <button type="button" disabled={busy || !previous} onClick={onRollBack}>
          {previous ? `Roll back to ${previous.datasetVersion}` : 'Roll back (no previous dataset)'}
        </button>
        <button type="button" disabled={busy} onClick={onReset}>
          Reset to the bundled dataset
        </button>
        <button type="button" disabled={busy || !info} onClick={onExport}>
          Export as JSON
        </button>
      </div>
    </section>
  );
}
