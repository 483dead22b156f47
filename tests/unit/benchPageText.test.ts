import { describe, expect, it } from 'vitest';
import { atLeast, visibleText } from '../../bench/pageText';

describe('bench page text', () => {
  it('keeps what the content script reads: body text, not comments, head, scripts or styles', () => {
    const html = `<html><head><title>标题</title><style>p{}</style></head>
      <body><!--[if !IE]>|xGv00|3d36f9f3e0f060add30b9b285e75c8be<![endif]--><p>币安&nbsp;被封</p>
      <script>var x = "<b>no</b>";</script><noscript>no</noscript><template>no</template><p>A &amp; B</p></body></html>`;
    expect(visibleText(html).trim()).toBe('币安 被封 A & B');
  });

  it('repeats text to at least the asked size in UTF-8 bytes', () => {
    const text = atLeast('金色财经', 100);
    expect(Buffer.byteLength(text)).toBeGreaterThanOrEqual(100);
    expect(text.startsWith('金色财经 金色财经')).toBe(true);
  });
});
