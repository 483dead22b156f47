// A second list for tests of several lists: it names one account the bundled list names too (by the same handle),
// with another status, one account of its own, and an address for corrections.
import type { Dataset } from '../../lib/dataset/schema';
import { validBundled } from './datasetFixtures';

export /** A second list that names Bitmain's antminersale account (same handle) as still active, and one of its own. */
function newsroomList(version = '1.0.0'): Dataset {
  const sales = validBundled().accounts.find((account) => account.id === 'bitmain-antminersale')!;
  return {
    schemaVersion: 2,
    datasetVersion: version,
    generatedAt: '2026-11-01T00:00:00Z',
    source: { name: 'Newsroom list', corrections: 'mailto:corrections@newsroom.example' },
    organisations: [{ id: 'bitmain-group', name: 'Bitmain', kind: 'company', aliases: [], websites: [] }],
    accounts: [
      {
        ...sales,
        id: 'antminer-sales',
        name: '蚂蚁矿机销售',
        aliases: [],
        organisationId: 'bitmain-group',
        status: 'active',
        statusSince: { value: '2019-05', precision: 'month', qualifier: 'on' },
      },
      {
        id: 'weibo-wire',
        platform: 'weibo',
        name: 'Weibo Wire',
        aliases: [],
        handle: 'weibowire',
        category: 'media',
        status: 'suspended',
        links: [],
      },
    ],
    events: [
      {
        id: 'e-restored',
        action: 'reinstated',
        accountIds: ['antminer-sales'],
        date: { value: '2019-05', precision: 'month', qualifier: 'on' },
        actors: [],
        summary: 'Back online, the newsroom says.',
        counts: [],
        reportIds: ['r-1'],
      },
      {
        id: 'e-weibo',
        action: 'suspended',
        accountIds: ['weibo-wire'],
        date: { value: '2020-01', precision: 'month', qualifier: 'on' },
        actors: [],
        summary: 'Suspended.',
        counts: [],
        reportIds: ['r-1'],
      },
    ],
    reports: [
      {
        id: 'r-1',
        title: 'A newsroom report',
        publisher: 'Newsroom',
        published: { value: '2020-01-10', precision: 'day', qualifier: 'on' },
        language: 'en',
        summary: 'What the newsroom found.',
      },
    ],
  };
}
