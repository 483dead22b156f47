import { fireEvent, render, screen, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { OptionsApp, type OptionsServices } from '../../components/options/OptionsApp';
import type { ChangeSummary } from '../../lib/changeSummary';
import type { Dataset } from '../../lib/dataset/schema';
import type { DatasetInfo, InstallOutcome, ListView } from '../../lib/protocol';
import { defaultSettings, type Settings } from '../../lib/settings';
import { tinyDataset, validBundled } from './datasetFixtures';

const info = (version: string, origin: DatasetInfo['origin'] = { kind: 'bundled' }): DatasetInfo => ({
  schemaVersion: 2,
  datasetVersion: version,
  generatedAt: '2026-11-21T00:00:00Z',
  source: validBundled().source,
  origin,
  importedAt: '2026-11-21T01:00:00Z',
  counts: { accounts: 9, events: 8, reports: 5 },
});

const URL_A = 'https://data.example/takedowns.json';

function view(overrides: Partial<ListView> & Pick<ListView, 'id' | 'kind' | 'title'>): ListView {
  return {
    enabled: true,
    schedule: 'off',
    info: info('1.0.0'),
    previous: null,
    nextCheck: null,
    pending: null,
    ...overrides,
  };
}

function initialLists(): ListView[] {
  return [
    view({ id: 'bundled', kind: 'bundled', title: 'Takedown Lens seed data', previous: '0.9.0' }),
    view({
      id: 'u-1',
      kind: 'url',
      title: 'Newsroom list',
      url: URL_A,
      homepage: 'https://newsroom.example/',
      schedule: 'daily',
      info: info('1.0.0', { kind: 'url', url: URL_A }),
      nextCheck: '2026-11-27T10:00:00Z',
      lastAttempt: { at: '2026-11-26T10:00:00Z', url: URL_A, outcome: 'failed', message: 'The server answered 500.' },
    }),
    view({ id: 'mine', kind: 'mine', title: 'My list', info: null }),
  ];
}

function services(overrides: Partial<OptionsServices> = {}, lists: ListView[] = initialLists()) {
  let settings: Settings = defaultSettings();
  const listeners = new Set<() => void>();
  const fake: OptionsServices = {
    lists: async () => ({ lists, progress: { url: URL_A, list: 'u-1', received: 1_500_000, total: 3_000_000 } }),
    watch: (callback) => {
      listeners.add(callback);
      return () => listeners.delete(callback);
    },
    subscribe: vi.fn(async (): Promise<InstallOutcome> => ({ kind: 'installed', info: info('4.0.0') })),
    setList: vi.fn(async (id: string, patch) => {
      lists = lists.map((list) => (list.id === id ? { ...list, ...patch } : list));
      return lists.find((list) => list.id === id)!;
    }),
    removeList: vi.fn(async (id: string) => void (lists = lists.filter((list) => list.id !== id))),
    update: vi.fn(async (): Promise<InstallOutcome> => ({ kind: 'installed', info: info('2.0.0') })),
    updateAll: vi.fn(async () => [
      { list: 'u-1', title: 'Newsroom list', outcome: { kind: 'not-modified' as const } },
      { list: 'u-2', title: 'Weibo watch', error: 'The server answered 500. The installed dataset is unchanged.' },
    ]),
    importFile: vi.fn(async (): Promise<InstallOutcome> => ({ kind: 'installed', info: info('3.0.0') })),
    applyPending: vi.fn(async (): Promise<InstallOutcome> => ({ kind: 'installed', info: info('2.0.0') })),
    discardPending: vi.fn(async () => undefined),
    history: async () => [],
    rollBack: vi.fn(async () => info('0.9.0')),
    exportList: vi.fn(async (list: string | undefined, format: 'json' | 'csv') => ({
      filename: `takedown-lens-${list ?? 'all-lists'}.${format}`,
      mime: format === 'csv' ? 'text/csv' : 'application/json',
      text: JSON.stringify(tinyDataset('1.0.0')),
    })),
    loadSettings: async () => settings,
    saveSettings: vi.fn(async (patch: Partial<Settings>) => (settings = { ...settings, ...patch })),
    requestHostPermission: vi.fn(async () => true),
    confirm: vi.fn(() => true),
    download: vi.fn(),
    fingerprint: async (key: string) => (/^ed25519:[A-Za-z0-9+/]{43}=$/.test(key) ? `fp-${key.slice(8, 12)}` : null),
    shortcuts: async () => [
      { name: '_execute_action', description: 'Open Takedown Lens', shortcut: 'Alt+Shift+L' },
      { name: 'next-mark', description: 'Go to the next mark on the page', shortcut: '' },
    ],
    subscribeRequest: () => null,
    clearSubscribeRequest: vi.fn(),
    myList: async () => null,
    saveMine: vi.fn(async () => ({ id: 'account-00000001' })),
    deleteMine: vi.fn(async () => undefined),
    formRequest: () => null,
    sightingsCount: async () => 0,
    exportSightings: vi.fn(async () => ({ filename: 's.csv', mime: 'text/csv', text: '' })),
    clearSightings: vi.fn(async () => undefined),
    ...overrides,
  };
  return fake;
}

const card = async (title: string) =>
  (await screen.findByRole('article', { name: new RegExp(`^${title}`) })) as HTMLElement;

describe('the lists view', () => {
  it('shows every list: title, kind, address, homepage, version, counts, last check, next check, and a download', async () => {
    render(<OptionsApp services={services()} />);
    const newsroom = within(await card('Newsroom list'));
    expect(newsroom.getByText('subscribed')).toBeTruthy();
    expect(newsroom.getByText(URL_A)).toBeTruthy();
    expect(newsroom.getByRole('link', { name: 'https://newsroom.example/' }).getAttribute('rel')).toMatch(/noopener/);
    expect(newsroom.getByTestId('list-version').textContent).toBe('1.0.0');
    expect(newsroom.getByText('9 accounts, 8 events, 5 reports')).toBeTruthy();
    expect(newsroom.getByText(/The server answered 500\./)).toBeTruthy();
    expect(newsroom.getByText(/Failed/)).toBeTruthy();
    expect((newsroom.getByRole('combobox') as HTMLSelectElement).value).toBe('daily');
    expect(newsroom.getByRole('button', { name: 'Remove' })).toBeTruthy();
    const bundled = within(await card('Takedown Lens seed data'));
    expect(bundled.getByText('bundled with the extension')).toBeTruthy();
    expect(bundled.queryByRole('button', { name: 'Remove' })).toBeNull();
    expect(bundled.queryByRole('button', { name: 'Update now' })).toBeNull();
    expect(bundled.getByRole('button', { name: 'Roll back to 0.9.0' })).toBeTruthy();
    const mine = within(await card('My list'));
    expect(mine.getByTestId('list-version').textContent).toBe('nothing yet');
    expect(mine.queryByRole('button', { name: 'Remove' })).toBeNull();
    expect(screen.getByText(/Downloading… 1\.50 MB of 3\.00 MB/)).toBeTruthy();
  });

  it('shows the lists as last read when two reads answer out of order', async () => {
    const answers: Array<(lists: ListView[]) => void> = [];
    const listeners: Array<() => void> = [];
    const fake = services({
      lists: () => new Promise((resolve) => answers.push((lists) => resolve({ lists, progress: null }))),
      watch: (callback) => {
        listeners.push(callback);
        return () => undefined;
      },
    });
    render(<OptionsApp services={fake} />);
    const withNewsroom = initialLists();
    const without = withNewsroom.filter((list) => list.id !== 'u-1');
    answers[0]!(withNewsroom);
    await card('Newsroom list');
    // A list is being added (read 2), then its subscription fails and it is removed (read 3); read 3 answers first.
    listeners[0]!();
    listeners[0]!();
    answers[2]!(without);
    await waitFor(() => expect(screen.queryByRole('article', { name: /^Newsroom list/ })).toBeNull());
    answers[1]!(withNewsroom);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.queryByRole('article', { name: /^Newsroom list/ })).toBeNull();
    expect(screen.getAllByRole('article')).toHaveLength(2);
  });

  it('switches a list off and on, sets its schedule, and removes it only when confirmed', async () => {
    const confirm = vi.fn(() => false);
    const fake = services({ confirm });
    render(<OptionsApp services={fake} />);
    const newsroom = within(await card('Newsroom list'));
    fireEvent.click(newsroom.getByRole('checkbox', { name: 'Use this list' }));
    expect(await screen.findByText('Newsroom list is no longer used; its data is kept.')).toBeTruthy();
    expect(fake.setList).toHaveBeenCalledWith('u-1', { enabled: false });
    fireEvent.change(newsroom.getByRole('combobox'), { target: { value: 'weekly' } });
    await waitFor(() => expect(fake.setList).toHaveBeenCalledWith('u-1', { schedule: 'weekly' }));
    fireEvent.click(newsroom.getByRole('button', { name: 'Remove' }));
    expect(await screen.findByText('Kept Newsroom list.')).toBeTruthy();
    expect(fake.removeList).not.toHaveBeenCalled();
    confirm.mockReturnValue(true);
    fireEvent.click(within(await card('Newsroom list')).getByRole('button', { name: 'Remove' }));
    expect(await screen.findByText('Removed Newsroom list.')).toBeTruthy();
    expect(fake.removeList).toHaveBeenCalledWith('u-1');
  });

  it('updates a list after asking for permission for its address, and asks before an older version', async () => {
    const update = vi.fn(async (_list: string, confirmed: boolean): Promise<InstallOutcome> =>
      confirmed ? { kind: 'installed', info: info('0.5.0') } : { kind: 'older', installed: '1.0.0', offered: '0.5.0' },
    );
    const confirm = vi.fn(() => false);
    const fake = services({ update, confirm });
    render(<OptionsApp services={fake} />);
    fireEvent.click(within(await card('Newsroom list')).getByRole('button', { name: 'Update now' }));
    expect(await screen.findByText('Kept dataset 1.0.0; the older 0.5.0 was not installed.')).toBeTruthy();
    expect(fake.requestHostPermission).toHaveBeenCalledWith(URL_A);
    confirm.mockReturnValue(true);
    fireEvent.click(within(await card('Newsroom list')).getByRole('button', { name: 'Update now' }));
    expect(await screen.findByText('Newsroom list: installed version 0.5.0.')).toBeTruthy();
    expect(confirm).toHaveBeenCalledWith(expect.stringMatching(/older than the installed one/));
  });

  it('updates all, naming each list and the ones that failed', async () => {
    const fake = services();
    render(<OptionsApp services={fake} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Update all' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(/Newsroom list: checked\./);
    expect(alert.textContent).toMatch(/Weibo watch: The server answered 500\./);
  });

  it('exports one list or all of them, as JSON or CSV, and imports a file into My list', async () => {
    const fake = services();
    render(<OptionsApp services={fake} />);
    fireEvent.click(within(await card('Newsroom list')).getByRole('button', { name: 'Export as CSV' }));
    await waitFor(() =>
      expect(fake.download).toHaveBeenCalledWith(expect.objectContaining({ filename: 'takedown-lens-u-1.csv' })),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Export all lists in use (JSON)' }));
    await waitFor(() => expect(fake.exportList).toHaveBeenCalledWith(undefined, 'json'));
    const input = within(await card('My list')).getByLabelText(/Replace this list with a file/) as HTMLInputElement;
    const file = new File([JSON.stringify(tinyDataset('3.0.0'))], 'mine.json', { type: 'application/json' });
    fireEvent.change(input, { target: { files: [file] } });
    expect(await screen.findByText('My list: installed version 3.0.0.')).toBeTruthy();
    expect(fake.importFile).toHaveBeenCalledWith('mine', file, { kind: 'file', name: 'mine.json' }, false);
  });

  it('shows a list’s update held back for review, and installs or drops it', async () => {
    const summary: ChangeSummary = {
      fromVersion: '1.0.0',
      toVersion: '2.0.0',
      counts: {
        accounts: { before: 9, after: 10 },
        organisations: { before: 5, after: 5 },
        events: { before: 9, after: 9 },
        reports: { before: 5, after: 5 },
      },
      accountsAdded: {
        items: [{ id: 'wire', name: '<b>Crypto Wire</b>', platform: 'wechat', status: 'suspended' }],
        total: 1,
      },
      accountsRemoved: { items: [], total: 0 },
      organisationsAdded: { items: [], total: 0 },
      organisationsRemoved: { items: [], total: 0 },
      statusChanges: {
        items: [
          {
            id: 'okex-wechat',
            name: 'OKEx',
            platform: 'wechat',
            from: 'blocked',
            status: 'active',
            evidence: { value: '2019-05', precision: 'month', qualifier: 'on' },
          },
        ],
        total: 1,
      },
    };
    const lists = initialLists();
    lists[1] = { ...lists[1]!, pending: summary };
    const fake = services({}, lists);
    render(<OptionsApp services={fake} />);
    const newsroom = within(await card('Newsroom list'));
    expect(newsroom.getByRole('heading', { name: 'What this update changes' })).toBeTruthy();
    expect(newsroom.getByText(/^OKEx: Blocked → Still active \(reported by May 2019\)$/)).toBeTruthy();
    expect(newsroom.getByText('<b>Crypto Wire</b> (Suspended)')).toBeTruthy();
    fireEvent.click(newsroom.getByRole('button', { name: 'Install version 2.0.0' }));
    expect(await screen.findByText('Newsroom list: installed version 2.0.0.')).toBeTruthy();
    expect(fake.applyPending).toHaveBeenCalledWith('u-1');
    fireEvent.click(within(await card('Newsroom list')).getByRole('button', { name: 'Cancel' }));
    expect(await screen.findByText(/^Nothing was installed/)).toBeTruthy();
    expect(fake.discardPending).toHaveBeenCalledWith('u-1');
  });

  it('lists a list’s change history when opened, and exports it', async () => {
    const summary = { fromVersion: '1.1.0', toVersion: '2.0.0' } as ChangeSummary;
    const fake = services({
      history: async () => [
        {
          at: '2026-11-26T10:00:00Z',
          origin: { kind: 'bundled' },
          summary: {
            ...summary,
            counts: {
              accounts: { before: 9, after: 10 },
              organisations: { before: 5, after: 5 },
              events: { before: 9, after: 9 },
              reports: { before: 5, after: 5 },
            },
            accountsAdded: { items: [], total: 1 },
            accountsRemoved: { items: [], total: 0 },
            organisationsAdded: { items: [], total: 0 },
            organisationsRemoved: { items: [], total: 0 },
            statusChanges: { items: [], total: 1 },
          },
        },
      ],
    });
    render(<OptionsApp services={fake} />);
    const bundled = await card('Takedown Lens seed data');
    const details = bundled.querySelector('details.list-history') as HTMLDetailsElement;
    details.open = true;
    fireEvent(details, new Event('toggle'));
    expect(await within(bundled).findByText(/1\.1\.0 → 2\.0\.0 · 1 added, 0 removed, 1 status changes/)).toBeTruthy();
    fireEvent.click(within(bundled).getByRole('button', { name: 'Export the history as JSON' }));
    expect(fake.download).toHaveBeenCalledWith(
      expect.objectContaining({
        filename: 'takedown-lens-bundled-history.json',
        text: expect.stringContaining('"2.0.0"'),
      }),
    );
  });
});

describe('adding a list', () => {
  it('subscribes by URL after asking for permission, and refuses an insecure address before any download', async () => {
    const fake = services();
    render(<OptionsApp services={fake} />);
    const url = await screen.findByRole('textbox', { name: 'Dataset URL' });
    fireEvent.input(url, { target: { value: 'http://data.example/x.json' } });
    fireEvent.click(screen.getByRole('button', { name: 'Subscribe' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Only https:\/\//);
    expect(fake.subscribe).not.toHaveBeenCalled();
    fireEvent.input(url, { target: { value: 'https://weibo.example/list.json' } });
    fireEvent.input(screen.getByRole('textbox', { name: 'Title (optional)' }), { target: { value: 'Weibo watch' } });
    fireEvent.click(screen.getByRole('button', { name: 'Subscribe' }));
    expect(await screen.findByText('Weibo watch: installed version 4.0.0.')).toBeTruthy();
    expect(fake.requestHostPermission).toHaveBeenCalledWith('https://weibo.example/list.json');
    expect(fake.subscribe).toHaveBeenCalledWith('https://weibo.example/list.json', 'Weibo watch', '');
  });

  it('asks before subscribing from a link, and fetches nothing when told no', async () => {
    const request = { url: 'https://weibo.example/list.json', title: 'Weibo <b>watch</b>' };
    const fake = services({ subscribeRequest: () => request });
    const { unmount } = render(<OptionsApp services={fake} />);
    await screen.findByRole('heading', { name: 'Subscribe to this list?' });
    expect(screen.getByTestId('subscribe-title').textContent).toBe('Weibo <b>watch</b>');
    expect(screen.getByTestId('subscribe-url').textContent).toBe('https://weibo.example/list.json');
    expect(fake.subscribe).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(await screen.findByText('Not subscribed; nothing was downloaded.')).toBeTruthy();
    expect(fake.subscribe).not.toHaveBeenCalled();
    unmount();
    const yes = services({ subscribeRequest: () => request });
    render(<OptionsApp services={yes} />);
    const prompt = await screen.findByRole('region', { name: 'Subscribe to this list?' });
    fireEvent.click(within(prompt).getByRole('button', { name: 'Subscribe' }));
    await waitFor(() => expect(yes.subscribe).toHaveBeenCalledWith(request.url, request.title, ''));
    expect(yes.clearSubscribeRequest).toHaveBeenCalled();
  });

  it('adds a list from a file', async () => {
    const fake = services();
    render(<OptionsApp services={fake} />);
    const input = (await screen.findByLabelText('Add a list from a file (JSON)')) as HTMLInputElement;
    const file = new File([JSON.stringify(tinyDataset('3.0.0'))], 'team.json', { type: 'application/json' });
    fireEvent.change(input, { target: { files: [file] } });
    expect(await screen.findByText('team.json: installed version 3.0.0.')).toBeTruthy();
    expect(fake.importFile).toHaveBeenCalledWith(undefined, file, { kind: 'file', name: 'team.json' }, false);
  });
});

describe('a signed list', () => {
  const KEY_A = `ed25519:${'A'.repeat(43)}=`;
  const KEY_B = `ed25519:${'B'.repeat(43)}=`;

  it('shows the typed key’s fingerprint, or says it is not a key', async () => {
    render(<OptionsApp services={services()} />);
    const panel = within((await screen.findByRole('region', { name: 'Add a list' })) as HTMLElement);
    await panel.findByText('No key: updates are not checked for a signature.');
    const field = panel.getByRole('textbox', { name: /public key/ });
    fireEvent.input(field, { target: { value: KEY_A } });
    await panel.findByText(/Fingerprint: fp-AAAA\./);
    fireEvent.input(field, { target: { value: 'ed25519:nope' } });
    await panel.findByText(/A public key is “ed25519:”/);
  });

  it('changes a list’s key only after a warning the reader accepts', async () => {
    const lists = initialLists();
    lists[1] = { ...lists[1]!, key: KEY_A, fingerprint: 'fp-AAAA' };
    const confirm = vi.fn(() => false);
    const fake = services({ confirm }, lists);
    render(<OptionsApp services={fake} />);
    const newsroom = within(await card('Newsroom list'));
    expect(newsroom.getByText('fp-AAAA')).toBeTruthy();
    const field = newsroom.getByRole('textbox', { name: /public key/ });
    fireEvent.input(field, { target: { value: KEY_B } });
    const save = newsroom.getByRole('button', { name: 'Save the key' }) as HTMLButtonElement;
    await waitFor(() => expect(save.disabled).toBe(false));
    fireEvent.click(save);
    expect(await screen.findByText('Nothing changed: the list keeps its key.')).toBeTruthy();
    expect(confirm).toHaveBeenCalledWith(
      expect.stringMatching(/^Warning: the list’s key changes from fp-AAAA to fp-BBBB/),
    );
    expect(fake.setList).not.toHaveBeenCalled();
    confirm.mockReturnValue(true);
    fireEvent.input(within(await card('Newsroom list')).getByRole('textbox', { name: /public key/ }), {
      target: { value: KEY_B },
    });
    const again = within(await card('Newsroom list')).getByRole('button', {
      name: 'Save the key',
    }) as HTMLButtonElement;
    await waitFor(() => expect(again.disabled).toBe(false));
    fireEvent.click(again);
    expect(await screen.findByText('Saved the signing key of Newsroom list.')).toBeTruthy();
    expect(fake.setList).toHaveBeenCalledWith('u-1', { key: KEY_B });
  });
});

describe('marking settings and shortcuts', () => {
  it('changes marking settings: off, statuses and sites', async () => {
    const fake = services();
    render(<OptionsApp services={fake} />);
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Mark tracked accounts on web pages' }));
    await waitFor(() => expect(fake.saveSettings).toHaveBeenCalledWith({ markingEnabled: false }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Still active' }));
    await waitFor(() =>
      expect(fake.saveSettings).toHaveBeenCalledWith({
        markedStatuses: ['blocked', 'suspended', 'restricted', 'deleted', 'unknown'],
      }),
    );
    fireEvent.input(screen.getByRole('textbox', { name: /Add a site/ }), {
      target: { value: 'https://www.Example.com/page' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Turn off marking there' }));
    expect(await screen.findByText('example.com')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Mark accounts on example.com again' }));
    await waitFor(() => expect(fake.saveSettings).toHaveBeenLastCalledWith({ disabledSites: [] }));
  });

  it('lists each shortcut as the browser has it, and says when one is not set', async () => {
    render(<OptionsApp services={services()} />);
    await screen.findByRole('heading', { name: 'Keyboard shortcuts' });
    expect(screen.getByText('Alt+Shift+L').localName).toBe('kbd');
    expect(screen.getByText('Go to the next mark on the page')).toBeTruthy();
    expect(screen.getByText('not set')).toBeTruthy();
  });
});

describe('My list', () => {
  const mine = (): Dataset => ({
    ...tinyDataset('0.0.3'),
    organisations: [{ id: 'org-1', name: 'Example Group', kind: 'company', aliases: [], websites: [] }],
  });

  it('lists what My list holds, and deletes a record only when confirmed', async () => {
    const confirm = vi.fn(() => false);
    const fake = services({ myList: async () => mine(), confirm });
    render(<OptionsApp services={fake} />);
    const panel = within((await screen.findByRole('region', { name: 'My list' })) as HTMLElement);
    await panel.findByText('Example Wire');
    expect(panel.getByText('Example Group')).toBeTruthy();
    fireEvent.click(panel.getByRole('button', { name: 'Delete Example Wire' }));
    expect(await screen.findByText('Kept Example Wire.')).toBeTruthy();
    expect(fake.deleteMine).not.toHaveBeenCalled();
    confirm.mockReturnValue(true);
    fireEvent.click(panel.getByRole('button', { name: 'Delete Example Wire' }));
    expect(await screen.findByText('Deleted Example Wire from My list.')).toBeTruthy();
    expect(fake.deleteMine).toHaveBeenCalledWith('account', 'example-wire');
  });

  it('tracks a new account with what happened and its report, in one form', async () => {
    const fake = services();
    render(<OptionsApp services={fake} />);
    const panel = within((await screen.findByRole('region', { name: 'My list' })) as HTMLElement);
    fireEvent.click(panel.getByRole('button', { name: 'Track an account' }));
    const form = within((await panel.findByRole('form', { name: 'Track an account' })) as HTMLElement);
    fireEvent.input(form.getByLabelText('Name'), { target: { value: 'Weibo Wire' } });
    fireEvent.change(form.getByLabelText('Platform'), { target: { value: 'weibo' } });
    fireEvent.change(form.getByLabelText('Status'), { target: { value: 'suspended' } });
    fireEvent.change(form.getByLabelText('What happened'), { target: { value: 'suspended' } });
    fireEvent.input(form.getByLabelText('When'), { target: { value: '2020-01' } });
    fireEvent.change(form.getAllByLabelText('Precision')[1]!, { target: { value: 'month' } });
    fireEvent.input(form.getByLabelText('Summary, in your words'), { target: { value: 'Suspended on Weibo.' } });
    fireEvent.input(form.getByLabelText('Title'), { target: { value: 'A newsroom report' } });
    fireEvent.input(form.getByLabelText('Published'), { target: { value: '2020-01-10' } });
    fireEvent.input(form.getByLabelText('Address (optional)'), { target: { value: 'https://news.example/a' } });
    fireEvent.click(form.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Saved in My list; it marks pages now.')).toBeTruthy();
    expect(fake.saveMine).toHaveBeenCalledWith({
      kind: 'account',
      record: expect.objectContaining({ name: 'Weibo Wire', platform: 'weibo', status: 'suspended' }),
      evidence: {
        event: expect.objectContaining({
          action: 'suspended',
          date: { value: '2020-01', precision: 'month', qualifier: 'on' },
          summary: 'Suspended on Weibo.',
        }),
        reports: [
          expect.objectContaining({
            title: 'A newsroom report',
            url: 'https://news.example/a',
            published: { value: '2020-01-10', precision: 'day', qualifier: 'on' },
          }),
        ],
      },
    });
    await waitFor(() => expect(screen.queryByRole('form')).toBeNull());
  });

  it('shows what the list format refuses beside each field, in the interface language, and keeps the form', async () => {
    const fake = services({
      saveMine: vi.fn(async () => ({
        problems: [
          { field: 'account.name', key: 'formHintName' as const },
          { field: 'report0.url', key: 'formHintUrl' as const },
        ],
      })),
    });
    render(<OptionsApp services={fake} />);
    const panel = within((await screen.findByRole('region', { name: 'My list' })) as HTMLElement);
    fireEvent.click(panel.getByRole('button', { name: 'Track an account' }));
    const form = within((await panel.findByRole('form', { name: 'Track an account' })) as HTMLElement);
    fireEvent.input(form.getByLabelText('Name'), { target: { value: 'the' } });
    fireEvent.click(form.getByRole('button', { name: 'Save' }));
    expect((await screen.findAllByRole('alert')).map((alert) => alert.textContent)).toContain(
      'Not saved: fix the fields marked in the form.',
    );
    const name = form.getByLabelText('Name');
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(name.getAttribute('aria-describedby')!.split(' ')[0]!)?.textContent).toMatch(
      /^A name needs at least one letter/,
    );
    expect(form.getByLabelText('Address (optional)').getAttribute('aria-invalid')).toBe('true');
    expect(form.getByLabelText('Platform').getAttribute('aria-invalid')).toBeNull();
  });

  it('edits an event with its report, the form filled in from My list', async () => {
    const fake = services({ myList: async () => mine() });
    render(<OptionsApp services={fake} />);
    const panel = within((await screen.findByRole('region', { name: 'My list' })) as HTMLElement);
    fireEvent.click(await panel.findByRole('button', { name: /^Edit Suspended/ }));
    const form = within((await panel.findByRole('form', { name: 'Edit the event' })) as HTMLElement);
    expect((form.getByLabelText('Summary, in your words') as HTMLTextAreaElement).value).toBe('Suspended.');
    expect((form.getByLabelText('Title') as HTMLInputElement).value).toBe('A report');
    expect((form.getByRole('checkbox', { name: 'Example Wire' }) as HTMLInputElement).checked).toBe(true);
    fireEvent.input(form.getByLabelText('Summary, in your words'), { target: { value: 'Suspended for a month.' } });
    fireEvent.click(form.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(fake.saveMine).toHaveBeenCalledWith({
        kind: 'event',
        record: expect.objectContaining({ id: 'e-1', summary: 'Suspended for a month.', accountIds: ['example-wire'] }),
        reports: [expect.objectContaining({ id: 'r-1', title: 'A report' })],
      }),
    );
  });

  it('opens the form the popup asked for, with the name filled in', async () => {
    render(<OptionsApp services={services({ formRequest: () => ({ kind: 'account', name: 'Crypto Wire' }) })} />);
    const form = within((await screen.findByRole('form', { name: 'Track an account' })) as HTMLElement);
    expect((form.getByLabelText('Name') as HTMLInputElement).value).toBe('Crypto Wire');
  });
});
