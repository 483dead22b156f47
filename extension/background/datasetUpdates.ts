// Installing datasets from a URL, a file, the bundle or the rollback snapshot. Every path validates the whole
// file first and installs in one transaction, so a failure of any kind leaves the installed dataset answering.
import { decideInstall } from '../../lib/dataset/installDecision';
import type { Dataset } from '../../lib/dataset/schema';
import { formatProblems, validateDatasetText } from '../../lib/dataset/validateDataset';
import type { DatasetInfo, DatasetOrigin, InstallOutcome } from '../../lib/protocol';
import { downloadDataset, DownloadError } from '../../lib/refresh/downloadDataset';
import {
  completeRefreshState,
  type RefreshAttempt,
  type RefreshProgress,
  type RefreshState,
} from '../../lib/refresh/refreshState';
import { refreshUrlProblem } from '../../lib/settings';
import {
  keyFingerprint,
  parsePublicKey,
  parseSignature,
  SIGNATURE_SUFFIX,
  verifyDetached,
} from '../../lib/signature/listSignature';
import { loadRefreshProgress, REFRESH_STATE_KEY, setRefreshProgress, stampDatasetChange } from '../refreshStateStore';
import { t } from '../i18n';
import { GuardedItem } from '../store/guardedItem';
import {
  describeDataset,
  readDatasetInfo,
  readInstalledDataset,
  replaceDataset,
  rollBack,
} from '../store/datasetStore';
import { summarizeChanges } from '../../lib/changeSummary';
import { SettingsKeeper } from './settingsKeeper';
import type { TakedownService } from './takedownService';

export const REFRESH_TIMEOUT_MS = 30_000;
export const MAX_DATASET_BYTES = 64_000_000;

export interface UpdateDeps {
  fetch: typeof fetch;
  bundled: Dataset;
  now?: () => Date;
  timeoutMs?: number;
  /** The settings in force (the refresh URL a scheduled refresh uses); by default read from the database. */
  settings?: SettingsKeeper;
  /** Told after every change of the installed dataset (the background tells the open tabs). */
  onInstalled?: () => void;
  /** For signed lists; by default the browser's. */
  subtle?: SubtleCrypto;
}

export const MAX_SIGNATURE_BYTES = 1_024;

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

export class DatasetUpdates {
  readonly refreshState: GuardedItem<RefreshState>;
  private readonly settings: SettingsKeeper;

  constructor(
    private readonly service: TakedownService,
    private readonly deps: UpdateDeps,
  ) {
    this.refreshState = new GuardedItem(service.db, REFRESH_STATE_KEY, completeRefreshState);
    this.settings = deps.settings ?? new SettingsKeeper(service.db);
  }

  /** The last refresh attempt and the download under way, for the options page. */
  async state(): Promise<{ state: RefreshState; progress: RefreshProgress | null }> {
    return { state: await this.refreshState.get(), progress: await loadRefreshProgress() };
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }

  private async installed(info: DatasetInfo): Promise<InstallOutcome> {
    this.service.invalidate();
    // Build the new matcher now, so the pages that re-mark next do not wait for it.
    void this.service.matcher().catch(() => undefined);
    await stampDatasetChange(`${info.datasetVersion} ${info.importedAt}`);
    this.deps.onInstalled?.();
    return { kind: 'installed', info };
  }

  /**
   * Validates and installs dataset text from a file or a download. With `review`, a valid update is held back
   * instead (the 'pending' snapshot) and what it changes is returned for the reader to confirm (applyPending).
   */
  async installText(
    text: string,
    origin: DatasetOrigin,
    confirmed = false,
    review: ReviewRequest | false = false,
  ): Promise<InstallOutcome> {
    const result = validateDatasetText(text);
    if (!result.ok) {
      const shown = result.problems.slice(0, 20);
      const more = result.problems.length + result.more - shown.length;
      throw new Error(
        `${t('errorRefused')}\n${formatProblems(shown)}${more > 0 ? `\n${t('errorMoreProblems', more)}` : ''}`,
      );
    }
    const current = await readDatasetInfo(this.service.db);
    const decision = decideInstall(current?.datasetVersion, result.data.datasetVersion, confirmed);
    if (decision === 'same-version') return { kind: 'same-version', version: result.data.datasetVersion };
    if (decision === 'older' || decision === 'jump') {
      return { kind: decision, installed: current!.datasetVersion, offered: result.data.datasetVersion };
    }
    if (review) {
      const installed = await readInstalledDataset(this.service.db);
      await this.service.db.snapshots.put({
        slot: 'pending',
        data: result.data,
        info: describeDataset(result.data, origin, this.now()),
        validators: review.validators,
      });
      return { kind: 'review', summary: summarizeChanges(installed?.data ?? null, result.data) };
    }
    return this.installed(await replaceDataset(this.service.db, result.data, origin, this.now(), true));
  }

  /** Installs the update the reader reviewed; a refresh records its outcome and validators as it would have. */
  async applyPending(): Promise<InstallOutcome> {
    const pending = await this.service.db.snapshots.get('pending');
    if (!pending) throw new Error(t('errorNoPending'));
    const { origin } = pending.info;
    const info = await replaceDataset(this.service.db, pending.data, origin, this.now(), true);
    await this.service.db.snapshots.delete('pending');
    if (origin.kind === 'url') {
      const state = await this.refreshState.get();
      await this.refreshState.set({
        ...(state.url === origin.url ? state : {}),
        ...pending.validators,
        url: origin.url,
        lastAttempt: {
          at: this.now().toISOString(),
          url: origin.url,
          outcome: 'installed',
          message: t('attemptInstalled', info.datasetVersion),
        },
      });
    }
    return this.installed(info);
  }

  async discardPending(): Promise<void> {
    await this.service.db.snapshots.delete('pending');
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
    const signature = download.kind === 'downloaded' ? parseSignature(download.text) : null;
    if (!signature) throw new Error(t('errorSignatureMalformed', sigUrl));
    if (!(await verifyDetached(key, signature, bytes, subtle)))
      throw new Error(t('errorSignatureInvalid', fingerprint));
  }

  async refresh(requestedUrl: string | undefined, confirmed = false, review = false): Promise<InstallOutcome> {
    const settings = await this.settings.get();
    const url = (requestedUrl ?? settings.refreshUrl).trim();
    // The key belongs to the list at the configured address.
    const keyText = url === settings.refreshUrl.trim() ? settings.refreshKey : '';
    if (!url) throw new Error(t('errorNoUrl'));
    const problem = refreshUrlProblem(url);
    if (problem) throw new Error(t(problem.key, ...problem.params));
    const state = await this.refreshState.get();
    const sameUrl = state.url === url;
    const record = async (outcome: RefreshAttempt['outcome'], message: string, validators?: Partial<typeof state>) => {
      const lastAttempt: RefreshAttempt = { at: this.now().toISOString(), url, outcome, message };
      await this.refreshState.set({ ...(sameUrl ? state : {}), ...validators, url, lastAttempt });
    };
    await setRefreshProgress({ url, received: 0, total: null });
    try {
      let download;
      try {
        download = await downloadDataset(url, {
          fetch: this.deps.fetch,
          etag: sameUrl ? state.etag : undefined,
          lastModified: sameUrl ? state.lastModified : undefined,
          timeoutMs: this.deps.timeoutMs ?? REFRESH_TIMEOUT_MS,
          maxBytes: MAX_DATASET_BYTES,
          onProgress: (received, total) => void setRefreshProgress({ url, received, total }),
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
      let outcome: InstallOutcome;
      try {
        if (keyText) await this.checkSignature(url, download.bytes, keyText);
        const validators = { etag: download.etag, lastModified: download.lastModified };
        outcome = await this.installText(download.text, { kind: 'url', url }, confirmed, review && { validators });
        // Held back for review: the attempt and its validators are recorded when the reader installs it.
        if (outcome.kind === 'review') return outcome;
      } catch (error) {
        await record('failed', (error as Error).message);
        throw error;
      }
      const validators = { etag: download.etag, lastModified: download.lastModified };
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
      await setRefreshProgress(null);
    }
  }

  async rollBack(): Promise<DatasetInfo> {
    const info = await rollBack(this.service.db);
    if (!info) throw new Error(t('errorNoPrevious'));
    await this.installed(info);
    return info;
  }

  async reset(): Promise<DatasetInfo> {
    const info = await replaceDataset(this.service.db, this.deps.bundled, { kind: 'bundled' }, this.now(), true);
    await this.installed(info);
    return info;
  }

  async export(): Promise<Dataset> {
    const installed = await readInstalledDataset(this.service.db);
    if (!installed) throw new Error(t('errorNoDataset'));
    return installed.data;
  }
}
