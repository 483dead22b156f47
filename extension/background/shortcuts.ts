// Keyboard shortcuts (the manifest's `commands`, changeable in the browser's shortcut settings): turn marking on or
// off for the site in the active tab, and move to the next or previous mark there. Opening the popup is the
// browser's own `_execute_action`. Firefox for Android has no commands: skipped.
import { browser } from 'wxt/browser';
import { toggledSites } from '../../lib/settings';
import type { SettingsKeeper } from './settingsKeeper';
import type { TabFindingsStore } from './tabFindings';

export const COMMANDS = ['toggle-site', 'next-mark', 'previous-mark'] as const;
export type Command = (typeof COMMANDS)[number];

export async function runCommand(
  command: string,
  tabId: number | undefined,
  { settings, tabs }: { settings: SettingsKeeper; tabs: TabFindingsStore },
): Promise<void> {
  const tab = tabId ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (tab === undefined) return;
  if (command === 'toggle-site') {
    // The site is the one the tab's content script reported: the background needs no permission to read tab URLs.
    const hostname = (await tabs.get(tab))?.hostname;
    if (!hostname) return;
    await settings.save({ disabledSites: toggledSites(await settings.get(), hostname) });
  } else if (command === 'next-mark' || command === 'previous-mark') {
    await browser.tabs.sendMessage(tab, { tdlNotice: command }).catch(() => undefined);
  }
}

export function setUpShortcuts(parts: { settings: SettingsKeeper; tabs: TabFindingsStore }): void {
  browser.commands?.onCommand.addListener((command, tab) => {
    void runCommand(command, tab?.id, parts).catch((error: unknown) =>
      console.warn(`Takedown Lens: shortcut ${command} failed`, error),
    );
  });
}
