// One browser with the extension and one fixture server per test file, started before its tests and closed after.
import { afterAll, beforeAll } from 'vitest';
import { launchChromiumWithExtension, type ExtensionSession } from '../../../scripts/support/chromiumWithExtension';
import { launchFirefoxWithExtension, type FirefoxSession } from '../../../scripts/support/firefoxWithExtension';
import { startFixtureServer, type FixtureServer } from '../../../scripts/support/staticServer';

function useSession<S extends { close(): Promise<void> }>(launch: () => Promise<S>) {
  const state: { session?: S; server?: FixtureServer } = {};
  beforeAll(async () => {
    [state.session, state.server] = await Promise.all([launch(), startFixtureServer()]);
  });
  afterAll(async () => {
    await state.session?.close();
    await state.server?.close();
  });
  return { session: () => state.session!, server: () => state.server! };
}

export const useChromium = (options?: { locale?: string; touch?: boolean }) =>
  useSession<ExtensionSession>(() => launchChromiumWithExtension(options));
export const useFirefox = (options?: { devtools?: boolean }) =>
  useSession<FirefoxSession>(() => launchFirefoxWithExtension(options));
