// The popup: what the installed dataset holds (the full popup arrives with the popup issue).
import { useEffect, useState } from 'preact/hooks';
import { askBackground } from '../../extension/messaging';
import type { DatasetInfo } from '../../lib/protocol';

export function PopupApp() {
  const [info, setInfo] = useState<DatasetInfo | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    askBackground('dataset:info', undefined).then(setInfo, (e: Error) => setError(e.message));
  }, []);
  return (
    <main>
      <h1>Takedown Lens</h1>
      {error && <p role="alert">{error}</p>}
      {info && (
        <p>
          Dataset {info.datasetVersion}: {info.counts.accounts} accounts, {info.counts.events} events,{' '}
          {info.counts.reports} reports.
        </p>
      )}
    </main>
  );
}
