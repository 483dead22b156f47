// Launches Debian's Chromium headless with the built extension loaded, as a user with a fresh profile would have it.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { chromiumPath } from './browserPaths';

export const CHROME_BUILD = path.resolve('.output/chrome-mv3');
/** The build `npm run bench` makes (`wxt build --mode bench`): the same, plus timing marks for the bench to read. */
export const CHROME_BENCH_BUILD = path.resolve('.output/chrome-mv3-bench');

export interface ExtensionSession {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  close(): Promise<void>;
}

interface LaunchOptions {
  headless?: boolean;
  locale?: string;
  build?: string;
  touch?: boolean;
  colorScheme?: 'light' | 'dark';
  /** More command-line switches (the million-account bench opens a DevTools port). */
  args?: string[];
}

export async function launchChromiumWithExtension(options: LaunchOptions = {}): Promise<ExtensionSession> {
  const { context, close } = await launchChromium(options, options.build ?? CHROME_BUILD);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
  const extensionId = new URL(worker.url()).host;
  return { context, worker, extensionId, close };
}

/** The same browser, profile and flags without the extension: the bench's "without" side. */
export async function launchChromiumWithoutExtension(
  options: Omit<LaunchOptions, 'build'> = {},
): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  return launchChromium(options, null);
}

async function launchChromium(options: LaunchOptions, build: string | null) {
  const profile = mkdtempSync(path.join(os.tmpdir(), 'tdl-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    headless: options.headless ?? true,
    // `touch`: a phone's screen (360 × 740) with touch input, so `(pointer: coarse)` matches.
    viewport: options.touch ? { width: 360, height: 740 } : { width: 1200, height: 800 },
    ...(options.touch ? { hasTouch: true } : {}),
    ...(options.locale ? { locale: options.locale } : {}),
    ...(options.colorScheme ? { colorScheme: options.colorScheme } : {}),
    args: [
      ...(options.locale ? [`--lang=${options.locale}`] : []),
      ...(build ? [`--disable-extensions-except=${build}`, `--load-extension=${build}`] : []),
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(options.args ?? []),
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
