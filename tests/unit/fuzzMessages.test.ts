// Arbitrary payloads at every message handler, from a content script and from an extension page: the background
// answers each with a reply (never an exception), and a content script never gets a privileged answer.
import Dexie from 'dexie';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBackgroundHandlers, type Handlers } from '../../extension/background/backgroundHandlers';
import { DatasetUpdates } from '../../extension/background/datasetUpdates';
import { SettingsKeeper } from '../../extension/background/settingsKeeper';
import { SightingsLog } from '../../extension/background/sightingsLog';
import { TabFindingsStore } from '../../extension/background/tabFindings';
import { TakedownService } from '../../extension/background/takedownService';
import { answerMessage } from '../../extension/background/answerMessages';
import { ListCatalogue, prepareLists } from '../../extension/store/listCatalogue';
import { UploadsDb } from '../../extension/store/uploads';
import { TakedownDb } from '../../extension/store/takedownDb';
import { PAGE_REQUEST_TYPES, type MessageType } from '../../lib/protocol';
import { REQUEST_SCHEMAS } from '../../lib/requestSchemas';
import { bundledSource } from './datasetFixtures';

const SELF = { id: 'our-id', base: 'chrome-extension://our-id/' };
const SENDERS = {
  'content script': { id: 'our-id', url: 'https://hostile.example/', tab: { id: 9, url: 'https://hostile.example/' } },
  'extension page': { id: 'our-id', url: 'chrome-extension://our-id/options.html' },
  stranger: { id: 'other-id', url: 'chrome-extension://other-id/x.html' },
};
const TYPES = Object.keys(REQUEST_SCHEMAS) as MessageType[];
const PAGE_TYPES = new Set<string>(PAGE_REQUEST_TYPES);

let db: TakedownDb;
let catalogue: ListCatalogue;
let handlers: Handlers;
beforeAll(async () => {
  db = new TakedownDb('fuzz-messages');
  catalogue = new ListCatalogue(db);
  const service = new TakedownService(catalogue, () =>
    prepareLists(catalogue, bundledSource(), async () => ({ settings: undefined, refreshState: undefined })),
  );
  // No request reaches the network: the fetch the handlers get always fails.
  const fetch = vi.fn(async () => {
    throw new TypeError('offline');
  });
  const updates = new DatasetUpdates(service, { fetch });
  handlers = createBackgroundHandlers(service, {
    badge: { showCount: async () => undefined },
    updates,
    uploads: new UploadsDb('fuzz-uploads'),
    tabs: new TabFindingsStore(),
    settings: new SettingsKeeper(db),
    openOptions: async () => undefined,
    openTab: async () => undefined,
    sightings: new SightingsLog(db, new SettingsKeeper(db), service),
  });
  await service.ready;
});
afterAll(async () => {
  catalogue.close();
  for (const name of await Dexie.getDatabaseNames()) if (name.startsWith('fuzz-messages')) await Dexie.delete(name);
});

/** Payloads near the real shapes (so some pass the schema) and far from them. */
const payload = fc.oneof(
  fc.anything(),
  fc.record({ id: fc.oneof(fc.string(), fc.anything()) }),
  fc.record({
    texts: fc.array(fc.string({ unit: 'binary' }), { maxLength: 4 }),
    links: fc.array(fc.webUrl(), { maxLength: 3 }),
  }),
  fc.record({ query: fc.string(), limit: fc.oneof(fc.integer(), fc.double()) }, { requiredKeys: [] }),
  fc.record({ found: fc.array(fc.string(), { maxLength: 5 }) }),
  fc.record({ tabId: fc.oneof(fc.integer(), fc.string()) }),
  fc.record({ text: fc.string(), origin: fc.anything() }, { requiredKeys: [] }),
  fc.record(
    { list: fc.constantFrom('bundled', 'mine', 'u-00000000', '../x', ''), enabled: fc.anything(), format: fc.string() },
    { requiredKeys: [] },
  ),
  fc.record({ url: fc.oneof(fc.webUrl(), fc.string()), title: fc.string() }, { requiredKeys: [] }),
  fc.record(
    { markingEnabled: fc.anything(), disabledSites: fc.array(fc.string()), refreshUrl: fc.string() },
    { requiredKeys: [] },
  ),
);

describe('message handlers, fuzzed', () => {
  for (const [who, sender] of Object.entries(SENDERS)) {
    it(`always reply, and refuse what the sender may not ask (${who})`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...TYPES), payload, async (type, data) => {
          const reply = await answerMessage(handlers, { tdl: type, data }, sender, SELF);
          expect(reply).toBeDefined();
          expect(typeof reply!.ok).toBe('boolean');
          if (!reply!.ok) expect(typeof reply!.error).toBe('string');
          if (who === 'stranger' || (who === 'content script' && !PAGE_TYPES.has(type))) {
            expect(reply).toMatchObject({ ok: false, error: expect.stringMatching(/^Refused /) });
          }
        }),
        { numRuns: 300 },
      );
    });
  }

  it('ignore envelopes that are not ours, whatever their shape', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (message) => {
        const reply = await answerMessage(handlers, message, SENDERS['extension page'], SELF);
        if (reply !== undefined) expect(typeof reply.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
    for (const tdl of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      expect(await answerMessage(handlers, { tdl, data: {} }, SENDERS['extension page'], SELF)).toBeUndefined();
    }
  });
});
