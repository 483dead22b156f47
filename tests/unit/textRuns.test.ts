import { describe, expect, it } from 'vitest';
import { blockOf, collectRuns, piecesOf, type RunSource } from '../../extension/content/textRuns';

function source(overrides: Partial<RunSource> = {}): RunSource {
  return {
    isDone: () => false,
    isOurs: () => false,
    textOf: (node) => node.data,
    maxChars: 100_000,
    maxItems: 1_000,
    ...overrides,
  };
}

describe('collectRuns', () => {
  it('joins text across inline elements and maps run offsets back to each text node', () => {
    document.body.innerHTML =
      '<p>The <b>Huobi</b> News account and Huo<span>bi</span> News, <a href="/x">Jinse</a> Caijing</p>';
    const { runs, links } = collectRuns(document.body, source());
    expect(runs.map((run) => run.text)).toEqual(['The Huobi News account and Huobi News, Jinse Caijing']);
    const run = runs[0]!;
    const at = run.text.indexOf('Huobi News');
    expect(piecesOf(run, at, at + 10).map((piece) => [piece.node.data, piece.start, piece.end])).toEqual([
      ['Huobi', 0, 5],
      [' News account and Huo', 0, 5],
    ]);
    const second = run.text.indexOf('Huobi News', at + 1);
    expect(piecesOf(run, second, second + 10).map((piece) => piece.node.data.slice(piece.start, piece.end))).toEqual([
      'Huo',
      'bi',
      ' News',
    ]);
    expect(links.map((link) => link.textContent)).toEqual(['Jinse']);
  });

  it('never joins across blocks, line breaks, form controls or skipped elements', () => {
    document.body.innerHTML = `<div>Huobi<div>News</div>Huobi</div><p>Huobi<br>News</p><p>Huobi<img alt="">News</p>
      <p>Huo<script>x</script>bi</p><ul><li>Huobi</li><li>News</li></ul><p>Huobi<my-widget>News</my-widget></p>`;
    const texts = collectRuns(document.body, source()).runs.map((run) => run.text);
    expect(texts).not.toContain('Huobi News');
    expect(texts).not.toContain('HuobiNews');
    expect(texts).toEqual([
      'Huobi',
      'News',
      'Huobi',
      'Huobi',
      'News',
      'Huobi',
      'News',
      'Huo',
      'bi',
      'Huobi',
      'News',
      'Huobi',
      'News',
    ]);
  });

  it('skips scripts, form fields and editable regions, and resumes at a run boundary', () => {
    document.body.innerHTML = `<p>first text</p><script>no script</script><textarea>no area</textarea>
      <div contenteditable="true"><p>no editor</p></div><p>second <i>text</i></p><p>third text</p>`;
    const first = collectRuns(document.body, source({ maxChars: 15 }));
    expect(first.runs.map((run) => run.text)).toEqual(['first text', 'second text']);
    const rest = collectRuns(document.body, source(), first.next!);
    expect(rest.runs.map((run) => run.text)).toEqual(['third text']);
    expect(rest.next).toBeNull();
  });

  it('stops by count as well as by size', () => {
    document.body.innerHTML = Array.from({ length: 10 }, (_, i) => `<p>text ${i}</p>`).join('');
    const first = collectRuns(document.body, source({ maxItems: 4 }));
    expect(first.runs.length).toBe(4);
    const rest = collectRuns(document.body, source(), first.next!);
    expect(rest.runs.map((run) => run.text)).toEqual(['text 4', 'text 5', 'text 6', 'text 7', 'text 8', 'text 9']);
  });

  it('sends a run whole when any of its nodes is new, and skips runs that are all done', () => {
    document.body.innerHTML = '<p>Huobi <b>News</b></p><p>old text</p>';
    const done = new Set<Node>(
      [document.querySelector('b')!.firstChild!, ...document.querySelectorAll('p')].flatMap((node) =>
        node instanceof Element ? [...node.childNodes] : [node],
      ),
    );
    done.delete(document.querySelector('p')!.firstChild!);
    const { runs } = collectRuns(document.body, source({ isDone: (node) => done.has(node) }));
    expect(runs.map((run) => run.text)).toEqual(['Huobi News']);
  });

  it("reads a split node's page text and leaves our own nodes out", () => {
    document.body.innerHTML = '<p>The <span id="ours">OKEx</span> account</p>';
    const page = document.querySelector('p')!.firstChild as Text;
    const ours = new Set<Node>([document.getElementById('ours')!, document.querySelector('p')!.lastChild!]);
    const { runs } = collectRuns(
      document.body,
      source({ isOurs: (node) => ours.has(node), textOf: (node) => (node === page ? 'The OKEx account' : node.data) }),
    );
    expect(runs.map((run) => run.text)).toEqual(['The OKEx account']);
    expect(runs[0]!.segments.length).toBe(1);
  });

  it('finds the block a node belongs to', () => {
    document.body.innerHTML = '<div><p id="p">a <b><i>deep</i></b> text</p></div>';
    expect(blockOf(document.querySelector('i')!.firstChild!)).toBe(document.getElementById('p'));
    expect(blockOf(document.getElementById('p')!)).toBe(document.getElementById('p'));
  });
});
