// The state of dataset refreshes: the last attempt and its outcome, the validators for conditional requests, and
// the progress of a download under way. Pure types and the reader that drops what a stored copy should not hold.
export interface RefreshAttempt {
  at: string;
  url: string;
  outcome: 'installed' | 'not-modified' | 'same-version' | 'older' | 'jump' | 'failed';
  message: string;
}

export interface RefreshState {
  lastAttempt?: RefreshAttempt;
  url?: string;
  etag?: string;
  lastModified?: string;
}

export interface RefreshProgress {
  url: string;
  /** The list being downloaded. */
  list?: string | undefined;
  received: number;
  total: number | null;
}

const OUTCOMES = new Set<string>(['installed', 'not-modified', 'same-version', 'older', 'jump', 'failed']);
const MAX_TEXT = 4_000;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length <= MAX_TEXT ? value : undefined;
}

/** A refresh state read from storage, with anything of the wrong type or size left out. */
export function completeRefreshState(stored: unknown): RefreshState {
  if (typeof stored !== 'object' || stored === null) return {};
  const value = stored as Record<string, unknown>;
  const state: RefreshState = {};
  const url = text(value.url);
  if (url !== undefined) state.url = url;
  const etag = text(value.etag);
  if (etag !== undefined) state.etag = etag;
  const lastModified = text(value.lastModified);
  if (lastModified !== undefined) state.lastModified = lastModified;
  const attempt = value.lastAttempt as Record<string, unknown> | undefined;
  if (typeof attempt === 'object' && attempt !== null) {
    const [at, attemptUrl, message] = [text(attempt.at), text(attempt.url), text(attempt.message)];
    if (
      at !== undefined &&
      attemptUrl !== undefined &&
      message !== undefined &&
      OUTCOMES.has(String(attempt.outcome))
    ) {
      state.lastAttempt = { at, url: attemptUrl, message, outcome: attempt.outcome as RefreshAttempt['outcome'] };
    }
  }
  return state;
}
