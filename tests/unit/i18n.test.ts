import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatPartialDate } from '../../lib/dataset/formatPartialDate';
import { en } from '../../lib/i18n/en';
import { catalogueTranslator } from '../../lib/i18n/translate';
import { zhCN } from '../../lib/i18n/zhCN';

const placeholders = (text: string) => [...text.matchAll(/\$\d/g)].map((m) => m[0]).sort();

describe('interface languages', () => {
  it('gives every Chinese message the same substitutions as the English one', () => {
    for (const key of Object.keys(en) as Array<keyof typeof en>) {
      expect(placeholders(zhCN[key]), key).toEqual(placeholders(en[key]));
    }
  });

  it('ships _locales for English, Simplified and Traditional Chinese with every key', () => {
    for (const locale of ['en', 'zh_CN', 'zh_TW']) {
      const messages = JSON.parse(readFileSync(`public/_locales/${locale}/messages.json`, 'utf8'));
      expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
    }
    const tw = JSON.parse(readFileSync('public/_locales/zh_TW/messages.json', 'utf8'));
    expect(tw.popupTimeline.message).toBe('時間線');
    expect(tw.popupDatasetLine.placeholders.p1.content).toBe('$1');
  });

  it('formats dates for the locale, keeping their precision and qualifier', () => {
    const zh = catalogueTranslator(zhCN);
    expect(formatPartialDate({ value: '2018-03', precision: 'month', qualifier: 'on' }, 'zh-CN', zh)).toBe('2018年3月');
    expect(formatPartialDate({ value: '2018-03-06', precision: 'day', qualifier: 'on-or-before' }, 'zh-CN', zh)).toBe(
      '不晚于2018年3月6日',
    );
    expect(formatPartialDate({ value: '2018', precision: 'year', qualifier: 'about' }, 'zh-CN', zh)).toBe('约2018年');
    expect(formatPartialDate({ value: '2018-03', precision: 'month', qualifier: 'on' }, 'en-GB')).toBe('March 2018');
    expect(formatPartialDate({ value: '2018-08-22', precision: 'day', qualifier: 'on-or-before' }, 'en-GB')).toBe(
      'by 22 August 2018',
    );
  });

  it('falls back to English and substitutes in order', () => {
    const english = catalogueTranslator(en);
    expect(english('popupDatasetLine', '1.0.0', 9, 8, 5)).toBe('Dataset 1.0.0: 9 accounts, 8 events, 5 reports.');
    expect(catalogueTranslator(zhCN)('popupDatasetLine', '1.0.0', 9, 8, 5)).toBe(
      '数据集 1.0.0：9 个账号、8 个事件、5 篇报道。',
    );
  });
});
