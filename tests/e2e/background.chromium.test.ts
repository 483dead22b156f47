// The built extension in real Chromium: the background seeds IndexedDB and answers the protocol.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromiumWithExtension, type ExtensionSession } from '../../scripts/support/chromiumWithExtension';

let session: ExtensionSession;
beforeAll(async () => {
  session = await launchChromiumWithExtension();
});
afterAll(async () => {
  await session?.close();
});

describe('background in Chromium', () => {
  it('seeds IndexedDB from the bundled dataset', async () => {
    const counts = await session.worker.evaluate(async () => {
      // Wait for the seeding transaction, then read the database the way any IndexedDB client would.
      for (let attempt = 0; attempt < 50; attempt++) {
        const count = await new Promise<Record<string, number>>((resolve, reject) => {
          const open = indexedDB.open('takedown-lens');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            if (!db.objectStoreNames.contains('records')) return resolve({});
            // The installed version's slot (meta 'current'), then its buckets: `slot/table/n`, each with its records.
            const tx = db.transaction(['meta', 'records'], 'readonly');
            const result: Record<string, number> = {};
            const meta = tx.objectStore('meta').get('current');
            meta.onsuccess = () => {
              const slot = meta.result?.stored?.slot;
              if (slot === undefined) return;
              const rows = tx.objectStore('records').getAll(IDBKeyRange.bound(`${slot}/`, `${slot}/\uffff`));
              rows.onsuccess = () => {
                for (const { key, bucket } of rows.result) {
                  const table = key.split('/')[1];
                  // Record buckets keep each record as a line of UTF-8 JSON (index buckets hold keys instead): a
                  // record counts when its line is the record its id names.
                  if (!(bucket.bytes instanceof Uint8Array)) continue;
                  const lines = new TextDecoder().decode(bucket.bytes).split('\n');
                  const read = lines.filter((line: string, i: number) => JSON.parse(line).id === bucket.ids[i]);
                  if (read.length === bucket.ends.length) result[table] = (result[table] ?? 0) + read.length;
                }
              };
            };
            tx.oncomplete = () => {
              db.close();
              resolve(result);
            };
          };
        });
        if ((count.accounts ?? 0) > 0) return count;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return {};
    });
    expect(counts).toEqual({ organisations: 5, accounts: 9, events: 9, reports: 5 });
  });

  it('answers a query for an account from an extension page', async () => {
    const page = await session.context.newPage();
    await page.goto(`chrome-extension://${session.extensionId}/popup.html`);
    const reply = await page.evaluate(() => {
      const api = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<any> } } }).chrome;
      return api.runtime.sendMessage({ tdl: 'account:details', data: { id: 'bundled/bitmain-antminersale' } });
    });
    expect(reply.ok).toBe(true);
    expect(reply.value.account).toMatchObject({
      handle: 'antminersale',
      status: 'blocked',
      organisationId: 'bundled/bitmain',
    });
    expect(reply.value.organisation).toMatchObject({ name: 'Bitmain', kind: 'mining-hardware-maker' });
    expect(reply.value.reports[0].title).toBe('WeChat Blocks Bitmain Among Other Crypto-Related Accounts');
    await page.getByText('1 lists in use: 9 accounts, 9 events, 5 reports.').waitFor({ timeout: 5_000 });
    // The same count, kept in session storage, where the next popup reads it without waiting for the background.
    const kept = await page.evaluate(async () => {
      const api = (globalThis as unknown as { chrome: { storage: { session: { get(key: string): Promise<any> } } } })
        .chrome;
      return (await api.storage.session.get('listsInUse')).listsInUse;
    });
    expect(kept).toEqual({ lists: 1, counts: { accounts: 9, events: 9, reports: 5 } });
    await page.close();
  });

  it('tells an extension page what the merged matcher holds', async () => {
    const page = await session.context.newPage();
    await page.goto(`chrome-extension://${session.extensionId}/popup.html`);
    const reply = await page.evaluate(() => {
      const api = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<any> } } }).chrome;
      return api.runtime.sendMessage({ tdl: 'matcher:info' });
    });
    expect(reply).toEqual({ ok: true, value: { accounts: 9, patterns: expect.any(Number) } });
    await page.close();
  });
});
