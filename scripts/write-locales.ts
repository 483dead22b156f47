// `npm run i18n` writes public/_locales/{en,zh_CN,zh_TW}/messages.json from the catalogues in lib/i18n
// (zh_TW converted from zh_CN by OpenCC); `--check` fails when the committed files are stale.
import path from 'node:path';
import * as OpenCC from 'opencc-js';
import { en, type Catalogue } from '../lib/i18n/en';
import { zhCN } from '../lib/i18n/zhCN';
import { writeOrCheck } from './support/generatedFile';

const toTraditional = OpenCC.Converter({ from: 'cn', to: 'twp' });
const zhTW = {
  ...(Object.fromEntries(Object.entries(zhCN).map(([key, text]) => [key, toTraditional(text)])) as Catalogue),
  // The language of the messages themselves, for dates worded beside them.
  catalogueLocale: 'zh-TW',
};

/** Chrome and Firefox substitute $1… through named placeholders. */
function messagesJson(catalogue: Catalogue): string {
  const out: Record<string, { message: string; placeholders?: Record<string, { content: string }> }> = {};
  for (const [key, text] of Object.entries(catalogue)) {
    const digits = [...new Set([...text.matchAll(/\$(\d)/g)].map((match) => match[1]!))];
    out[key] = { message: text.replace(/\$(\d)/g, '$$P$1$$') };
    if (digits.length > 0) {
      out[key].placeholders = Object.fromEntries(digits.map((digit) => [`p${digit}`, { content: `$${digit}` }]));
    }
  }
  return JSON.stringify(out, null, 2) + '\n';
}

const files: Record<string, string> = { en: messagesJson(en), zh_CN: messagesJson(zhCN), zh_TW: messagesJson(zhTW) };
let fresh = true;
for (const [locale, text] of Object.entries(files)) {
  fresh = writeOrCheck(path.join('public/_locales', locale, 'messages.json'), text, 'npm run i18n') && fresh;
}
process.exit(fresh ? 0 : 1);
