// What an attacker in control of a content script would ask for, one request of every type only the extension's
// own pages may send (typed by the protocol, so a new privileged type must be added here).
import type { ExtensionPageRequests, RequestOf } from '../../lib/protocol';

export const PRIVILEGED_REQUESTS: { [K in keyof ExtensionPageRequests]: RequestOf<K> } = {
  'matcher:info': undefined,
  'accounts:search': { query: 'okex' },
  'accounts:summaries': { ids: ['bundled/okex-wechat'] },
  'organisations:search': { query: 'okex' },
  'link:lookup': { url: 'https://www.okex.com/' },
  'lists:get': undefined,
  'lists:inUse': undefined,
  'list:subscribe': { url: 'http://127.0.0.1:9/attacker.json', title: 'The official list' },
  'list:set': { list: 'bundled', enabled: false },
  'list:remove': { list: 'mine' },
  'list:update': { list: 'bundled', confirmed: true },
  'lists:updateAll': undefined,
  // A content script cannot put a file where the background takes it from; it can only guess a key.
  'list:import': { upload: '00000000-0000-4000-8000-000000000000', origin: { kind: 'bundled' }, confirmed: true },
  'list:apply': { list: 'bundled' },
  'list:discard': { list: 'bundled' },
  'list:history': { list: 'bundled' },
  'list:rollback': { list: 'bundled' },
  'note:set': { id: 'bundled/okex-wechat', text: 'not blocked' },
  'sightings:of': { key: 'account:bundled/okex-wechat' },
  'sightings:count': undefined,
  'sightings:export': { format: 'json' },
  'sightings:clear': undefined,
  'mine:save': { kind: 'organisation', record: { name: 'the', kind: 'company', aliases: [], websites: [] } as never },
  'mine:delete': { kind: 'account', id: 'account-00000000' },
  'list:export': { format: 'json' },
  'tab:found': { tabId: 1 },
  'settings:get': undefined,
  'settings:save': { markingEnabled: false, disabledSites: ['127.0.0.1'], sightingsEnabled: true },
};
