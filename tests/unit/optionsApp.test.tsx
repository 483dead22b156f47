import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { OptionsApp, type OptionsServices } from '../../components/options/OptionsApp';
import type { ChangeSummary } from '../../lib/changeSummary';
import type { DatasetInfo, InstallOutcome } from '../../lib/protocol';
import { defaultSettings, type Settings } from '../../lib/settings';
import { tinyDataset, validBundled } from './datasetFixtures';

const info = (version: string, origin: DatasetInfo['origin'] = { kind: 'bundled' }): DatasetInfo => ({
  schemaVersion: 1,
  datasetVersion: version,
  generatedAt: '2026-11-21T00:00:00Z',
  source: validBundled().source,
  origin,
  importedAt: '2026-11-21T01:00:00Z',
  counts: { accounts: 9, events: 8, reports: 5 },
});

function services(overrides: Partial<OptionsServices> = {}, saved: Partial<Settings> = {}) {
  let settings: Settings = { ...defaultSettings('https://data.example/takedowns.json'), ...saved };
  const fake: OptionsServices = {
    datasetInfo: async () => info('1.0.0'),
    previousInfo: async () => info('0.9.0'),
    refreshState: async () => ({
      lastAttempt: {
        at: '2026-11-20T10:00:00Z',
        url: 'https://data.example/takedowns.json',
        outcome: 'failed',
        message: 'The server answered 500.',
      },
    }),
    refreshProgress: async () => ({
      url: 'https://data.example/takedowns.json',
      received: 1_500_000,
      total: 3_000_000,
    }),
    watch: () => () => undefined,
    refresh: vi.fn(async (): Promise<InstallOutcome> => ({ kind: 'installed', info: info('2.0.0') })),
    importText: vi.fn(async (): Promise<InstallOutcome> => ({ kind: 'installed', info: info('3.0.0') })),
    exportDataset: async () => tinyDataset('1.0.0'),
    rollBack: vi.fn(async () => info('0.9.0')),
    reset: vi.fn(async () => info('1.0.0')),
    loadSettings: async () => settings,
    saveSettings: vi.fn(async (patch: Partial<Settings>) => (settings = { ...settings, ...patch })),
    requestHostPermission: vi.fn(async () => true),
    confirm: vi.fn(() => true),
    download: vi.fn(),
    applyPending: vi.fn(async (): Promise<InstallOutcome> => ({ kind: 'installed', info: info('2.0.0') })),
    discardPending: vi.fn(async () => undefined),
    history: async () => [],
    fingerprint: async (key: string) => (/^ed25519:[A-Za-z0-9+/]{43}=$/.test(key) ? `fp-${key.slice(8, 12)}` : null),
    shortcuts: async () => [
      { name: '_execute_action', description: 'Open Takedown Lens', shortcut: 'Alt+Shift+L' },
      { name: 'next-mark', description: 'Go to the next mark on the page', shortcut: '' },
    ],
    ...overrides,
  };
  return fake;
}

describe('OptionsApp', () => {
  it('describes the installed dataset, the last refresh attempt and a download in progress', async () => {
    render(<OptionsApp services={services()} />);
    expect((await screen.findByTestId('dataset-version')).textContent).toBe('1.0.0');
    expect(screen.getByText('9 accounts, 8 events, 5 reports')).toBeTruthy();
    expect(screen.getByText(/the dataset bundled with the extension/)).toBeTruthy();
    expect(await screen.findByText(/The server answered 500\./)).toBeTruthy();
    expect(screen.getByText(/Downloading… 1\.50 MB of 3\.00 MB/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Roll back to 0.9.0' })).toBeTruthy();
  });

  it('asks for permission for the URL, then updates', async () => {
    const fake = services();
    render(<OptionsApp services={fake} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Update now' }));
    expect(await screen.findByText('Installed dataset 2.0.0.')).toBeTruthy();
    expect(fake.requestHostPermission).toHaveBeenCalledWith('https://data.example/takedowns.json');
    expect(fake.refresh).toHaveBeenCalledWith('https://data.example/takedowns.json', false);
  });

  it('refuses an insecure URL and a denied permission before any download', async () => {
    const fake = services({ requestHostPermission: vi.fn(async () => false) });
    render(<OptionsApp services={fake} />);
    const field = await screen.findByRole('textbox', { name: 'Dataset URL' });
    fireEvent.input(field, { target: { value: 'http://data.example/x.json' } });
    fireEvent.click(screen.getByRole('button', { name: 'Update now' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Only https:\/\//);
    fireEvent.input(field, { target: { value: 'https://data.example/x.json' } });
    fireEvent.click(screen.getByRole('button', { name: 'Update now' }));
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toMatch(
        /Permission to download from https:\/\/data\.example was not granted/,
      ),
    );
    expect(fake.refresh).not.toHaveBeenCalled();
  });

  it('shows a refused download with its reason', async () => {
    const fake = services({
      refresh: vi.fn(async () => {
        throw new Error(
          'The dataset was refused; the installed one is unchanged.\n$.accounts[0].name: expected string',
        );
      }),
    });
    render(<OptionsApp services={fake} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Update now' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/\$\.accounts\[0\]\.name: expected string/);
  });

  it('asks before installing an older dataset, and keeps the installed one when told no', async () => {
    const refresh = vi.fn(async (_url: string, confirmed: boolean): Promise<InstallOutcome> =>
      confirmed ? { kind: 'installed', info: info('0.5.0') } : { kind: 'older', installed: '1.0.0', offered: '0.5.0' },
    );
    const no = services({ refresh, confirm: vi.fn(() => false) });
    const { unmount } = render(<OptionsApp services={no} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Update now' }));
    expect(await screen.findByText('Kept dataset 1.0.0; the older 0.5.0 was not installed.')).toBeTruthy();
    expect(refresh).toHaveBeenCalledTimes(1);
    unmount();
    const yes = services({ refresh });
    render(<OptionsApp services={yes} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Update now' }));
    expect(await screen.findByText('Installed dataset 0.5.0.')).toBeTruthy();
    expect(yes.confirm).toHaveBeenCalledWith(expect.stringMatching(/older than the installed one/));
  });

  it('imports a file, rolls back, resets and exports', async () => {
    const fake = services();
    render(<OptionsApp services={fake} />);
    const input = (await screen.findByLabelText('Dataset file (JSON)')) as HTMLInputElement;
    const file = new File([JSON.stringify(tinyDataset('3.0.0'))], 'mine.json', { type: 'application/json' });
    fireEvent.change(input, { target: { files: [file] } });
    expect(await screen.findByText('Installed dataset 3.0.0.')).toBeTruthy();
    expect(fake.importText).toHaveBeenCalledWith(
      expect.stringContaining('"3.0.0"'),
      { kind: 'file', name: 'mine.json' },
      false,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Roll back to 0.9.0' }));
    expect(await screen.findByText('Rolled back to dataset 0.9.0.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Reset to the bundled dataset' }));
    expect(await screen.findByText('Reset to the bundled dataset 1.0.0.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Export as JSON' }));
    await waitFor(() =>
      expect(fake.download).toHaveBeenCalledWith('takedown-lens-1.0.0.json', expect.stringContaining('"example-wire"')),
    );
  });

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
});

describe('keyboard shortcuts', () => {
  it('lists each shortcut as the browser has it, and says when one is not set', async () => {
    render(<OptionsApp services={services()} />);
    await screen.findByRole('heading', { name: 'Keyboard shortcuts' });
    expect(screen.getByText('Alt+Shift+L').localName).toBe('kbd');
    expect(screen.getByText('Go to the next mark on the page')).toBeTruthy();
    expect(screen.getByText('not set')).toBeTruthy();
  });
});

describe('a signed list', () => {
  const KEY_A = `ed25519:${'A'.repeat(43)}=`;
  const KEY_B = `ed25519:${'B'.repeat(43)}=`;

  it('shows the typed key’s fingerprint, or says it is not a key', async () => {
    render(<OptionsApp services={services()} />);
    await screen.findByText('No key: updates are not checked for a signature.');
    const field = screen.getByRole('textbox', { name: /public key/ });
    fireEvent.input(field, { target: { value: KEY_A } });
    await screen.findByText(/Fingerprint: fp-AAAA\./);
    fireEvent.input(field, { target: { value: 'ed25519:nope' } });
    await screen.findByText(/A public key is “ed25519:”/);
  });

  it('changes the key only after a warning the reader accepts', async () => {
    const confirm = vi.fn(() => false);
    const fake = services({ confirm }, { refreshKey: KEY_A });
    render(<OptionsApp services={fake} />);
    const field = await screen.findByRole('textbox', { name: /public key/ });
    await waitFor(() => expect((field as HTMLInputElement).value).toBe(KEY_A));
    fireEvent.input(field, { target: { value: KEY_B } });
    fireEvent.click(screen.getByRole('button', { name: 'Update now' }));
    expect(await screen.findByText('Nothing changed: the list keeps its key.')).toBeTruthy();
    expect(confirm).toHaveBeenCalledWith(
      expect.stringMatching(/^Warning: the list’s key changes from fp-AAAA to fp-BBBB/),
    );
    expect(fake.refresh).not.toHaveBeenCalled();
    expect((field as HTMLInputElement).value).toBe(KEY_A);

    confirm.mockReturnValue(true);
    fireEvent.input(field, { target: { value: KEY_B } });
    fireEvent.click(screen.getByRole('button', { name: 'Update now' }));
    expect(await screen.findByText('Installed dataset 2.0.0.')).toBeTruthy();
    expect(fake.saveSettings).toHaveBeenCalledWith({
      refreshUrl: 'https://data.example/takedowns.json',
      refreshKey: KEY_B,
    });
  });
});

describe('what an update changes', () => {
  const summary: ChangeSummary = {
    fromVersion: '1.1.0',
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

  it('shows what a started update changes, installs it only when confirmed, or drops it', async () => {
    const fake = services({ refresh: vi.fn(async (): Promise<InstallOutcome> => ({ kind: 'review', summary })) });
    render(<OptionsApp services={fake} />);
    fireEvent.click(await screen.findByRole('button', { name: 'Update now' }));
    await screen.findByText(/^Version 2\.0\.0 is checked and not installed yet/);
    await screen.findByRole('heading', { name: 'What this update changes' });
    expect(screen.getByText('Version 1.1.0 → 2.0.0')).toBeTruthy();
    expect(screen.getByText(/^OKEx: Blocked → Still active \(reported by May 2019\)$/)).toBeTruthy();
    expect(screen.getByText('<b>Crypto Wire</b> (Suspended)')).toBeTruthy();
    expect(fake.applyPending).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Install version 2.0.0' }));
    expect(await screen.findByText('Installed dataset 2.0.0.')).toBeTruthy();
    expect(fake.applyPending).toHaveBeenCalledTimes(1);

    fireEvent.click(screen.getByRole('button', { name: 'Update now' }));
    await screen.findByText(/^Version 2\.0\.0 is checked/);
    fireEvent.click(await screen.findByRole('button', { name: 'Cancel' }));
    expect(await screen.findByText(/^Nothing was installed/)).toBeTruthy();
    expect(fake.discardPending).toHaveBeenCalledTimes(1);
  });

  it('lists installed updates in the change history and exports it', async () => {
    const fake = services({
      history: async () => [{ at: '2026-11-26T10:00:00Z', origin: { kind: 'bundled' }, summary }],
    });
    render(<OptionsApp services={fake} />);
    await screen.findByRole('heading', { name: 'Change history' });
    expect(await screen.findByText(/1\.1\.0 → 2\.0\.0 · 1 added, 0 removed, 1 status changes/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Export the history as JSON' }));
    await waitFor(() =>
      expect(fake.download).toHaveBeenCalledWith(
        'takedown-lens-history.json',
        expect.stringContaining('"toVersion": "2.0.0"'),
      ),
    );
  });
});
