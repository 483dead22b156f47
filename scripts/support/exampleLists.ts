// A second list, as another maintainer would publish it, for the screenshots and the end-to-end tests of several
// lists. Its facts are made up for testing (no real account or report): it names the bundled list's antminersale
// account (same WeChat handle) as active again, and a Weibo account of its own.
/** The example list; corrections go to a mailto address. */
export function newsroom(version = '1.0.0') {
  return {
    schemaVersion: 2,
    datasetVersion: version,
    generatedAt: '2026-11-01T00:00:00Z',
    source: { name: 'Newsroom watch', corrections: 'mailto:corrections@newsroom.example' },
    organisations: [],
    accounts: [
      {
        id: 'antminer-sales',
        platform: 'wechat',
        name: 'Antminer sales',
        handle: 'antminersale',
        category: 'exchange',
        status: 'active',
        statusSince: { value: '2019-05', precision: 'month' },
      },
      { id: 'weibo-wire', platform: 'weibo', name: 'Weibo Wire', category: 'media', status: 'suspended' },
    ],
    events: [
      {
        id: 'e-back',
        action: 'reinstated',
        accountIds: ['antminer-sales'],
        date: { value: '2019-05', precision: 'month' },
        summary: 'Back online, according to the newsroom.',
        reportIds: ['r-newsroom'],
      },
      {
        id: 'e-weibo',
        action: 'suspended',
        accountIds: ['weibo-wire'],
        date: { value: '2020-01', precision: 'month' },
        summary: 'Suspended on Weibo.',
        reportIds: ['r-newsroom'],
      },
    ],
    reports: [
      {
        id: 'r-newsroom',
        title: 'What the newsroom found',
        publisher: 'Newsroom',
        published: { value: '2020-01-10', precision: 'day' },
        language: 'en',
        summary: 'The newsroom checked the accounts again.',
      },
    ],
  };
}
