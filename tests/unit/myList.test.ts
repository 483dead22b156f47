// My list: edited record by record, always a valid dataset; refusals by form field; marks at once.
import { describe, expect, it } from 'vitest';
import { readDatasetInfo } from '../../extension/store/datasetStore';
import { validateDataset } from '../../lib/dataset/validateDataset';
import type { MyListEdit } from '../../lib/lists/myListEdits';
import { myListFormRequest } from '../../lib/lists/myListLinks';
import { setUpLists } from './listFixtures';

const day = (value: string) => ({ value, precision: 'day' as const, qualifier: 'on' as const });

const account = (name: string, status: 'suspended' | 'unknown' = 'suspended'): MyListEdit => ({
  kind: 'account',
  record: { platform: 'weibo', name, aliases: [], category: 'media', status, links: [] },
  evidence:
    status === 'unknown'
      ? undefined
      : {
          event: { action: 'suspended', date: day('2020-01-05'), actors: [], summary: 'Suspended.', counts: [] },
          reports: [
            {
              title: 'A newsroom report',
              publisher: 'Newsroom',
              published: day('2020-01-10'),
              url: 'https://news.example/a',
              language: 'en',
              summary: 'What the newsroom found.',
            },
          ],
        },
});

describe('My list, edited', () => {
  it('adds an account with its event and report, as a new version, and it marks at once', async () => {
    const { updates, service, list } = setUpLists();
    await service.ready;
    const saved = await updates.editMine(account('Weibo Wire'));
    expect(saved).toEqual({ id: expect.stringMatching(/^account-[0-9a-f]{8}$/) });
    const { db } = await list('mine');
    expect((await readDatasetInfo(db))?.datasetVersion).toBe('0.0.1');
    expect((await service.matcher()).marksIn('On Weibo, Weibo Wire was suspended.')).toEqual([
      expect.objectContaining({ id: `mine/${(saved as { id: string }).id}`, status: 'suspended' }),
    ]);
    const details = await service.accountDetails(`mine/${(saved as { id: string }).id}`);
    expect(details).toMatchObject({
      list: { id: 'mine', title: 'My list' },
      reports: [{ title: 'A newsroom report' }],
    });
  });

  it('refuses what the list format refuses, by form field, and changes nothing', async () => {
    const { updates, service, list } = setUpLists();
    await service.ready;
    const bad = account('the') as Extract<MyListEdit, { kind: 'account' }>;
    bad.evidence!.reports[0]!.url = 'javascript:alert(1)';
    expect(await updates.editMine(bad)).toEqual({
      problems: [
        { field: 'account.name', key: 'formHintName' },
        { field: 'report0.url', key: 'formHintUrl' },
      ],
    });
    // Rules that span records (real calendar dates, evidence for a status) come once the shapes are right.
    const badDate = account('Weibo Wire') as Extract<MyListEdit, { kind: 'account' }>;
    badDate.evidence!.event.date = day('2020-02-31');
    expect(await updates.editMine(badDate)).toEqual({ problems: [{ field: 'event.date', key: 'formHintDate' }] });
    const noEvidence = account('Weibo Wire');
    (noEvidence as Extract<MyListEdit, { kind: 'account' }>).evidence = undefined;
    expect(await updates.editMine(noEvidence)).toEqual({
      problems: [{ field: 'account.status', key: 'formHintStatusEvidence' }],
    });
    expect(await readDatasetInfo((await list('mine')).db)).toBeUndefined();
  });

  it('edits and deletes records; what pointed only at a deleted account goes with it', async () => {
    const { updates, service } = setUpLists();
    await service.ready;
    const org = (await updates.editMine({
      kind: 'organisation',
      record: { name: 'Example Group', aliases: [], kind: 'company', websites: [{ domain: 'example.org' }] },
    })) as { id: string };
    const wire = (await updates.editMine(account('Weibo Wire'))) as { id: string };
    const edited = account('Weibo Wire Daily') as Extract<MyListEdit, { kind: 'account' }>;
    edited.record.id = wire.id;
    edited.record.organisationId = org.id;
    edited.evidence = undefined;
    expect(await updates.editMine(edited)).toEqual({ id: wire.id });
    let data = (await updates.dataOf('mine'))!.data;
    expect(data.accounts).toEqual([expect.objectContaining({ name: 'Weibo Wire Daily', organisationId: org.id })]);
    await updates.removeFromMine('organisation', org.id);
    data = (await updates.dataOf('mine'))!.data;
    expect(data.accounts[0]).not.toHaveProperty('organisationId');
    await updates.removeFromMine('account', wire.id);
    data = (await updates.dataOf('mine'))!.data;
    expect([data.accounts, data.events, data.reports]).toEqual([[], [], []]);
    expect(data.datasetVersion).toBe('0.0.5');
  });

  it('edits an event and its report in place', async () => {
    const { updates, service } = setUpLists();
    await service.ready;
    await updates.editMine(account('Weibo Wire'));
    const before = (await updates.dataOf('mine'))!.data;
    const [event] = before.events;
    const [report] = before.reports;
    const saved = await updates.editMine({
      kind: 'event',
      record: { ...event!, summary: 'Suspended, then the page was removed.' },
      reports: [{ ...report!, title: 'A corrected report title' }],
    });
    expect(saved).toEqual({ id: event!.id });
    const after = (await updates.dataOf('mine'))!.data;
    expect(after.events).toEqual([
      expect.objectContaining({ id: event!.id, summary: 'Suspended, then the page was removed.' }),
    ]);
    expect(after.reports).toEqual([expect.objectContaining({ id: report!.id, title: 'A corrected report title' })]);
  });

  it('exports as a valid dataset file that imports back', async () => {
    const { updates, service } = setUpLists();
    await service.ready;
    await updates.editMine(account('Weibo Wire'));
    const exported = (await updates.dataOf('mine'))!.data;
    expect(validateDataset(JSON.parse(JSON.stringify(exported))).ok).toBe(true);
    await updates.removeFromMine('account', exported.accounts[0]!.id);
    const outcome = await updates.importText(
      'mine',
      JSON.stringify(exported),
      { kind: 'file', name: 'mine.json' },
      true,
    );
    expect(outcome.kind).toBe('installed');
    expect((await updates.dataOf('mine'))!.data.accounts.map((a) => a.name)).toEqual(['Weibo Wire']);
  });
});

describe('links from the popup to My list’s forms', () => {
  it('read a name to track, or an account of My list to edit, and nothing else', () => {
    expect(myListFormRequest('#mine-track=Crypto%20Wire')).toEqual({ kind: 'account', name: 'Crypto Wire' });
    expect(myListFormRequest('#mine-edit=mine%2Faccount-1')).toEqual({ kind: 'account', id: 'account-1' });
    expect(myListFormRequest('#mine-edit=bundled%2Fokex-wechat')).toBeNull();
    expect(myListFormRequest('#mine-track=%E0%A4')).toBeNull();
    expect(myListFormRequest('#other')).toBeNull();
  });
});
