import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SettingsKeeper } from '../../extension/background/settingsKeeper';
import { runCommand } from '../../extension/background/shortcuts';
import { TabFindingsStore } from '../../extension/background/tabFindings';
import { moveToMark } from '../../extension/content/markNavigation';
import { PageMarker } from '../../extension/content/pageMarker';
import { TakedownDb } from '../../extension/store/takedownDb';
import { lookUpPath, MAX_LOOKUP_CHARS } from '../../lib/lookUp';
import { toggledSites } from '../../lib/settings';
import { fakeMatch } from './fakePageMatcher';

describe('the context menu look-up', () => {
  it('looks up the selection, tidied and bounded, or else the link', () => {
    expect(lookUpPath({ selectionText: '  Huobi\n News ' })).toBe('popup.html?q=Huobi%20News');
    expect(lookUpPath({ selectionText: 'x'.repeat(500) })).toBe(`popup.html?q=${'x'.repeat(MAX_LOOKUP_CHARS)}`);
    expect(lookUpPath({ selectionText: ' ', linkUrl: 'https://www.okex.com/a?b=1' })).toBe(
      'popup.html?url=https%3A%2F%2Fwww.okex.com%2Fa%3Fb%3D1',
    );
    expect(lookUpPath({ linkUrl: 'javascript:alert(1)' })).toBeNull();
    expect(lookUpPath({})).toBeNull();
  });
});

describe('switching a site', () => {
  it('turns a site off, and on again from any of its pages', () => {
    expect(toggledSites({ disabledSites: [] }, 'www.news.example')).toEqual(['news.example']);
    expect(toggledSites({ disabledSites: ['news.example', 'other.example'] }, 'live.news.example')).toEqual([
      'other.example',
    ]);
  });
});

const dbs: TakedownDb[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

describe('keyboard shortcuts', () => {
  it('switch marking for the site the active tab reported, and send next and previous to that tab', async () => {
    const db = new TakedownDb('shortcuts');
    dbs.push(db);
    const settings = new SettingsKeeper(db);
    const tabs = new TabFindingsStore();
    await tabs.set(4, { hostname: 'www.news.example', found: [] });
    await runCommand('toggle-site', 4, { settings, tabs });
    expect((await settings.get()).disabledSites).toEqual(['news.example']);
    await runCommand('toggle-site', 4, { settings, tabs });
    expect((await settings.get()).disabledSites).toEqual([]);
    const sent = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(undefined);
    await runCommand('next-mark', 4, { settings, tabs });
    await runCommand('previous-mark', 4, { settings, tabs });
    expect(sent.mock.calls.map(([tab, message]) => [tab, message])).toEqual([
      [4, { tdlNotice: 'next-mark' }],
      [4, { tdlNotice: 'previous-mark' }],
    ]);
  });
});

describe('moving between marks', () => {
  it('goes to the next and previous mark in document order, wrapping at the ends', async () => {
    document.body.innerHTML =
      '<p>Delphy was blocked.</p><p><a href="https://x.example/">OKEx story</a></p><p>Huobi News too.</p>';
    const controller = new AbortController();
    const marker = new PageMarker(document, {
      signal: controller.signal,
      reportFound: () => undefined,
      match: fakeMatch(),
      mutationDelayMs: 0,
    });
    marker.start();
    for (let i = 0; i < 4; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      await marker.idle;
    }
    const names = (element: HTMLElement | null) => element?.textContent;
    expect(names(moveToMark(document, marker.registry, 1))).toBe('Delphy');
    expect(names(moveToMark(document, marker.registry, 1))).toBe('OKEx story');
    expect(names(moveToMark(document, marker.registry, 1))).toBe('Huobi News');
    expect(names(moveToMark(document, marker.registry, 1))).toBe('Delphy');
    expect(names(moveToMark(document, marker.registry, -1))).toBe('Huobi News');
    expect(document.activeElement?.textContent).toBe('Huobi News');
    controller.abort();
  });
});
