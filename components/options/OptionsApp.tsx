// The options page: the lists (each with its state and actions), adding a list by URL, link or file, updating
// them all, exporting them, and the marking settings. Every failure is shown with its reason; nothing is lost.
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../../extension/i18n';
import type { RefreshProgress } from '../../lib/refresh/refreshState';
import type {
  DatasetOrigin,
  ExportFile,
  HistoryEntry,
  InstallOutcome,
  ListUpdateResult,
  ListView,
} from '../../lib/protocol';
import type { SubscribeRequest } from '../../lib/lists/subscribeLink';
import { refreshUrlProblem, type RefreshSchedule, type Settings } from '../../lib/settings';
import type { Dataset } from '../../lib/dataset/schema';
import type { FieldProblem, MyListEdit, MyListKind } from '../../lib/lists/myListEdits';
import { AddListPanel, SubscribePrompt } from './AddListPanel';
import type { FormStart } from './MyListForm';
import { MyListPanel } from './MyListPanel';
import { ListCard, type ListActions } from './ListCard';
import { ShortcutsPanel, type Shortcut } from './ShortcutsPanel';
import { SettingsPanel } from './SettingsPanel';
import { SightingsPanel } from './SightingsPanel';

export interface OptionsServices {
  lists(): Promise<{ lists: ListView[]; progress: RefreshProgress | null }>;
  /** Calls back whenever a list, its state or the progress changes; returns an unsubscribe. */
  watch(callback: () => void): () => void;
  subscribe(url: string, title: string, key: string): Promise<InstallOutcome>;
  setList(
    list: string,
    patch: { enabled?: boolean; schedule?: RefreshSchedule; title?: string; key?: string },
  ): Promise<ListView>;
  removeList(list: string): Promise<void>;
  /** Updates a subscribed list; what it changes is held back for review. */
  update(list: string, confirmed: boolean): Promise<InstallOutcome>;
  updateAll(): Promise<ListUpdateResult[]>;
  /**
   * Imports a file (JSON or gzip-compressed JSON, read by the background) into My list or a list from a file (held
   * back for review), or as a new list (no list).
   */
  importFile(list: string | undefined, file: File, origin: DatasetOrigin, confirmed: boolean): Promise<InstallOutcome>;
  applyPending(list: string): Promise<InstallOutcome>;
  discardPending(list: string): Promise<void>;
  history(list: string): Promise<HistoryEntry[]>;
  rollBack(list: string): Promise<{ datasetVersion: string }>;
  exportList(list: string | undefined, format: 'json' | 'csv'): Promise<ExportFile>;
  loadSettings(): Promise<Settings>;
  saveSettings(patch: Partial<Settings>): Promise<Settings>;
  requestHostPermission(url: string): Promise<boolean>;
  confirm(message: string): boolean;
  download(file: ExportFile): void;
  /** A public key's fingerprint; null when the text is not a key. */
  fingerprint(key: string): Promise<string | null>;
  /** The keyboard shortcuts as the browser has them (none where the browser has no commands). */
  shortcuts(): Promise<Shortcut[]>;
  /** The list a subscribe link asked for when it opened this page, if any. */
  subscribeRequest(): SubscribeRequest | null;
  /** Forgets the subscribe request (once confirmed or cancelled), so a reload does not ask again. */
  clearSubscribeRequest(): void;
  /** My list's data; null while it has none. */
  myList(): Promise<Dataset | null>;
  saveMine(edit: MyListEdit): Promise<{ id: string } | { problems: FieldProblem[] }>;
  deleteMine(kind: MyListKind, id: string): Promise<void>;
  sightingsCount(): Promise<number>;
  exportSightings(format: 'json' | 'csv'): Promise<ExportFile>;
  clearSightings(): Promise<void>;
  /** A My list form the popup asked for when it opened this page ("Track an account", "Edit"). */
  formRequest(): FormStart | null;
}

/** `seq` counts the actions, so a new notice can be told from the last one even when its text is the same. */
type Notice = { kind: 'ok' | 'error'; text: string; seq: number } | null;

export function OptionsApp({ services }: { services: OptionsServices }) {
  const [lists, setLists] = useState<ListView[] | null>(null);
  const [progress, setProgress] = useState<RefreshProgress | null>(null);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [subscribing, setSubscribing] = useState<SubscribeRequest | null>(() => services.subscribeRequest());
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<Notice>(null);
  const actions = useRef(0);

  // Reads overlap (each change to the lists asks again); only the last one asked is shown, so an answer read before
  // a list was removed cannot arrive late and bring its card back.
  const reads = useRef(0);
  const reload = () => {
    const read = ++reads.current;
    return services.lists().then(
      (loaded) => {
        if (read !== reads.current) return;
        setLists(loaded.lists);
        setProgress(loaded.progress);
      },
      () => undefined,
    );
  };
  useEffect(() => {
    void reload();
    services.loadSettings().then(setSettings, () => undefined);
    return services.watch(() => void reload());
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
      void reload();
    }
  };

  /** Turns an install outcome into words, asking first when the offered data is older or jumps far ahead. */
  const settle = async (
    title: string,
    outcome: InstallOutcome,
    retry: () => Promise<InstallOutcome>,
  ): Promise<string> => {
    if (outcome.kind === 'older' || outcome.kind === 'jump') {
      const older = outcome.kind === 'older';
      const ok = services.confirm(t(older ? 'confirmOlder' : 'confirmJump', outcome.offered, outcome.installed));
      if (!ok) return t(older ? 'noticeKeptOlder' : 'noticeKeptJump', outcome.installed, outcome.offered);
      return settle(title, await retry(), retry);
    }
    if (outcome.kind === 'review') return t('noticeReview', outcome.summary.toVersion);
    if (outcome.kind === 'installed') return t('noticeListInstalled', title, outcome.info.datasetVersion);
    if (outcome.kind === 'not-modified') return t('noticeNotModified');
    return t('noticeSameVersion', outcome.version);
  };

  const subscribe = async (url: string, title: string, key: string): Promise<boolean> => {
    let done = false;
    await run(async () => {
      const target = url.trim();
      const problem = refreshUrlProblem(target);
      if (problem) throw new Error(t(problem.key, ...problem.params));
      // Asked here, in the click, because browsers grant host permissions only in answer to a user action.
      if (!(await services.requestHostPermission(target))) {
        throw new Error(t('errorPermission', new URL(target).origin));
      }
      const outcome = await services.subscribe(target, title, key);
      done = true;
      return settle(title || target, outcome, () => Promise.resolve(outcome));
    });
    return done;
  };

  const listActions = (list: ListView): ListActions => ({
    setEnabled: (enabled) =>
      void run(async () => {
        await services.setList(list.id, { enabled });
        return t(enabled ? 'noticeListOn' : 'noticeListOff', list.title);
      }),
    setSchedule: (schedule) =>
      void run(async () => {
        await services.setList(list.id, { schedule });
        return t('noticeScheduleSaved', list.title);
      }),
    fingerprint: services.fingerprint,
    setKey: (typed) =>
      run(async () => {
        const saved = list.key ?? '';
        // A signed list's key changed or removed: only with the reader's explicit consent, after a warning.
        if (saved && typed !== saved) {
          const [before, after] = await Promise.all([services.fingerprint(saved), services.fingerprint(typed)]);
          const warning = typed
            ? t('confirmKeyChange', before ?? saved, after ?? typed)
            : t('confirmKeyRemoved', before ?? saved);
          if (!services.confirm(warning)) return t('noticeKeyKept');
        }
        await services.setList(list.id, { key: typed });
        return t('noticeKeySaved', list.title);
      }),
    update: () =>
      void run(async () => {
        if (list.url && !(await services.requestHostPermission(list.url))) {
          throw new Error(t('errorPermission', new URL(list.url).origin));
        }
        return settle(list.title, await services.update(list.id, false), () => services.update(list.id, true));
      }),
    rollBack: () => void run(async () => t('noticeRolledBack', (await services.rollBack(list.id)).datasetVersion)),
    remove: () =>
      void run(async () => {
        if (!services.confirm(t('confirmRemoveList', list.title))) return t('noticeListKept', list.title);
        await services.removeList(list.id);
        return t('noticeListRemoved', list.title);
      }),
    exportAs: (format) =>
      void run(async () => {
        services.download(await services.exportList(list.id, format));
        return t('noticeListExported', list.title);
      }),
    importFile: (file) =>
      run(async () => {
        const origin: DatasetOrigin = { kind: 'file', name: file.name };
        return settle(list.title, await services.importFile(list.id, file, origin, false), () =>
          services.importFile(list.id, file, origin, true),
        );
      }),
    install: () =>
      void run(async () =>
        settle(list.title, await services.applyPending(list.id), () => services.applyPending(list.id)),
      ),
    discard: () =>
      void run(async () => {
        await services.discardPending(list.id);
        return t('noticeDiscarded', list.info?.datasetVersion ?? '');
      }),
    history: () => services.history(list.id),
    exportHistory: (entries) => {
      services.download({
        filename: `takedown-lens-${list.id}-history.json`,
        mime: 'application/json',
        text: JSON.stringify(entries, null, 2),
      });
      setNotice({ kind: 'ok', text: t('noticeHistoryExported'), seq: ++actions.current });
    },
  });

  const updateAll = () =>
    run(async () => {
      const results = await services.updateAll();
      if (results.length === 0) return t('noticeNoSubscriptions');
      const failed = results.filter((result) => result.error);
      const lines = results.map((result) =>
        result.error ? t('updateAllFailed', result.title, result.error) : t('updateAllDone', result.title),
      );
      if (failed.length > 0) throw new Error(lines.join('\n'));
      return lines.join('\n');
    });

  const addFile = (file: File) =>
    run(async () => {
      const origin: DatasetOrigin = { kind: 'file', name: file.name };
      const outcome = await services.importFile(undefined, file, origin, false);
      return settle(file.name, outcome, () => Promise.resolve(outcome));
    });

  const exportAll = (format: 'json' | 'csv') =>
    void run(async () => {
      services.download(await services.exportList(undefined, format));
      return t('noticeAllExported');
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
      {subscribing && (
        <SubscribePrompt
          request={subscribing}
          busy={busy}
          onConfirm={() => {
            const { url, title } = subscribing;
            services.clearSubscribeRequest();
            void subscribe(url, title, '').then(() => setSubscribing(null));
          }}
          onCancel={() => {
            services.clearSubscribeRequest();
            setSubscribing(null);
            setNotice({ kind: 'ok', text: t('noticeNotSubscribed'), seq: ++actions.current });
          }}
        />
      )}
      <section aria-labelledby="lists-heading">
        <h2 id="lists-heading">{t('listsHeading')}</h2>
        <p class="muted">{t('listsHelp')}</p>
        <div class="buttons">
          <button type="button" disabled={busy} onClick={() => void updateAll()}>
            {t('listsUpdateAll')}
          </button>
          <button type="button" disabled={busy} onClick={() => exportAll('json')}>
            {t('listsExportAll')}
          </button>
          <button type="button" disabled={busy} onClick={() => exportAll('csv')}>
            {t('listsExportAllCsv')}
          </button>
        </div>
        {progress && (
          <p role="status" class="progress">
            {progress.total
              ? t('optionsDownloadingOf', (progress.received / 1e6).toFixed(2), (progress.total / 1e6).toFixed(2))
              : t('optionsDownloading', (progress.received / 1e6).toFixed(2))}
            <progress max={progress.total ?? undefined} value={progress.total ? progress.received : undefined} />
          </p>
        )}
        {lists === null ? (
          <p class="muted">{t('cardLoading')}</p>
        ) : (
          lists.map((list) => <ListCard key={list.id} list={list} busy={busy} actions={listActions(list)} />)
        )}
      </section>
      <MyListPanel
        load={services.myList}
        busy={busy}
        start={services.formRequest()}
        revision={lists}
        onSave={async (edit) => {
          let problems: FieldProblem[] = [];
          await run(async () => {
            const result = await services.saveMine(edit);
            if ('problems' in result) {
              problems = result.problems;
              throw new Error(t('mineNotSaved'));
            }
            return t('mineSaved');
          });
          return problems;
        }}
        onDelete={(kind, id, name) =>
          run(async () => {
            if (!services.confirm(t('confirmMineDelete', name))) return t('noticeListKept', name);
            await services.deleteMine(kind, id);
            return t('mineDeleted', name);
          })
        }
      />
      <AddListPanel busy={busy} fingerprint={services.fingerprint} onSubscribe={subscribe} onAddFile={addFile} />
      {settings && <SettingsPanel settings={settings} onChange={(patch) => void changeSettings(patch)} />}
      {settings && (
        <SightingsPanel
          settings={settings}
          busy={busy}
          revision={notice?.seq}
          count={services.sightingsCount}
          onChange={(patch) => void changeSettings(patch)}
          onExport={(format) =>
            void run(async () => {
              services.download(await services.exportSightings(format));
              return t('sightingsExported');
            })
          }
          onClear={() =>
            void run(async () => {
              if (!services.confirm(t('confirmSightingsClear'))) return t('sightingsKept');
              await services.clearSightings();
              return t('sightingsCleared');
            })
          }
        />
      )}
      <ShortcutsPanel load={services.shortcuts} />
    </main>
  );
}
