// The sightings log: off by default, recorded once per visit, never for private windows, pruned after its
// retention, exported with what the lists say of each row.
import { describe, expect, it } from 'vitest';
import { SettingsKeeper } from '../../extension/background/settingsKeeper';
import { SightingsLog } from '../../extension/background/sightingsLog';
import { loggedTitle, loggedUrl, retentionCutoff, sightingsToCsv } from '../../lib/sightings/sightings';
import { setUpLists } from './listFixtures';

const PAGE = { tabId: 4, url: 'https://news.example/story?id=7#comments', incognito: false };
const OKEX = 'account:bundled/okex-wechat';
const HUOBI = 'organisation:bundled/huobi';

async function setUp() {
  let now = new Date('2026-11-26T10:00:00Z');
  const lists = setUpLists();
  await lists.service.ready;
  const settings = new SettingsKeeper(lists.db);
  const log = new SightingsLog(lists.db, settings, lists.service, () => now);
  return { ...lists, settings, log, advance: (days: number) => (now = new Date(now.getTime() + days * 86_400_000)) };
}

describe('the sightings log', () => {
  it('records nothing until the reader turns it on, and stops at once when turned off', async () => {
    const { log, settings } = await setUp();
    await log.record(PAGE, [OKEX], 'visit-1', 'A story');
    expect(await log.count()).toBe(0);
    await settings.save({ sightingsEnabled: true });
    await log.record(PAGE, [OKEX], 'visit-1', 'A story');
    expect(await log.count()).toBe(1);
    await settings.save({ sightingsEnabled: false });
    await log.record(PAGE, [HUOBI], 'visit-1', 'A story');
    expect(await log.count()).toBe(1);
  });

  it('records each account once per visit, never a private window, and the address without query unless asked', async () => {
    const { log, settings, advance } = await setUp();
    await settings.save({ sightingsEnabled: true });
    await log.record(PAGE, [OKEX, HUOBI], 'visit-1', 'A story');
    await log.record(PAGE, [OKEX, HUOBI], 'visit-1', 'A story');
    await log.record({ ...PAGE, incognito: true }, [OKEX], 'visit-9', 'Private');
    expect(await log.count()).toBe(2);
    expect(await log.of(OKEX)).toEqual([
      { url: 'https://news.example/story', title: 'A story', at: '2026-11-26T10:00:00.000Z' },
    ]);
    await settings.save({ sightingsFullUrl: true });
    advance(1);
    await log.record(PAGE, [OKEX], 'visit-2', 'A story\u202e\n again');
    expect((await log.of(OKEX))[0]).toMatchObject({
      url: 'https://news.example/story?id=7#comments',
      title: 'A story again',
    });
  });

  it('drops entries older than the retention the reader chose (90 days by default), and clears all', async () => {
    const { log, settings, advance } = await setUp();
    await settings.save({ sightingsEnabled: true });
    expect((await settings.get()).sightingsRetentionDays).toBe(90);
    await log.record(PAGE, [OKEX], 'visit-1', 'Old');
    advance(60);
    await log.record(PAGE, [HUOBI], 'visit-2', 'Newer');
    advance(31);
    expect(await log.count()).toBe(1);
    await settings.save({ sightingsRetentionDays: 30 });
    expect(await log.count()).toBe(0);
    await log.record(PAGE, [OKEX], 'visit-3', 'Today');
    await log.clear();
    expect(await log.count()).toBe(0);
  });

  it('exports every row with the status, evidence date and report titles the lists give, as CSV and JSON', async () => {
    const { log, settings } = await setUp();
    await settings.save({ sightingsEnabled: true });
    await log.record(PAGE, [OKEX, HUOBI], 'visit-1', 'Exchanges, "closed"');
    const csv = await log.export('csv');
    expect(csv.filename).toBe('takedown-lens-sightings-2026-11-26.csv');
    const lines = csv.text.trimEnd().split('\r\n');
    expect(lines[0]).toBe('seen at,page URL,page title,kind,id,name,platform,lists,status,evidence date,report titles');
    expect(lines.find((line) => line.includes(',account,'))).toMatch(
      /^2026-11-26T10:00:00\.000Z,https:\/\/news\.example\/story,"Exchanges, ""closed""",account,bundled\/okex-wechat,OKEx,WeChat,Takedown Lens bundled dataset: blocked,blocked,2018-03-06,.*Cryptocurrency Exchange Platforms/,
    );
    expect(lines.find((line) => line.includes(',organisation,'))).toMatch(
      /,organisation,bundled\/huobi,Huobi,,,blocked,2018-0/,
    );
    const json = JSON.parse((await log.export('json')).text);
    expect(json[0]).toMatchObject({ key: expect.any(String), status: 'blocked', reports: expect.any(Array) });
  });
});

describe('sightings rules', () => {
  it('keep only http(s) addresses without credentials, one-line titles, and a cutoff by days', () => {
    expect(loggedUrl('https://a.example/x?q=1#f', false)).toBe('https://a.example/x');
    expect(loggedUrl('https://u:p@a.example/x', true)).toBeNull();
    expect(loggedUrl('file:///etc/passwd', true)).toBeNull();
    expect(loggedTitle('  two\nlines\u0000 ')).toBe('two lines');
    expect(retentionCutoff(new Date('2026-03-31T00:00:00Z'), 30).toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(sightingsToCsv([]).trimEnd().split('\r\n')).toHaveLength(1);
    const formula = sightingsToCsv([
      {
        key: 'account:mine/x',
        url: 'https://a.example/',
        title: '=HYPERLINK("https://evil.example")',
        at: '2026-01-01T00:00:00Z',
        name: '@name',
        platform: 'WeChat',
        lists: '',
        status: 'blocked',
        evidence: '',
        reports: [],
      },
    ]);
    expect(formula).toContain(`"'=HYPERLINK(""https://evil.example"")"`);
    expect(formula).toContain(",'@name,");
  });
});
