import { describe, expect, it } from 'vitest';
import { collectTargets } from '../../extension/content/pageScope';
import { tagLink, wrapTextMarks } from '../../extension/content/wrapMarks';

function paragraph(html: string): HTMLElement {
  document.body.innerHTML = html;
  return document.body.firstElementChild as HTMLElement;
}

describe('wrapTextMarks', () => {
  it('wraps each range and keeps the text exactly as it was', () => {
    const p = paragraph('<p>OKEx and Huobi News were blocked</p>');
    const text = p.firstChild as Text;
    const { made, pieces } = wrapTextMarks(text, [
      { start: 0, end: 4, accountId: 'okex-wechat', status: 'blocked' },
      { start: 9, end: 19, accountId: 'huobi-news', status: 'active' },
    ]);
    expect(p.textContent).toBe('OKEx and Huobi News were blocked');
    expect(
      made.map((m) => [m.localName, m.textContent, m.dataset.tdlAccount, m.dataset.tdlStatus, m.tabIndex]),
    ).toEqual([
      ['tdl-mark', 'OKEx', 'okex-wechat', 'blocked', 0],
      ['tdl-mark', 'Huobi News', 'huobi-news', 'active', 0],
    ]);
    expect(pieces.map((piece) => piece.data)).toEqual([' and ', ' were blocked']);
    expect(made[0]!.shadowRoot).not.toBeNull();
    expect(made[0]!.getAttribute('role')).toBe('button');
    expect(made[0]!.getAttribute('aria-label')).toBe('OKEx: Blocked (Takedown Lens)');
  });

  it('refuses ranges that overlap or run past the text, changing nothing', () => {
    const p = paragraph('<p>OKEx</p>');
    const result = wrapTextMarks(p.firstChild as Text, [
      { start: 0, end: 3, accountId: 'a', status: 'blocked' },
      { start: 2, end: 4, accountId: 'b', status: 'blocked' },
    ]);
    expect(result.made).toEqual([]);
    expect(wrapTextMarks(p.firstChild as Text, [{ start: 0, end: 9, accountId: 'a', status: 'blocked' }]).made).toEqual(
      [],
    );
    expect(p.innerHTML).toBe('OKEx');
  });

  it('does not make marks inside links focusable', () => {
    const p = paragraph('<p><a href="https://example.com/">OKEx</a></p>');
    const { made } = wrapTextMarks(p.querySelector('a')!.firstChild as Text, [
      { start: 0, end: 4, accountId: 'okex-wechat', status: 'blocked' },
    ]);
    expect(made[0]!.hasAttribute('tabindex')).toBe(false);
  });

  it('tags links with the public attributes and styles their root once', () => {
    paragraph('<p><a id="a" href="https://okex.com/">a</a><a id="b" href="https://okex.com/x">b</a></p>');
    tagLink(document.getElementById('a') as HTMLAnchorElement, { accountId: 'okex-wechat', status: 'blocked' });
    tagLink(document.getElementById('b') as HTMLAnchorElement, { accountId: 'okex-wechat', status: 'blocked' });
    expect(document.getElementById('a')!.getAttribute('data-tdl-status')).toBe('blocked');
    expect(document.querySelectorAll('style[data-tdl-style]').length).toBe(1);
  });
});

describe('collectTargets', () => {
  it('skips scripts, styles, form fields and editable regions, and resumes where it stopped', () => {
    document.body.innerHTML = `<p>first text</p><script>no script</script><textarea>no area</textarea>
      <div contenteditable="true"><p>no editor</p></div><p>second text</p><p>third text</p>`;
    const done = new Set<Node>();
    const first = collectTargets(document.body, (node) => done.has(node), 15);
    expect(first.texts.map((t) => t.data)).toEqual(['first text', 'second text']);
    const rest = collectTargets(document.body, (node) => done.has(node), 1_000, first.next!);
    expect(rest.texts.map((t) => t.data)).toEqual(['third text']);
    expect(rest.next).toBeNull();
  });
});

describe('PageMarker.unmarkAll', () => {
  it('puts the page back as one text node per original text', async () => {
    const { PageMarker } = await import('../../extension/content/pageMarker');
    document.body.innerHTML = '<p id="p">WeChat ID antminersale, OKEx and Huobi News</p>';
    const controller = new AbortController();
    const marker = new PageMarker(document, {
      signal: controller.signal,
      reportFound: () => undefined,
      match: async ({ texts }) => ({
        texts: texts.map(() => [
          { start: 10, end: 22, accountId: 'a', status: 'blocked' as const },
          { start: 24, end: 28, accountId: 'b', status: 'blocked' as const },
          { start: 33, end: 43, accountId: 'c', status: 'active' as const },
        ]),
        links: [],
      }),
    });
    marker.start();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await marker.idle;
    const p = document.getElementById('p')!;
    expect(p.querySelectorAll('tdl-mark').length).toBe(3);
    expect(marker.foundAccountIds()).toEqual(['a', 'b', 'c']);
    marker.unmarkAll();
    expect(p.childNodes.length).toBe(1);
    expect(p.textContent).toBe('WeChat ID antminersale, OKEx and Huobi News');
    controller.abort();
  });
});
