// What an attacker in control of a content script would ask for, one request of every type only the extension's
// own pages may send (typed by the protocol, so a new privileged type must be added here).
import { readFileSync } from 'node:fs';
import type { ExtensionPageRequests, RequestOf } from '../../lib/protocol';

/** The attack from the issue: a list that claims to be the bundled one and marks "the" and "and" as blocked. */
function forgedList(): string {
  const data = JSON.parse(readFileSync('data/takedowns.json', 'utf8'));
  data.datasetVersion = '99.0.0';
  data.accounts[0].name = 'the';
  data.accounts[0].aliases = [{ text: 'and' }];
  return JSON.stringify(data);
}

export const PRIVILEGED_REQUESTS: { [K in keyof ExtensionPageRequests]: RequestOf<K> } = {
  'dataset:info': undefined,
  'matcher:info': undefined,
  'accounts:search': { query: 'okex' },
  'accounts:summaries': { ids: ['okex-wechat'] },
  'organisations:search': { query: 'okex' },
  'link:lookup': { url: 'https://www.okex.com/' },
  'dataset:import': { text: forgedList(), origin: { kind: 'bundled' }, confirmed: true },
  'dataset:refresh': { url: 'http://127.0.0.1:9/attacker.json', confirmed: true },
  'dataset:apply': undefined,
  'dataset:discard': undefined,
  'history:list': undefined,
  'dataset:rollback': undefined,
  'dataset:reset': undefined,
  'dataset:export': undefined,
  'dataset:previous': undefined,
  'refresh:state': undefined,
  'tab:found': { tabId: 1 },
  'settings:get': undefined,
  'settings:save': { refreshUrl: 'http://127.0.0.1:9/attacker.json', refreshSchedule: 'daily' },
};
