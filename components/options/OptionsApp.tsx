// The options page: the installed dataset, refreshing it from a URL or a file, rolling back, resetting,
// exporting, and the marking settings. Every failure is shown with its reason; nothing installed is lost.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../extension/i18n';
import type { RefreshProgress, RefreshState } from '../../lib/refresh/refreshState';
import type { Dataset } from '../../lib/dataset/schema';
import type { DatasetInfo, DatasetOrigin, InstallOutcome, HistoryEntry } from '../../lib/protocol';
import type { ChangeSummary } from '../../lib/changeSummary';
import { refreshUrlProblem, type Settings } from '../../lib/settings';
import { DatasetPanel } from './DatasetPanel';
import { RefreshPanel } from './RefreshPanel';
import { HistoryPanel, ReviewPanel } from './ChangesPanel';
import { ShortcutsPanel, type Shortcut } from './ShortcutsPanel';
import { SettingsPanel } from './SettingsPanel';

export interface OptionsServices {
  datasetInfo(): Promise<DatasetInfo>;
  previousInfo(): Promise<DatasetInfo | null>;
  refreshState(): Promise<RefreshState>;
  refreshProgress(): Promise<RefreshProgress | null>;
  /** Calls back whenever the dataset, the refresh state or the progress changes; returns an unsubscribe. */
  watch(callback: () => void): () => void;
  refresh(url: string, confirmed: boolean): Promise<InstallOutcome>;
  importText(text: string, origin: DatasetOrigin, confirmed: boolean): Promise<InstallOutcome>;
  exportDataset(): Promise<Dataset>;
  rollBack(): Promise<DatasetInfo>;
  reset(): Promise<DatasetInfo>;
  loadSettings(): Promise<Settings>;
  saveSettings(patch: Partial<Settings>): Promise<Settings>;
  requestHostPermission(url: string): Promise<boolean>;
  confirm(message: string): boolean;
  download(filename: string, text: string): void;
  /** Installs the update held back for review, or drops it. */
  applyPending(): Promise<InstallOutcome>;
  discardPending(): Promise<void>;
  /** The change history of installed updates, newest first. */
  history(): Promise<HistoryEntry[]>;
  /** A public key's fingerprint; null when the text is not a key. */
  fingerprint(key: string): Promise<string | null>;
  /** The keyboard shortcuts as the browser has them (none where the browser has no commands). */
  shortcuts(): Promise<Shortcut[]>;
}

/** `seq` counts the actions, so a new notice can be told from the last one even when its text is the same. */
type Notice = { kind: 'ok' | 'error'; text: string; seq: number } | null;

export function OptionsApp({ services }: { services: OptionsServices }) {
  const [info, setInfo] = useState<DatasetInfo | null>(null);
  const [previous, setPrevious] = useState<DatasetInfo | null>(null);
  const [state, setState] = useState<RefreshState>({});
  const [progress, setProgress] = useState<RefreshProgress | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [url, setUrl] = useState('');
  const [keyText, setKeyText] = useState('');
  const [fingerprint, setFingerprint] = useState<string | null | undefined>(undefined);
  /** An update the reader started, checked and held back until they install it or cancel. */
  const [review, setReview] = useState<ChangeSummary | null>(null);
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const actions = useRef(0);

  useEffect(() => {
    const typed = keyText.trim();
    if (!typed) return setFingerprint(undefined);
    let current = true;
    services.fingerprint(typed).then(
      (found) => current && setFingerprint(found),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [keyText]);

  const reload = () => {
    services.datasetInfo().then(setInfo, () => undefined);
    services.previousInfo().then(setPrevious, () => undefined);
    services.refreshState().then(setState, () => undefined);
    services.refreshProgress().then(setProgress, () => undefined);
    services.history().then(setHistory, () => undefined);
  };
  useEffect(() => {
    reload();
    services.loadSettings().then((loaded) => {
      setSettings(loaded);
      setUrl(loaded.refreshUrl);
      setKeyText(loaded.refreshKey);
    });
    return services.watch(reload);
  }, []);

  const run = async (task: () => Promise<string>) => {
    setBusy(true);
    setNotice(null);
    const seq = ++actions.current;
    try {
      setNotice({ kind: 'ok', text: await task(), seq });
    } catch (error) {
      setNotice({ kind: 'error', text: error instanceof Error ? error.message : String(error), seq });
    } finally {
      setBusy(false);
      reload();
    }
  };

  /** Turns an install outcome into words, asking first when the offered dataset is older or jumps far ahead. */
  const settle = async (outcome: InstallOutcome, retry: () => Promise<InstallOutcome>): Promise<string> => {
    if (outcome.kind === 'older' || outcome.kind === 'jump') {
      const older = outcome.kind === 'older';
      const ok = services.confirm(t(older ? 'confirmOlder' : 'confirmJump', outcome.offered, outcome.installed));
      if (!ok) return t(older ? 'noticeKeptOlder' : 'noticeKeptJump', outcome.installed, outcome.offered);
      return settle(await retry(), retry);
    }
    if (outcome.kind === 'review') {
      setReview(outcome.summary);
      return t('noticeReview', outcome.summary.toVersion);
    }
    if (outcome.kind === 'installed') return t('noticeInstalled', outcome.info.datasetVersion);
    if (outcome.kind === 'not-modified') return t('noticeNotModified');
    return t('noticeSameVersion', outcome.version);
  };

  const updateNow = () =>
    run(async () => {
      const target = url.trim();
      const problem = refreshUrlProblem(target);
      if (problem) throw new Error(t(problem.key, ...problem.params));
      // Asked here, in the click, because browsers grant host permissions only in answer to a user action.
      if (!(await services.requestHostPermission(target))) {
        throw new Error(t('errorPermission', new URL(target).origin));
      }
      // A signed list's key changed or removed: only with the reader's explicit consent, after a warning.
      const saved = settings?.refreshKey ?? '';
      const typed = keyText.trim();
      if (saved && typed !== saved) {
        const [before, after] = await Promise.all([services.fingerprint(saved), services.fingerprint(typed)]);
        const warning = typed
          ? t('confirmKeyChange', before ?? saved, after ?? typed)
          : t('confirmKeyRemoved', before ?? saved);
        if (!services.confirm(warning)) {
          setKeyText(saved);
          return t('noticeKeyKept');
        }
      }
      setSettings(await services.saveSettings({ refreshUrl: target, refreshKey: typed }));
      return settle(await services.refresh(target, false), () => services.refresh(target, true));
    });

  const importFile = (file: File) =>
    run(async () => {
      const text = await file.text();
      const origin: DatasetOrigin = { kind: 'file', name: file.name };
      return settle(await services.importText(text, origin, false), () => services.importText(text, origin, true));
    });

  const changeSettings = async (patch: Partial<Settings>) => setSettings(await services.saveSettings(patch));

  return (
    <main class="options">
      <h1>{t('optionsTitle')}</h1>
      <div aria-live="polite">
        {notice?.kind === 'ok' && (
          <p role="status" class="notice-ok" data-seq={notice.seq}>
            {notice.text}
          </p>
        )}
        {notice?.kind === 'error' && (
          <p role="alert" data-seq={notice.seq}>
            {notice.text}
          </p>
        )}
      </div>
      {review && (
        <ReviewPanel
          summary={review}
          busy={busy}
          onInstall={() =>
            run(async () => {
              setReview(null);
              return settle(await services.applyPending(), () => services.applyPending());
            })
          }
          onCancel={() =>
            run(async () => {
              setReview(null);
              await services.discardPending();
              return t('noticeDiscarded', info?.datasetVersion ?? '');
            })
          }
        />
      )}
      <DatasetPanel
        info={info}
        previous={previous}
        busy={busy}
        onRollBack={() => run(async () => t('noticeRolledBack', (await services.rollBack()).datasetVersion))}
        onReset={() => run(async () => t('noticeReset', (await services.reset()).datasetVersion))}
        onExport={() =>
          run(async () => {
            const data = await services.exportDataset();
            services.download(`takedown-lens-${data.datasetVersion}.json`, JSON.stringify(data, null, 2));
            return t('noticeExported', data.datasetVersion);
          })
        }
      />
      {settings && (
        <RefreshPanel
          url={url}
          schedule={settings.refreshSchedule}
          state={state}
          progress={progress}
          busy={busy}
          onUrlChange={setUrl}
          keyText={keyText}
          fingerprint={fingerprint}
          onKeyChange={setKeyText}
          onScheduleChange={(refreshSchedule) => void changeSettings({ refreshSchedule, refreshUrl: url.trim() })}
          onUpdateNow={updateNow}
        />
      )}
      <section aria-labelledby="import-heading">
        <h2 id="import-heading">{t('optionsImportHeading')}</h2>
        <label class="field">
          {t('optionsImportLabel')}
          <input
            type="file"
            name="dataset-file"
            accept="application/json,.json"
            disabled={busy}
            onChange={(event) => {
              const input = event.target as HTMLInputElement;
              const file = input.files?.[0];
              if (file) void importFile(file).then(() => (input.value = ''));
            }}
          />
        </label>
      </section>
      {settings && <SettingsPanel settings={settings} onChange={(patch) => void changeSettings(patch)} />}
      <HistoryPanel
        entries={history}
        onExport={() =>
          run(async () => {
            services.download('takedown-lens-history.json', JSON.stringify(await services.history(), null, 2));
            return t('noticeHistoryExported');
          })
        }
      />
      <ShortcutsPanel load={services.shortcuts} />
    </main>
  );
}
