// Whether an offered dataset may replace the installed one: newer replaces, the same version is left alone; an
// older one, or one whose version jumps far ahead, only when the user confirmed it.
import { compareDatasetVersions } from './datasetVersion';

export type InstallDecision = 'install' | 'same-version' | 'older' | 'jump';

/**
 * A version far ahead of the installed one (1.1.0 to 999.0.0, or any rise of more than one major version). An
 * unsigned list that pinned itself so would have every later real version refused as older.
 */
export function isVersionJump(installed: string, offered: string): boolean {
  const [from = 0] = installed.split('.').map(Number);
  const [to = 0] = offered.split('.').map(Number);
  return to - from > 1;
}

/** `confirmed`: the user agreed to an older version or to a version jump. */
export function decideInstall(installed: string | undefined, offered: string, confirmed: boolean): InstallDecision {
  if (installed === undefined || confirmed) return 'install';
  const order = compareDatasetVersions(offered, installed);
  if (order === 0) return 'same-version';
  if (order < 0) return 'older';
  return isVersionJump(installed, offered) ? 'jump' : 'install';
}
