// WXT build configuration: one source tree, a Chrome MV3 and a Firefox MV2 build.
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

/**
 * Scripts built without webextension-polyfill: those that run inside web pages (the content script, and the hover
 * card it loads once a page has a mark), the popup's, loaded each time the popup opens, and the background's, which
 * a stopped service worker evaluates again before it answers (the polyfill took 9 ms of that).
 */
const LEAN_SCRIPTS = ['mentions', 'hover-card', 'popup-app', 'background'];

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  // The Firefox sources zip (for addons.mozilla.org's reviewers) holds what rebuilds the extension: no local output.
  zip: { excludeSources: ['artifacts/**', 'coverage/**'] },
  // No modulepreload polyfill: Chromium and Firefox ESR preload modules themselves, and the popup (one classic script,
  // entrypoints/popup-app.tsx) would otherwise load it as a module of its own.
  vite: () => ({ plugins: [preact()], build: { modulePreload: { polyfill: false } } }),
  hooks: {
    // The bench's reference for the popup (mode "bench" only): an extension page with nothing to load or ask, which
    // shows the popup's footer line at once. Its time to that line is the floor of any extension page here.
    'build:publicAssets': (wxt, files) => {
      if (wxt.config.mode !== 'bench') return;
      files.push({
        relativeDest: 'bench-blank.html',
        contents:
          '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bench reference</title></head>' +
          '<body><footer>2 lists in use</footer></body></html>',
      });
    },
    // These scripts use the browser's own promise-based API (Firefox's `browser`, Chrome's `chrome`), not
    // webextension-polyfill: the content script is parsed on every page, and stays small; the popup and a restarted
    // background start sooner. Only the options page keeps it.
    'vite:build:extendConfig': (entrypoints, config) => {
      if (!entrypoints.every((entrypoint) => LEAN_SCRIPTS.includes(entrypoint.name))) return;
      const alias = config.resolve?.alias;
      if (Array.isArray(alias)) {
        config.resolve!.alias = alias.filter((entry: { find: unknown }) => entry.find !== 'wxt/browser');
      } else if (alias && typeof alias === 'object') delete (alias as Record<string, string>)['wxt/browser'];
    },
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'alarms', 'contextMenus'],
    optional_host_permissions:
      browser === 'firefox' ? undefined : ['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*'],
    ...(browser === 'firefox'
      ? {
          optional_permissions: ['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*'],
          browser_specific_settings: {
            gecko: {
              id: 'takedown-lens@example.org',
              // 140 is the oldest Firefox ESR still supported; it has every API and manifest key used here.
              strict_min_version: '140.0',
              // Nothing leaves the browser: no analytics, no page text, no personal data.
              data_collection_permissions: { required: ['none'] },
            },
            // Firefox for Android: 142 reads data_collection_permissions. It has no context menus, keyboard
            // shortcuts or windows; the extension checks for each before using it.
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
    // The hover card, which the content script imports into its isolated world on a page with a mark. In Chrome only
    // through the session's dynamic URL, so a page cannot probe for the extension by its fixed id.
    web_accessible_resources:
      browser === 'firefox'
        ? ['hover-card.js']
        : [{ resources: ['hover-card.js'], matches: ['http://*/*', 'https://*/*'], use_dynamic_url: true }],
    action: { default_title: '__MSG_extName__', default_icon: { 16: 'icon/16.png', 32: 'icon/32.png' } },
    // Four suggested keys (the most Chrome allows); each can be changed in the browser's shortcut settings.
    commands: {
      [browser === 'firefox' ? '_execute_browser_action' : '_execute_action']: {
        suggested_key: { default: 'Alt+Shift+L' },
        description: '__MSG_commandOpenPopup__',
      },
      'toggle-site': { suggested_key: { default: 'Alt+Shift+K' }, description: '__MSG_commandToggleSite__' },
      'next-mark': { suggested_key: { default: 'Alt+Shift+Period' }, description: '__MSG_commandNextMark__' },
      'previous-mark': { suggested_key: { default: 'Alt+Shift+Comma' }, description: '__MSG_commandPreviousMark__' },
    },
  }),
});
