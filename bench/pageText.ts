// Realistic page text for benchmarks: the visible text of real news pages (English and Chinese) from a folder of
// saved HTML pages, or this project's own fixture and demo pages when none is given.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface PageTexts {
  english: string;
  chinese: string;
  source: string;
}

/** What the content script sees: the body's text, without comments, scripts, styles and templates. */
export function visibleText(html: string): string {
  return html
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<head[\s>][\s\S]*?<\/head>/gi, ' ')
    .replace(/<(script|style|noscript|template)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&[a-z#0-9]+;/gi, ' ')
    .replace(/\s+/g, ' ');
}

/** Valid UTF-8 is read as UTF-8 (saved copies often keep a stale charset, such as qq.html's gb2312); else the declared one. */
function decode(buffer: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    const head = buffer.subarray(0, 2048).toString('latin1');
    const charset = /charset=["']?([\w-]+)/i.exec(head)?.[1]?.toLowerCase();
    return new TextDecoder(charset === 'gb2312' || charset === 'gbk' ? 'gb18030' : (charset ?? 'utf-8')).decode(buffer);
  }
}

export function loadPageTexts(folder: string | undefined): PageTexts {
  const dirs = folder && existsSync(folder) ? [folder] : ['tests/fixtures', 'demo'];
  let english = '';
  let chinese = '';
  for (const dir of dirs) {
    for (const file of readdirSync(dir)
      .filter((name) => name.endsWith('.html'))
      .sort()) {
      const text = visibleText(decode(readFileSync(path.join(dir, file))));
      const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
      if (han > text.length * 0.2) chinese += text + ' ';
      else english += text + ' ';
    }
  }
  return { english, chinese, source: dirs.join(', ') };
}

/** Repeats text until it is at least `bytes` UTF-8 bytes long. */
export function atLeast(text: string, bytes: number): string {
  if (!text) return text;
  const copies = Math.ceil(bytes / (Buffer.byteLength(text) + 1));
  return Array.from({ length: copies }, () => text).join(' ');
}
