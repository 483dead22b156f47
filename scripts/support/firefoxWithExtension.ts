// Launches Debian's Firefox ESR headless through puppeteer-core (WebDriver BiDi) with the Firefox build installed
// as a temporary add-on. Its moz-extension:// UUID is fixed by a preference. WebDriver BiDi may not open or script
// moz-extension:// pages, so with `devtools` the extension's pages and its content scripts are reached through
// Firefox's remote debugging protocol (firefoxDevtools.ts).
import net from 'node:net';
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { firefoxPath } from './browserPaths';
import { FirefoxDevtools } from './firefoxDevtools';

export const FIREFOX_BUILD = path.resolve('.output/firefox-mv2');
export const ADDON_ID = 'takedown-lens@example.org';
export const ADDON_UUID = '6f1f5a52-7a4e-4c49-9d7e-5d1f0c7e2a11';

/** A document of the extension (or its content script in a page) that a test can evaluate code in. */
export interface FirefoxContext {
  /** Evaluates an expression (awaited when it is a promise) and returns its JSON value. */
  evaluate<T>(expression: string): Promise<T>;
}

export interface ExtensionDevtools {
  background: FirefoxContext;
  /** Opens one of the extension's pages (options.html, popup.html?tabId=…) in a new tab. */
  openPage(pagePath: string): Promise<FirefoxContext>;
  /** The extension's content script in the open tab whose URL starts with `urlPrefix`. */
  contentScript(urlPrefix: string): Promise<FirefoxContext>;
}

export interface FirefoxSession {
  browser: Browser;
  extensionOrigin: string;
  /** Present when launched with `devtools: true`. */
  devtools?: ExtensionDevtools;
  close(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
    probe.once('error', reject);
  });
}

async function extensionDevtools(client: FirefoxDevtools): Promise<ExtensionDevtools> {
  const { addons } = await client.request('root', 'listAddons');
  const addon = (addons as Array<{ id: string; actor: string }>).find((entry) => entry.id === ADDON_ID);
  if (!addon) throw new Error(`${ADDON_ID} is not installed`);
  const frame = await client.watchFrames(addon.actor);
  const context = (consoleActor: string): FirefoxContext => ({
    evaluate: (expression) => client.evaluate(consoleActor, expression),
  });
  const background = context(await frame((url) => url.includes('_generated_background_page')));
  return {
    background,
    async openPage(pagePath) {
      await background.evaluate(`browser.tabs.create({ url: browser.runtime.getURL(${JSON.stringify(pagePath)}) })`);
      const wanted = `moz-extension://${ADDON_UUID}/${pagePath.replace(/^\//, '')}`;
      return context(await frame((url) => url === wanted));
    },
    async contentScript(urlPrefix) {
      const { tabs } = await client.request('root', 'listTabs');
      const tab = (tabs as Array<{ url: string; actor: string }>).find((entry) => entry.url.startsWith(urlPrefix));
      if (!tab) throw new Error(`no tab at ${urlPrefix}`);
      const inTab = await client.watchFrames(tab.actor, ['content_script']);
      return context(await inTab(() => true));
    },
  };
}

export async function launchFirefoxWithExtension(options: { devtools?: boolean } = {}): Promise<FirefoxSession> {
  const port = options.devtools ? await freePort() : 0;
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    args: options.devtools ? ['--start-debugger-server', String(port)] : [],
    extraPrefsFirefox: {
      ...(options.devtools
        ? {
            // Firefox's own debugging protocol, on 127.0.0.1 only, without the prompt a person would answer.
            'devtools.debugger.remote-enabled': true,
            'devtools.chrome.enabled': true,
            'devtools.debugger.prompt-connection': false,
          }
        : {}),
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: ADDON_UUID }),
      // No update checks, telemetry or other traffic to hosts this machine cannot reach.
      'app.update.enabled': false,
      'extensions.update.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
      'network.captive-portal-service.enabled': false,
      'browser.safebrowsing.malware.enabled': false,
      'browser.safebrowsing.phishing.enabled': false,
    },
  });
  await browser.installExtension(FIREFOX_BUILD);
  const client = options.devtools ? await FirefoxDevtools.connect(port) : undefined;
  return {
    browser,
    extensionOrigin: `moz-extension://${ADDON_UUID}`,
    devtools: client && (await extensionDevtools(client)),
    close: async () => {
      client?.close();
      await browser.close();
    },
  };
}
