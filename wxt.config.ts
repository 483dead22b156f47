// WXT build configuration: one source tree, a Chrome MV3 and a Firefox MV2 build.
import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  // The Firefox sources zip (for addons.mozilla.org's reviewers) holds what rebuilds the extension: no local output.
  zip: { excludeSources: ['artifacts/**', 'coverage/**'] },
  vite: () => ({ plugins: [preact()] }),
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
