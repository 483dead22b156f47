// Unit-test setup: an in-memory IndexedDB for Dexie, a fresh fake browser before each test, and rendered
// components removed after each.
import 'fake-indexeddb/auto';
import { cleanup } from '@testing-library/preact';
import { afterEach, beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';

beforeEach(() => {
  fakeBrowser.reset();
});
afterEach(() => {
  cleanup();
});
