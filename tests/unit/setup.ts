// Unit-test setup: an in-memory IndexedDB for Dexie, a fresh fake browser before each test, and rendered
// components removed after each.
import 'fake-indexeddb/auto';
import { cleanup } from '@testing-library/preact';
import { afterEach, beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { en, type MessageKey } from '../../lib/i18n/en';
import { substitute } from '../../lib/i18n/translate';

beforeEach(() => {
  fakeBrowser.reset();
  // The browser's i18n, in English (a real browser falls back to English, the default locale, the same way).
  fakeBrowser.i18n.getMessage = ((key: string, substitutions?: string | string[]) =>
    substitute(en[key as MessageKey] ?? '', [substitutions ?? []].flat())) as typeof fakeBrowser.i18n.getMessage;
});
afterEach(() => {
  cleanup();
});
