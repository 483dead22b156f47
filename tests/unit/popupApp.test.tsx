import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { PopupApp, type PopupServices } from '../../components/popup/PopupApp';
import type { AccountSummary, ListsInUse, TabFindings } from '../../lib/protocol';
import { defaultSettings, type Settings } from '../../lib/settings';
import { validBundled } from './datasetFixtures';

const data = validBundled();
const summary = (id: string): AccountSummary => {
  const { name, platform, handle, organisationId, status, statusSince } = data.accounts.find((a) => a.id === id)!;
  const organisation = data.organisations.find((o) => o.id === organisationId)?.name;
  return { id, name, platform, handle, organisation, status, statusSince };
};

function services(overrides: Partial<PopupServices> = {}, findings?: TabFindings) {
  let settings: Settings = defaultSettings();
  const fake: PopupServices = {
    activeTabId: async () => 3,
    tabFindings: async () =>
      findings ?? {
        hostname: 'www.news.example',
        accounts: [{ account: summary('jinse'), reports: data.reports.slice(2, 3) }],
        organisations: [],
      },
    search: vi.fn(async (query: string) => (/jin|金/i.test(query) ? [summary('jinse')] : [])),
    searchOrganisations: async (query: string) =>
      data.organisations
        .filter((organisation) => organisation.name.toLowerCase().includes(query.toLowerCase()))
        .map(({ id, name, kind }) => ({ id, name, kind })),
    lookUpLink: async (url: string) =>
      url.includes('okex.com')
        ? { kind: 'organisation' as const, organisation: { id: 'okex', name: 'OKEx', kind: 'exchange' as const } }
        : null,
    details: async (id) => ({
      account: data.accounts.find((a) => a.id === id)!,
      organisation: data.organisations.find((o) => o.id === data.accounts.find((a) => a.id === id)!.organisationId),
      events: data.events.filter((e) => e.accountIds.includes(id)),
      reports: data.reports.filter((r) => r.id.startsWith('r-2018-08')),
    }),
    organisation: async (id) => {
      const organisation = data.organisations.find((o) => o.id === id);
      if (!organisation) return null;
      const accounts = data.accounts.filter((a) => a.organisationId === id).map((a) => summary(a.id));
      return { organisation, accounts };
    },
    listsInUse: async () => ({ lists: 1, counts: { accounts: 9, events: 8, reports: 5 } }),
    loadSettings: async () => settings,
    saveSettings: vi.fn(async (patch: Partial<Settings>) => (settings = { ...settings, ...patch })),
    openOptions: vi.fn(),
    reportCorrection: vi.fn(async () => undefined),
    openOptionsAt: vi.fn(),
    sightings: async () => [],
    saveNote: vi.fn(async () => undefined),
    ...overrides,
  };
  return fake;
}

describe('PopupApp', () => {
  it('lists the accounts found on this tab first, with status, date and reports', async () => {
    render(<PopupApp services={services()} />);
    expect(await screen.findByText('Jinse Caijing')).toBeTruthy();
    expect(screen.getByText('On this page (www.news.example)')).toBeTruthy();
    expect(screen.getByText('Blocked')).toBeTruthy();
    expect(screen.getByText(/by 22 August 2018/)).toBeTruthy();
    expect(screen.getByText('WeChat bans crypto accounts')).toBeTruthy();
    expect(await screen.findByText('1 lists in use: 9 accounts, 8 events, 5 reports.')).toBeTruthy();
  });

  it('shows the lists last counted at once, then the background’s count, which nothing replaces', async () => {
    let answer!: (inUse: ListsInUse) => void;
    const fake = services({
      listsInUse: () => new Promise<ListsInUse>((resolve) => (answer = resolve)),
      knownListsInUse: async () => ({ lists: 2, counts: { accounts: 1000000, events: 8, reports: 5 } }),
    });
    render(<PopupApp services={fake} />);
    // The background has not answered (a stopped one is starting): the count kept in session storage shows.
    expect(await screen.findByText('2 lists in use: 1,000,000 accounts, 8 events, 5 reports.')).toBeTruthy();
    answer({ lists: 1, counts: { accounts: 9, events: 8, reports: 5 } });
    expect(await screen.findByText('1 lists in use: 9 accounts, 8 events, 5 reports.')).toBeTruthy();
    // The background first, the kept count late: the background's stays.
    const late = services({
      knownListsInUse: () =>
        new Promise((resolve) =>
          setTimeout(() => resolve({ lists: 3, counts: { accounts: 3, events: 3, reports: 3 } }), 30),
        ),
    });
    render(<PopupApp services={late} />);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(screen.queryByText(/3 lists in use/)).toBeNull();
  });

  it('searches as you type, Chinese included, and says what to do when nothing matches', async () => {
    const fake = services();
    render(<PopupApp services={fake} />);
    const box = await screen.findByRole('searchbox');
    fireEvent.input(box, { target: { value: '金色' } });
    await screen.findByText('Search results');
    expect(await screen.findByRole('button', { name: /Jinse Caijing/ })).toBeTruthy();
    fireEvent.input(box, { target: { value: 'nothing like it' } });
    expect(await screen.findByText(/No account matches “nothing like it”/)).toBeTruthy();
    expect(fake.search).toHaveBeenCalledWith('金色');
    // Nothing found: the reader can track it in My list, the name filled in.
    fireEvent.click(screen.getByRole('button', { name: 'Track an account' }));
    expect(fake.openOptionsAt).toHaveBeenCalledWith('mine-track=nothing%20like%20it');
  });

  it('keeps the reader’s note on an account, and lists where it was seen', async () => {
    const fake = services({
      sightings: async () => [{ url: 'https://news.example/a', title: 'A <b>story</b>', at: '2026-11-20T10:00:00Z' }],
    });
    render(<PopupApp services={fake} />);
    fireEvent.click(await screen.findByRole('button', { name: /Jinse Caijing/ }));
    await screen.findByRole('heading', { name: 'Seen on' });
    expect(screen.getByRole('link', { name: 'A <b>story</b>' }).getAttribute('href')).toBe('https://news.example/a');
    fireEvent.input(screen.getByLabelText(/Your note on this account/), { target: { value: 'Ask Jinse again' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save the note' }));
    expect(await screen.findByText('Note saved.')).toBeTruthy();
    expect(fake.saveNote).toHaveBeenCalledWith('jinse', 'Ask Jinse again');
  });

  it('opens an account with its timeline and every report, and goes back', async () => {
    render(<PopupApp services={services()} />);
    fireEvent.click(await screen.findByRole('button', { name: /Jinse Caijing/ }));
    expect(await screen.findByRole('heading', { name: 'Jinse Caijing' })).toBeTruthy();
    expect(screen.getByText('Timeline')).toBeTruthy();
    expect(screen.getByText('by WeChat (Tencent), Cyberspace Administration of China')).toBeTruthy();
    expect(screen.getByText(/Also known as: Jinse, 金色财经/)).toBeTruthy();
    expect(screen.getAllByText(/— (AtoZ Markets|publisher not named),/).length).toBe(2);
    fireEvent.click(screen.getByRole('button', { name: /Back/ }));
    expect(await screen.findByText('On this page (www.news.example)')).toBeTruthy();
  });

  it('turns marking off and on for this site', async () => {
    const fake = services();
    render(<PopupApp services={fake} />);
    const box = (await screen.findByRole('checkbox', { name: 'Mark accounts on news.example' })) as HTMLInputElement;
    expect(box.checked).toBe(true);
    fireEvent.click(box);
    await waitFor(() => expect(fake.saveSettings).toHaveBeenCalledWith({ disabledSites: ['news.example'] }));
    expect(await screen.findByText(/Marking is off on this site/)).toBeTruthy();
    fireEvent.click(screen.getByRole('checkbox'));
    await waitFor(() => expect(fake.saveSettings).toHaveBeenLastCalledWith({ disabledSites: [] }));
  });

  it('has empty states for a page with nothing and a page it does not run on', async () => {
    const { unmount } = render(
      <PopupApp services={services({}, { hostname: 'a.example', accounts: [], organisations: [] })} />,
    );
    expect(await screen.findByText(/No tracked accounts are mentioned on this page/)).toBeTruthy();
    unmount();
    render(<PopupApp services={services({}, { hostname: null, accounts: [], organisations: [] })} />);
    expect(await screen.findByText(/does not run on this page/)).toBeTruthy();
  });

  it('opens the options page', async () => {
    const fake = services();
    render(<PopupApp services={fake} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Options' }));
    expect(fake.openOptions).toHaveBeenCalled();
  });

  it('lists organisations named on the tab apart from accounts, and opens an organisation with its dated accounts', async () => {
    const findings: TabFindings = {
      hostname: 'news.example',
      accounts: [],
      organisations: [
        {
          organisation: { id: 'okex', name: 'OKEx', kind: 'exchange' },
          accounts: [
            { ...summary('okex-wechat'), evidence: { value: '2018-03-06', precision: 'day', qualifier: 'on' } },
          ],
        },
      ],
    };
    render(<PopupApp services={services({}, findings)} />);
    expect(await screen.findByText('Organisations named here')).toBeTruthy();
    expect(screen.getByText('Latest report we hold: 6 March 2018. No later report.', { exact: false })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /^OKEx Exchange/ }));
    expect(await screen.findByRole('heading', { name: 'OKEx' })).toBeTruthy();
    expect(screen.getByText(/An organisation, not an account/)).toBeTruthy();
    expect(screen.getByText(/Official websites: okex\.com/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /OKEx WeChat/ }));
    expect(await screen.findByRole('button', { name: 'Organisation: OKEx' })).toBeTruthy();
  });
});

describe('look-up from the context menu', () => {
  it('starts with the selected text searched, organisations included', async () => {
    render(<PopupApp services={services()} lookUp={{ query: 'OKEx' }} />);
    await screen.findByRole('heading', { name: 'Organisations' });
    expect((screen.getByRole('searchbox') as HTMLInputElement).value).toBe('OKEx');
    fireEvent.click(screen.getByRole('button', { name: /^OKEx/ }));
    await screen.findByRole('heading', { name: 'OKEx' });
  });

  it('says what a link belongs to, or that nothing tracked has it', async () => {
    const { unmount } = render(<PopupApp services={services()} lookUp={{ link: 'https://www.okex.com/markets' }} />);
    await screen.findByRole('heading', { name: 'This link' });
    expect(await screen.findByRole('button', { name: /^OKEx/ })).toBeTruthy();
    expect(screen.getByText('https://www.okex.com/markets')).toBeTruthy();
    unmount();
    render(<PopupApp services={services()} lookUp={{ link: 'https://example.com/' }} />);
    await screen.findByText('No tracked account or organisation has this link.');
  });
});
