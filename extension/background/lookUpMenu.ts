// "Look up in Takedown Lens" on a selection or a link: opens the popup page in a small window with the answer. It
// needs no content script, so it works where marking is off. Firefox for Android has no context menus: skipped.
import { browser } from 'wxt/browser';
import { lookUpPath } from '../../lib/lookUp';
import { t } from '../i18n';

const MENU_ID = 'tdl-look-up';

/** Opens one of the extension's pages in a small window (or a tab where there are no windows). */
export async function openSmallWindow(path: `popup.html?${string}`): Promise<void> {
  const url = browser.runtime.getURL(`/${path}`);
  if (browser.windows?.create) await browser.windows.create({ url, type: 'popup', width: 420, height: 640 });
  else await browser.tabs.create({ url });
}

export function setUpLookUpMenu(): void {
  const menus = browser.contextMenus;
  if (!menus?.create) return;
  // Made again on every start (Firefox keeps no menu across restarts; Chrome refuses a duplicate id).
  void menus
    .removeAll()
    .then(() => menus.create({ id: MENU_ID, title: t('menuLookUp'), contexts: ['selection', 'link'] }))
    .catch((error: unknown) => console.warn('Takedown Lens: no context menu', error));
  menus.onClicked.addListener((info) => {
    if (info.menuItemId !== MENU_ID) return;
    const path = lookUpPath(info);
    if (path) void openSmallWindow(path);
  });
}
