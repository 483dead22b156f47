// Installing a list's data from its URL, a file, the bundle or its rollback copy. Every path validates the whole
// file first and installs in one transaction in that list's own database, so a failure of any kind leaves every list
// answering as it was, and a list that fails never touches another.
import { decideInstall } from '../../lib/dataset/installDecision';
import type { Dataset } from '../../lib/dataset/schema';
import {
  formatProblems,
  validateDataset,
  validateDatasetBytes,
  validateDatasetText,
  type ValidationResult,
} from '../../lib/dataset/validateDataset';
import {
  applyEdit,
  emptyMyList,
  fieldProblems,
  removeRecord,
  type FieldProblem,
  type MyListEdit,
  type MyListKind,
} from '../../lib/lists/myListEdits';
import { BUNDLED_LIST, MY_LIST } from '../../lib/lists/listIds';
import { nextCheck, type ListRow } from '../../lib/lists/listModel';
import type { DatasetInfo, DatasetOrigin, InstallOutcome, ListUpdateResult, ListView } from '../../lib/protocol';
import { downloadDataset, DownloadError } from '../../lib/refresh/downloadDataset';
import type { RefreshAttempt, RefreshProgress, RefreshState } from '../../lib/refresh/refreshState';
import { refreshUrlProblem, type RefreshSchedule } from '../../lib/settings';
import {
  formatPublicKey,
  keyFingerprint,
  parsePublicKey,
  parseSignature,
  SIGNATURE_SUFFIX,
  verifyDetached,
} from '../../lib/signature/listSignature';
import { release } from '../../lib/typedArrays';
import { t } from '../i18n';
import { listsStampItem, progressItem } from '../storageItems';
import {
  describeDataset,
  dropPending,
  holdPending,
  installPending,
  readDatasetInfo,
  readInstalledDataset,
  readPending,
  readPendingDataset,
  readPreviousDataset,
  readPreviousInfo,
  replaceDataset,
  rollBack,
} from '../store/datasetStore';
import type { TakedownDb } from '../store/takedownDb';
import { listLabel, type NextContents, type TakedownService } from './takedownService';

export const REFRESH_TIMEOUT_MS = 30_000;
export const MAX_DATASET_BYTES = 320_000_000;
export const MAX_SIGNATURE_BYTES = 1_024;

export interface UpdateDeps {
  fetch: typeof fetch;
  now?: () => Date;
  timeoutMs?: number;
  /** Bytes a download may have, and text a file may have once decompressed (tests make them small). */
  maxBytes?: number;
  maxTextBytes?: number;
  /** Told after every change of a list (the background tells the open tabs). */
  onInstalled?: () => void;
  /** For signed lists; by default the browser's. */
  subtle?: SubtleCrypto;
}

/** An update held back for the reader to review, with what a refresh keeps for its next conditional request. */
interface ReviewRequest {
  validators?: { etag?: string | undefined; lastModified?: string | undefined };
}

/** Where a list's detached signature is published: the file's URL with ".sig" added to its path. */
export function signatureUrl(url: string): string {
  const parsed = new URL(url);
  parsed.pathname += SIGNATURE_SUFFIX;
  return parsed.href;
}

/** Throws the validator's problems (the first 20, and how many more) as one message. */
function refuseInvalid(result: ValidationResult): asserts result is Extract<ValidationResult, { ok: true }> {
  if (result.ok) return;
  const shown = result.problems.slice(0, 20);
  const more = result.problems.length + result.more - shown.length;
  throw new Error(
    `${t('errorRefused')}\n${formatProblems(shown)}${more > 0 ? `\n${t('errorMoreProblems', more)}` : ''}`,
  );
}

/**
 * The dataset in a text or in a file's UTF-8 bytes (read a piece at a time: never one string), or the validator's
 * problems thrown (refuseInvalid).
 */
function validDataset(source: string | Uint8Array): Dataset {
  try {
    const result =
      typeof source === 'string'
        ? validateDatasetText(source)
        : validateDatasetBytes(source, () => new Error(t('errorNotUtf8')));
    refuseInvalid(result);
    return result.data;
  } finally {
    // Read: the bytes (250 MB at a million accounts) are let go now, not at the next collection.
    if (typeof source !== 'string') release(source);
  }
}

/** What `make` returns, as a promise: rejected where it throws. */
function settle<T>(make: () => T): Promise<T> {
  try {
    return Promise.resolve(make());
  } catch (error) {
    return Promise.reject(error as Error);
  }
}

export class DatasetUpdates {
  constructor(
    private readonly service: TakedownService,
    private readonly deps: UpdateDeps,
  ) {}

  private get catalogue() {
    return this.service.catalogue;
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  private async list(id: string): Promise<{ row: ListRow; db: TakedownDb }> {
    const row = await this.catalogue.get(id);
    if (!row) throw new Error(t('errorNoList', id));
    return { row, db: this.catalogue.db(row) };
  }

  /** Every list as the options page shows it, and the download under way. */
  async views(): Promise<{ lists: ListView[]; progress: RefreshProgress | null }> {
    const [rows, progress] = await Promise.all([this.catalogue.all(), progressItem.getValue()]);
    return { lists: await Promise.all(rows.map((row) => this.view(row))), progress };
  }

  async view(row: ListRow): Promise<ListView> {
    const db = this.catalogue.db(row);
    const [info, previous, pending] = await Promise.all([readDatasetInfo(db), readPreviousInfo(db), readPending(db)]);
    const key = row.key ? parsePublicKey(row.key) : null;
    const next = nextCheck(row);
    return {
      id: row.id,
      kind: row.kind,
      title: listLabel(row, info).title,
      url: row.url,
      homepage: info?.source.url,
      enabled: row.enabled,
      schedule: row.schedule,
      key: row.key || undefined,
      fingerprint: key ? await keyFingerprint(key, this.deps.subtle ?? globalThis.crypto.subtle) : undefined,
      info: info ?? null,
      previous: previous?.datasetVersion ?? null,
      lastAttempt: row.refresh.lastAttempt,
      nextCheck: next ? next.toISOString() : null,
      pending: pending?.summary ?? null,
    };
  }

  /**
   * Writes a change to the lists through the service (which keeps answering pages with the current generation until
   * the next one, built from `next` when given, is in place). The change is answered once written; once the next
   * generation answers, extension pages read again and tabs re-mark.
   */
  private async change<T>(write: () => Promise<T>, next?: NextContents): Promise<T> {
    const { result, switched } = await this.service.switchLists(write, next);
    const tell = async () => {
      await listsStampItem.setValue(`${Date.now()} ${Math.random()}`);
      this.deps.onInstalled?.();
    };
    // A generation that failed to load is loaded afresh on the next request: tabs re-mark either way.
    void switched.then(tell, tell);
    return result;
  }

  /** Installs a valid dataset as a list's next version. */
  private async installed(listId: string, db: TakedownDb, data: Dataset, origin: DatasetOrigin) {
    const info = await this.change(() => replaceDataset(db, data, origin, this.now(), true), { list: listId, data });
    return { kind: 'installed', info } as const;
  }

  /**
   * Validates and installs dataset text into a list. With `review`, a valid update is held back instead (the list's
   * 'pending' snapshot) and what it changes is returned for the reader to confirm (applyPending). Not an async
   * function, on purpose: the text is validated before this returns, and nothing holds it while the records are
   * written and the matcher built (an async function keeps its parameters until it ends; at a million accounts the
   * text is 500 MB).
   */
  installText(
    listId: string,
    text: string | Uint8Array,
    origin: DatasetOrigin,
    confirmed = false,
    review: ReviewRequest | false = false,
  ): Promise<InstallOutcome> {
    return settle(() => validDataset(text)).then((data) => this.install(listId, data, origin, confirmed, review));
  }

  private async install(
    listId: string,
    data: Dataset,
    origin: DatasetOrigin,
    confirmed: boolean,
    review: ReviewRequest | false,
  ): Promise<InstallOutcome> {
    const { db } = await this.list(listId);
    const current = await readDatasetInfo(db);
    const decision = decideInstall(current?.datasetVersion, data.datasetVersion, confirmed);
    if (decision === 'same-version') return { kind: 'same-version', version: data.datasetVersion };
    if (decision === 'older' || decision === 'jump') {
      return { kind: decision, installed: current!.datasetVersion, offered: data.datasetVersion };
    }
    if (review) {
      const summary = await holdPending(db, data, describeDataset(data, origin, this.now()), review.validators);
      return { kind: 'review', summary };
    }
    return this.installed(listId, db, data, origin);
  }

  /**
   * A file, imported: into My list or a list that came from a file (replacing its data, as an update), or, with no
   * list given, as a new list. A new list is added only once its file is valid. Not async, as installText.
   */
  importText(
    listId: string | undefined,
    text: string | Uint8Array,
    origin: DatasetOrigin,
    confirmed = false,
    review = false,
  ): Promise<InstallOutcome> {
    return settle(() => validDataset(text)).then((data) => this.importDataset(listId, data, origin, confirmed, review));
  }

  private async importDataset(
    listId: string | undefined,
    data: Dataset,
    origin: DatasetOrigin,
    confirmed: boolean,
    review: boolean,
  ): Promise<InstallOutcome> {
    if (listId !== undefined) {
      const { row } = await this.list(listId);
      if (row.kind !== 'mine' && row.kind !== 'file')
        throw new Error(t('errorImportInto', listLabel(row, undefined).title));
      return this.install(listId, data, origin, confirmed, review && {});
    }
    const row = await this.catalogue.add({ kind: 'file', title: '', schedule: 'off', enabled: true }, this.now());
    return this.install(row.id, data, origin, true, false);
  }

  /** Installs the update the reader reviewed; a refresh records its outcome and validators as it would have. */
  async applyPending(listId: string): Promise<InstallOutcome> {
    const { row, db } = await this.list(listId);
    const pending = await readPendingDataset(db);
    if (!pending) throw new Error(t('errorNoPending'));
    const { origin } = pending.info;
    const info = await this.change(() => installPending(db, this.now()), { list: listId, data: pending.data });
    if (!info) throw new Error(t('errorNoPending'));
    if (origin.kind === 'url') {
      const version = info.datasetVersion;
      await this.recordAttempt(row, 'installed', t('attemptInstalled', version), pending.validators);
    }
    return { kind: 'installed', info };
  }

  async discardPending(listId: string): Promise<void> {
    const { db } = await this.list(listId);
    await dropPending(db);
    await listsStampItem.setValue(`${Date.now()} ${Math.random()}`);
  }

  private async recordAttempt(
    row: ListRow,
    outcome: RefreshAttempt['outcome'],
    message: string,
    validators?: Partial<RefreshState>,
  ): Promise<void> {
    const url = row.url ?? '';
    const lastAttempt: RefreshAttempt = { at: this.now().toISOString(), url, outcome, message };
    const current = (await this.catalogue.get(row.id))?.refresh ?? {};
    await this.catalogue.patch(row.id, { refresh: { ...current, ...validators, url, lastAttempt } });
    await listsStampItem.setValue(`${Date.now()} ${Math.random()}`);
  }

  /**
   * Refuses a download of a signed list unless its detached signature verifies with the list's key; the message
   * says why. Nothing is installed before this passes.
   */
  private async checkSignature(url: string, bytes: Uint8Array, keyText: string): Promise<void> {
    const subtle = this.deps.subtle ?? globalThis.crypto.subtle;
    const key = parsePublicKey(keyText);
    if (!key) throw new Error(t('errorKeyInvalid'));
    const fingerprint = await keyFingerprint(key, subtle);
    const sigUrl = signatureUrl(url);
    let download;
    try {
      download = await downloadDataset(sigUrl, {
        fetch: this.deps.fetch,
        timeoutMs: this.deps.timeoutMs ?? REFRESH_TIMEOUT_MS,
        maxBytes: MAX_SIGNATURE_BYTES,
      });
    } catch (error) {
      if (error instanceof DownloadError && error.key === 'errorStatus' && error.params[0]?.startsWith('404')) {
        throw new Error(t('errorSignatureMissing', sigUrl, fingerprint));
      }
      const reason = error instanceof DownloadError ? t(error.key, ...error.params) : String(error);
      throw new Error(t('errorSignatureDownload', sigUrl, reason));
    }
    const signature = download.kind === 'downloaded' ? parseSignature(new TextDecoder().decode(download.plain)) : null;
    if (!signature) throw new Error(t('errorSignatureMalformed', sigUrl));
    if (!(await verifyDetached(key, signature, bytes, subtle)))
      throw new Error(t('errorSignatureInvalid', fingerprint));
  }

  /** A signing key as typed, checked and written the one way; empty for none. */
  private static normalKey(keyText: string | undefined): string {
    if (!keyText?.trim()) return '';
    const key = parsePublicKey(keyText);
    if (!key) throw new Error(t('errorKeyInvalid'));
    return formatPublicKey(key);
  }

  /**
   * Subscribes to a list the reader confirmed, and installs its first download. If that download fails, the
   * subscription is not kept: the reader sees why and can try again.
   */
  async subscribe(url: string, title = '', keyText = ''): Promise<InstallOutcome> {
    const address = url.trim();
    const problem = refreshUrlProblem(address);
    if (problem) throw new Error(t(problem.key, ...problem.params));
    const existing = (await this.catalogue.all()).find((row) => row.url === address);
    if (existing) throw new Error(t('errorAlreadySubscribed', listLabel(existing, undefined).title));
    const key = DatasetUpdates.normalKey(keyText);
    const row = await this.catalogue.add(
      { kind: 'url', url: address, key, title: title.trim().slice(0, 200), schedule: 'daily', enabled: true },
      this.now(),
    );
    try {
      return await this.refresh(row.id, true);
    } catch (error) {
      await this.change(() => this.catalogue.remove(row.id), { list: row.id, data: null });
      throw error;
    }
  }

  async refresh(listId: string, confirmed = false, review = false): Promise<InstallOutcome> {
    const { row } = await this.list(listId);
    if (row.kind !== 'url' || !row.url) throw new Error(t('errorNotSubscribed', listLabel(row, undefined).title));
    const url = row.url;
    const state = row.refresh;
    const sameUrl = state.url === url;
    const record = (outcome: RefreshAttempt['outcome'], message: string, validators?: Partial<RefreshState>) =>
      this.recordAttempt(row, outcome, message, validators);
    await progressItem.setValue({ url, list: row.id, received: 0, total: null });
    try {
      let download;
      try {
        download = await downloadDataset(url, {
          fetch: this.deps.fetch,
          etag: sameUrl ? state.etag : undefined,
          lastModified: sameUrl ? state.lastModified : undefined,
          timeoutMs: this.deps.timeoutMs ?? REFRESH_TIMEOUT_MS,
          maxBytes: this.deps.maxBytes ?? MAX_DATASET_BYTES,
          maxTextBytes: this.deps.maxTextBytes,
          onProgress: (received, total) => void progressItem.setValue({ url, list: row.id, received, total }),
        });
      } catch (error) {
        const message =
          error instanceof DownloadError ? t(error.key, ...error.params) : t('errorNetwork', String(error));
        await record('failed', t('errorUnchangedSuffix', message));
        throw new Error(t('errorUnchangedSuffix', message));
      }
      if (download.kind === 'not-modified') {
        await record('not-modified', t('attemptNotModified'));
        return { kind: 'not-modified' };
      }
      const validators = { etag: download.etag, lastModified: download.lastModified };
      let outcome: InstallOutcome;
      try {
        if (row.key) await this.checkSignature(url, download.bytes, row.key);
        const installing = this.installText(
          row.id,
          download.plain,
          { kind: 'url', url },
          confirmed,
          review && {
            validators,
          },
        );
        // The text and bytes are validated: let them go before the records are written.
        download = undefined;
        outcome = await installing;
        // Held back for review: the attempt and its validators are recorded when the reader installs it.
        if (outcome.kind === 'review') {
          await listsStampItem.setValue(`${Date.now()} ${Math.random()}`);
          return outcome;
        }
      } catch (error) {
        await record('failed', (error as Error).message);
        throw error;
      }
      if (outcome.kind === 'installed') {
        await record('installed', t('attemptInstalled', outcome.info.datasetVersion), validators);
      } else if (outcome.kind === 'same-version') {
        await record('same-version', t('attemptSameVersion', outcome.version), validators);
      } else if (outcome.kind === 'older') {
        await record('older', t('attemptOlder', outcome.offered, outcome.installed));
      } else if (outcome.kind === 'jump') {
        await record('jump', t('attemptJump', outcome.offered, outcome.installed));
      }
      return outcome;
    } finally {
      await progressItem.setValue(null);
    }
  }

  /** Updates every enabled subscribed list in turn; each one's outcome or error is reported, none stops the rest. */
  async updateAll(due?: (row: ListRow) => boolean): Promise<ListUpdateResult[]> {
    const results: ListUpdateResult[] = [];
    for (const row of await this.catalogue.all()) {
      if (row.kind !== 'url' || !row.enabled || (due && !due(row))) continue;
      const title = listLabel(row, await readDatasetInfo(this.catalogue.db(row))).title;
      try {
        results.push({ list: row.id, title, outcome: await this.refresh(row.id) });
      } catch (error) {
        results.push({ list: row.id, title, error: error instanceof Error ? error.message : String(error) });
      }
    }
    return results;
  }

  /** Switches a list on or off, or sets its schedule, title or signing key. */
  async setList(
    listId: string,
    patch: { enabled?: boolean; schedule?: RefreshSchedule; title?: string; key?: string },
  ): Promise<ListView> {
    const { row } = await this.list(listId);
    const next: Partial<ListRow> = {};
    if (patch.enabled !== undefined) next.enabled = patch.enabled;
    if (patch.schedule !== undefined && row.kind === 'url') next.schedule = patch.schedule;
    if (patch.title !== undefined) next.title = patch.title.trim().slice(0, 200);
    if (patch.key !== undefined && row.kind === 'url') next.key = DatasetUpdates.normalKey(patch.key);
    const write = () => this.catalogue.patch(listId, next);
    let updated: ListRow;
    if (patch.enabled === false) updated = await this.change(write, { list: listId, data: null });
    else if (patch.enabled !== undefined || patch.title !== undefined) updated = await this.change(write);
    else {
      updated = await write();
      await listsStampItem.setValue(`${Date.now()} ${Math.random()}`);
    }
    return this.view(updated);
  }

  async remove(listId: string): Promise<void> {
    const { row } = await this.list(listId);
    if (row.id === BUNDLED_LIST || row.id === MY_LIST) throw new Error(t('errorCannotRemove'));
    await this.change(() => this.catalogue.remove(listId), { list: listId, data: null });
  }

  async rollBack(listId: string): Promise<DatasetInfo> {
    const { row, db } = await this.list(listId);
    const previous = await readPreviousDataset(db);
    if (!previous) throw new Error(t('errorNoPrevious'));
    const info = await this.change(() => rollBack(db, this.now()), {
      list: listId,
      data: row.enabled ? previous.data : null,
    });
    if (!info) throw new Error(t('errorNoPrevious'));
    return info;
  }

  /**
   * Adds or changes a record of My list: the edit is applied to a copy of the whole list, which is validated like
   * any list file and installed as its next version. When it is refused, the problems come back by form field.
   */
  async editMine(edit: MyListEdit): Promise<{ id: string } | { problems: FieldProblem[] }> {
    const { db } = await this.list(MY_LIST);
    const current = (await readInstalledDataset(db))?.data ?? emptyMyList(this.now());
    const { data, placed, id } = applyEdit(current, edit, this.now());
    const result = validateDataset(data);
    if (!result.ok)
      return {
        problems: fieldProblems(
          result.problems.map((problem) => problem.path),
          placed,
        ),
      };
    await this.installed(MY_LIST, db, result.data, { kind: 'mine' });
    return { id };
  }

  async removeFromMine(kind: MyListKind, id: string): Promise<void> {
    const { db } = await this.list(MY_LIST);
    const current = await readInstalledDataset(db);
    if (!current) throw new Error(t('errorNoDataset'));
    const result = validateDataset(removeRecord(current.data, kind, id, this.now()));
    if (!result.ok) throw new Error(`${t('errorRefused')}\n${formatProblems(result.problems.slice(0, 20))}`);
    await this.installed(MY_LIST, db, result.data, { kind: 'mine' });
  }

  /** A list's data as a dataset file; null when it has none. */
  async dataOf(listId: string): Promise<{ data: Dataset; title: string } | null> {
    const { row, db } = await this.list(listId);
    const installed = await readInstalledDataset(db);
    return installed ? { data: installed.data, title: listLabel(row, installed.info).title } : null;
  }
}
