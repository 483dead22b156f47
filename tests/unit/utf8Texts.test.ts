// Texts kept as UTF-8 bytes (a stored matcher's ids, handles and link keys): the same texts back, their lengths as
// TextEncoder counts them, and their order as strings of code points.
import { describe, expect, it } from 'vitest';
import { compareAt, joinUtf8, textAt, utf8Length } from '../../lib/text/utf8Texts';

const SAMPLES = [
  '',
  'jinse',
  'bundled/okex-wechat',
  '金色财经',
  'Café ümlaut',
  'line\nbreak',
  '😀 emoji',
  '\uffff\ue000',
  'lone \ud800 lead',
  'lone \udc00 trail',
  'ends with a lead \ud83d',
];

describe('UTF-8 texts', () => {
  it('counts bytes as TextEncoder writes them, lone surrogates included', () => {
    const encoder = new TextEncoder();
    for (const text of SAMPLES) expect(utf8Length(text)).toBe(encoder.encode(text).length);
  });

  it('gives each text back, across the pieces it is encoded in', () => {
    const parts = Array.from({ length: 10_000 }, (_, i) => SAMPLES[i % SAMPLES.length]! + String(i));
    const texts = joinUtf8(parts);
    expect(texts.starts).toHaveLength(parts.length + 1);
    expect(texts.starts[parts.length]).toBe(texts.bytes.length);
    // Lone surrogates come back as U+FFFD, as TextDecoder gives them; every other text as it was.
    const decoded = (text: string) => new TextDecoder().decode(new TextEncoder().encode(text));
    parts.forEach((part, index) => expect(textAt(texts, index)).toBe(decoded(part)));
    expect(textAt(joinUtf8(['', 'a', '']), 2)).toBe('');
  });

  it('compares a text with wanted bytes as code points compare', () => {
    const wellFormed = SAMPLES.filter((text) => !/lone|lead/.test(text));
    const texts = joinUtf8(wellFormed);
    const codePoints = (text: string) => [...text].map((c) => c.codePointAt(0)!);
    const order = (a: string, b: string) => {
      const [x, y] = [codePoints(a), codePoints(b)];
      for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return Math.sign(x[i]! - y[i]!);
      return Math.sign(x.length - y.length);
    };
    wellFormed.forEach((text, index) => {
      for (const other of wellFormed) {
        expect(Math.sign(compareAt(texts, index, new TextEncoder().encode(other)))).toBe(order(text, other));
      }
    });
  });
});
