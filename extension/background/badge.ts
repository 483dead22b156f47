// The toolbar badge: how many tracked accounts the tab mentions. MV3 calls it action, Firefox MV2 browserAction.
import { browser } from 'wxt/browser';
import { t } from '../i18n';
import type { BadgePort } from './backgroundHandlers';

export const toolbarBadge: BadgePort = {
  async showCount(tabId, count) {
    const action = browser.action ?? browser.browserAction;
    await action.setBadgeBackgroundColor({ tabId, color: '#8a1c1c' });
    await action.setBadgeText({ tabId, text: count > 0 ? String(count) : '' });
    await action.setTitle({
      tabId,
      title: count > 0 ? t('badgeTitleCount', count) : t('badgeTitleNone'),
    });
  },
};
