// Whether an offered dataset may replace the installed one: newer replaces, the same version is left alone, an
// older one only when the user confirmed it.
import { compareDatasetVersions } from './datasetVersion';

export type InstallDecision = 'install' | 'same-version' | 'older';

export function decideInstall(installed: string | undefined, offered: string, allowOlder: boolean): InstallDecision {
  if (installed === undefined) return 'install';
  const order = compareDatasetVersions(offered, installed);
  if (order > 0) return 'install';
  if (order === 0) return allowOlder ? 'install' : 'same-version';
  return allowOlder ? 'install' : 'older';
}
