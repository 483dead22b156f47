// Launches Debian's Firefox ESR headless through puppeteer-core (WebDriver BiDi) with the Firefox build installed
// as a temporary add-on. Its moz-extension:// UUID is fixed by a preference so tests can open its pages.
import path from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { firefoxPath } from './browserPaths';

export const FIREFOX_BUILD = path.resolve('.output/firefox-mv2');
export const ADDON_ID = 'takedown-lens@example.org';
export const ADDON_UUID = '6f1f5a52-7a4e-4c49-9d7e-5d1f0c7e2a11';

export interface FirefoxSession {
  browser: Browser;
  extensionOrigin: string;
  close(): Promise<void>;
}

export async function launchFirefoxWithExtension(): Promise<FirefoxSession> {
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    extraPrefsFirefox: {
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
  return {
    browser,
    extensionOrigin: `moz-extension://${ADDON_UUID}`,
    close: () => browser.close(),
  };
}
