// Generated datasets for benchmarks: N accounts with about three names each (a Latin name, a Chinese name and a
// handle) and a domain, deterministic for a given size so runs compare.
import type { DatasetInput } from '../lib/dataset/schema';

export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = 'ka ro mi ten vo lux zen qua bit ora nex fin dao chain coin mint tor vel sar ium pha lin ex'.split(
  ' ',
);
const WORDS = ['News', 'Daily', 'Capital', 'Labs', 'Exchange', 'Media', 'Research', 'Wallet', 'Pool', 'Times'];
const HAN = '金色财经链币火区块交易所数字资产新闻日报研究矿池钱包深度观察前沿科技投资分析社区中文快讯行情网络世界未来';

export interface SyntheticAccountNames {
  name: string;
  chinese: string;
  handle: string;
}

export function syntheticDataset(size: number, seed = 42): { dataset: DatasetInput; names: SyntheticAccountNames[] } {
  const random = mulberry32(seed + size);
  const pick = <T>(list: readonly T[] | string): T => list[Math.floor(random() * list.length)] as T;
  const word = () => {
    let text = '';
    const count = 2 + Math.floor(random() * 2);
    for (let i = 0; i < count; i++) text += pick(SYLLABLES);
    return text[0]!.toUpperCase() + text.slice(1);
  };
  const names: SyntheticAccountNames[] = [];
  const accounts: DatasetInput['accounts'] = [];
  for (let i = 0; i < size; i++) {
    const name = `${word()} ${pick(WORDS)} ${i.toString(36)}`;
    let chinese = '';
    for (let c = 0, n = 3 + Math.floor(random() * 3); c < n; c++) chinese += pick(HAN);
    chinese += i.toString(36);
    const handle = `${word().toLowerCase()}_${i.toString(36)}`;
    names.push({ name, chinese, handle });
    accounts.push({
      id: `acct-${i}`,
      platform: 'wechat',
      name,
      aliases: [{ text: chinese, lang: 'zh-Hans' }],
      handle,
      category: 'media',
      status: i % 7 === 0 ? 'active' : 'blocked',
      // A WeChat __biz per account (schema version 2 keeps domains for organisations and website accounts).
      links: [{ kind: 'wechat-biz', value: `MzA${i.toString(36).padStart(6, '0')}==` }],
    });
  }
  return {
    names,
    dataset: {
      schemaVersion: 2,
      datasetVersion: '2.0.0',
      generatedAt: '2026-11-21T00:00:00Z',
      source: { name: `synthetic ${size}` },
      organisations: [],
      accounts,
      // One event per 1,000 accounts: the format caps the accounts one event may name.
      events: Array.from({ length: Math.ceil(size / 1000) }, (_, chunk) => ({
        id: `e-synthetic-${chunk}`,
        action: 'blocked' as const,
        accountIds: accounts.slice(chunk * 1000, chunk * 1000 + 1000).map((account) => account.id),
        date: { value: '2020-01', precision: 'month' as const },
        summary: 'Synthetic event for benchmarks.',
        reportIds: ['r-synthetic'],
      })),
      reports: [
        {
          id: 'r-synthetic',
          title: 'Synthetic report',
          publisher: null,
          published: { value: '2020-01', precision: 'month' },
          language: 'en',
          summary: 'Synthetic.',
        },
      ],
    },
  };
}
