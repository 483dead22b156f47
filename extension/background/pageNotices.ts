// Telling the content scripts of every open tab that the settings or the installed lists changed. Content scripts
// cannot read storage.local (it is closed to them), so they are told, then ask for what they need.
import { browser } from 'wxt/browser';
import type { PageNotice } from '../../lib/protocol';

export async function tellPages(what: 'settings' | 'dataset'): Promise<void> {
  const notice: PageNotice = { tdlNotice: what };
  const tabs = await browser.tabs.query({});
  await Promise.all(
    tabs.map((tab) =>
      tab.id === undefined ? undefined : browser.tabs.sendMessage(tab.id, notice).catch(() => undefined),
    ),
  );
}
