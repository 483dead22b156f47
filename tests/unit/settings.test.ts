import { describe, expect, it } from 'vitest';
import {
  completeSettings,
  defaultSettings,
  isMarkingOn,
  legacyRefreshOf,
  originPattern,
  refreshUrlProblem,
  siteOf,
} from '../../lib/settings';

describe('settings rules', () => {
  it('reads a site from what a user types', () => {
    expect(siteOf('https://www.Example.com/page?x=1')).toBe('example.com');
    expect(siteOf(' news.example.org ')).toBe('news.example.org');
    expect(siteOf('')).toBeNull();
    expect(siteOf('not a site at all')).toBeNull();
  });

  it('turns marking off on a site and its subdomains, and everywhere when disabled', () => {
    const settings = { ...defaultSettings(), disabledSites: ['example.com'] };
    expect(isMarkingOn(settings, 'example.com')).toBe(false);
    expect(isMarkingOn(settings, 'www.example.com')).toBe(false);
    expect(isMarkingOn(settings, 'news.example.com')).toBe(false);
    expect(isMarkingOn(settings, 'notexample.com')).toBe(true);
    expect(isMarkingOn({ ...settings, markingEnabled: false }, 'other.org')).toBe(false);
  });

  it('allows https, and http only on this machine', () => {
    expect(refreshUrlProblem('https://data.example/x.json')).toBeNull();
    expect(refreshUrlProblem('http://127.0.0.1:8080/x.json')).toBeNull();
    expect(refreshUrlProblem('http://localhost/x.json')).toBeNull();
    expect(refreshUrlProblem('http://data.example/x.json')).toEqual({ key: 'urlHttpsOnly', params: [] });
    expect(refreshUrlProblem('ftp://data.example/x.json')).toEqual({ key: 'urlScheme', params: ['ftp:'] });
    expect(refreshUrlProblem('data.example')).toEqual({ key: 'urlNotUrl', params: [] });
    expect(originPattern('https://data.example:8443/a/b.json')).toBe('https://data.example/*');
  });

  it('repairs stored settings that are partial or wrong, and drops what lists keep now', () => {
    const repaired = completeSettings(
      { markingEnabled: 'yes', markedStatuses: ['blocked', 'bogus'], refreshUrl: 'https://d.example/' },
      defaultSettings(),
    );
    expect(repaired).toEqual({ ...defaultSettings(), markedStatuses: ['blocked'] });
  });

  it('reads the one list’s address, key and schedule from settings written before lists, moved or not', () => {
    const v1 = {
      markingEnabled: true,
      refreshUrl: 'https://d.example/a.json',
      refreshKey: 'k',
      refreshSchedule: 'weekly',
    };
    expect(legacyRefreshOf(v1)).toEqual({ url: 'https://d.example/a.json', key: 'k', schedule: 'weekly' });
    expect(
      legacyRefreshOf({
        markingEnabled: true,
        legacy: { url: 'https://d.example/a.json', key: '', schedule: 'daily' },
      }),
    ).toEqual({
      url: 'https://d.example/a.json',
      key: '',
      schedule: 'daily',
    });
    expect(legacyRefreshOf({ markingEnabled: true })).toBeNull();
    expect(legacyRefreshOf('junk')).toBeNull();
    expect(legacyRefreshOf({ refreshUrl: 7, refreshSchedule: 'hourly', refreshKey: 'x' })).toEqual({
      url: '',
      key: 'x',
      schedule: 'off',
    });
  });
});
