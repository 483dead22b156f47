// Arbitrary DOM trees at the page marker (happy-dom): nested elements and open shadow roots, deep nesting, huge
// text, and storms of changes. Whatever the page, it reads as it would without the extension, nothing throws out
// of the marker, and it settles within a bound.
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PageMarker } from '../../extension/content/pageMarker';
import { textOutsideSkipped } from '../../extension/content/pageScope';
import { collectRuns } from '../../extension/content/textRuns';
import type { PageMatchRequest, PageMatchResponse } from '../../lib/protocol';
import { fakeMatch } from './fakePageMatcher';

type Tree =
  | { kind: 'text'; text: string }
  | { kind: 'element'; tag: string; children: Tree[] }
  | { kind: 'shadow'; children: Tree[] };

const TAGS = ['div', 'p', 'span', 'b', 'a', 'li', 'script', 'style', 'textarea', 'button', 'h2', 'td'];
const WORDS = ['Huobi News', 'OKEx', 'Delphy', 'Huobi ', 'Del', 'phy', ' ', '\n', 'the', '金色财经', '\u200B'];

const text = fc.oneof(
  fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 5 }).map((parts) => parts.join('')),
  fc.string({ unit: 'binary', maxLength: 12 }),
);
const { tree } = fc.letrec<{ tree: Tree }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    text.map((value): Tree => ({ kind: 'text', text: value })),
    fc.record({
      kind: fc.constant('element' as const),
      tag: fc.constantFrom(...TAGS),
      children: fc.array(tie('tree'), { maxLength: 4 }),
    }),
    fc.record({ kind: fc.constant('shadow' as const), children: fc.array(tie('tree'), { maxLength: 3 }) }),
  ),
}));

/** Builds a tree under `parent`; returns its nodes in order (what a page script would hold references to). */
function build(parent: Node, node: Tree, nodes: Node[]): void {
  const doc = parent.ownerDocument ?? (parent as Document);
  if (node.kind === 'text') {
    nodes.push(parent.appendChild(doc.createTextNode(node.text)));
    return;
  }
  const element = doc.createElement(node.kind === 'shadow' ? 'div' : node.tag);
  if (node.kind === 'element' && node.tag === 'a') element.setAttribute('href', 'https://example.com/');
  parent.appendChild(element);
  nodes.push(element);
  const into = node.kind === 'shadow' ? element.attachShadow({ mode: 'open' }) : element;
  for (const child of node.children) build(into, child, nodes);
}

/** The text under a node, read without recursion (happy-dom's textContent recurses, and pages nest deep). */
function textUnder(root: Node): string {
  let text = '';
  let node: Node | null = root.firstChild;
  while (node && node !== root) {
    if (node.nodeType === Node.TEXT_NODE) text += (node as Text).data;
    if (node.firstChild) node = node.firstChild;
    else {
      while (node && node !== root && !node.nextSibling) node = node.parentNode;
      node = node && node !== root ? node.nextSibling : null;
    }
  }
  return text;
}

/** The text a reader gets, open shadow roots included, as one string per root in document order. */
function readable(root: ParentNode): string[] {
  const texts = [textUnder(root as Node)];
  for (const element of root.querySelectorAll('*')) if (element.shadowRoot) texts.push(...readable(element.shadowRoot));
  return texts;
}

type Change = { op: 'set' | 'append' | 'remove' | 'insert'; at: number; text: string };
const change = fc.record({
  op: fc.constantFrom('set' as const, 'append' as const, 'remove' as const, 'insert' as const),
  at: fc.nat(),
  text,
});

/** A change a page script makes to its own nodes (the same change on the page with and without the marker). */
function apply(nodes: Node[], { op, at, text: value }: Change): void {
  const node = nodes[at % nodes.length];
  if (!node) return;
  if (op === 'set' && node.nodeType === Node.TEXT_NODE) node.nodeValue = value;
  else if (op === 'append' && node.nodeType === Node.ELEMENT_NODE)
    node.appendChild(node.ownerDocument!.createTextNode(value));
  else if (op === 'remove') node.parentNode?.removeChild(node);
  else if (op === 'insert' && node.parentNode)
    node.parentNode.insertBefore(node.ownerDocument!.createTextNode(value), node);
}

const controllers: AbortController[] = [];
afterEach(() => {
  for (const controller of controllers.splice(0)) controller.abort();
  document.body.innerHTML = '';
});

async function markAndSettle(match: (request: PageMatchRequest) => Promise<PageMatchResponse>) {
  const controller = new AbortController();
  controllers.push(controller);
  const marker = new PageMarker(document, {
    signal: controller.signal,
    reportFound: () => undefined,
    match,
    mutationDelayMs: 0,
    limits: { minRunGapMs: 0 },
  });
  marker.start();
  const settle = async () => {
    for (let i = 0; i < 4; i++) {
      await new Promise((resolve) => setTimeout(resolve, 2));
      await marker.idle;
    }
  };
  await settle();
  return { marker, controller, settle };
}

/** Half the time the background fails now and then, as a restarting one does. */
function matcher(flaky: boolean) {
  const match = fakeMatch();
  let calls = 0;
  return async (request: PageMatchRequest) => {
    if (flaky && ++calls % 3 === 0) throw new Error('background restarting');
    return match(request);
  };
}

describe('the page marker, fuzzed', () => {
  it('leaves any page reading as it would without the extension, through any changes', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await fc.assert(
      fc.asyncProperty(
        fc.array(tree, { minLength: 1, maxLength: 5 }),
        fc.array(change, { maxLength: 12 }),
        fc.boolean(),
        async (trees, changes, flaky) => {
          document.body.innerHTML = '';
          const page = document.createElement('main');
          const twin = document.createElement('main'); // the same page, never in the document: not marked
          const pageNodes: Node[] = [];
          const twinNodes: Node[] = [];
          for (const t of trees) {
            build(page, t, pageNodes);
            build(twin, t, twinNodes);
          }
          document.body.appendChild(page);
          const started = performance.now();
          const { settle, controller } = await markAndSettle(matcher(flaky));
          expect(readable(page)).toEqual(readable(twin));
          for (const step of changes) {
            apply(pageNodes, step);
            apply(twinNodes, step);
          }
          await settle();
          expect(readable(page)).toEqual(readable(twin));
          expect(performance.now() - started).toBeLessThan(5_000);
          controller.abort();
        },
      ),
      { numRuns: 150 },
    );
  }, 60_000);

  it('handles 2,000 levels of nesting and a 2,000,000-character text node', async () => {
    let inner: HTMLElement = document.body;
    for (let depth = 0; depth < 2_000; depth++) inner = inner.appendChild(document.createElement('span'));
    inner.textContent = 'deep down, Delphy';
    const huge = document.body.appendChild(document.createElement('p'));
    huge.textContent = `Delphy ${'x'.repeat(2_000_000)}`;
    const requests: PageMatchRequest[] = [];
    const before = textUnder(document.body);
    const started = performance.now();
    await markAndSettle(fakeMatch(requests));
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(textUnder(document.body)).toBe(before);
    expect(inner.querySelector('[data-tdl-match]')?.textContent).toBe('Delphy');
    expect(huge.querySelector('[data-tdl-match]')).toBeNull();
    expect(Math.max(...requests.flatMap((request) => request.texts).map((t) => t.length))).toBeLessThan(1_000_000);
  });

  it('reads every run inside the text of the quick look (property)', () => {
    fc.assert(
      fc.property(fc.array(tree, { maxLength: 6 }), (trees) => {
        const root = document.createElement('div');
        document.body.replaceChildren(root);
        for (const node of trees) build(root, node, []);
        const look = textOutsideSkipped(root);
        const source = { isDone: () => false, isOurs: () => false, textOf: (node: Text) => node.data };
        const { runs } = collectRuns(root, { ...source, maxChars: Infinity, maxItems: Infinity });
        for (const run of runs) expect(look).toContain(run.text);
      }),
      { numRuns: 500 },
    );
  });
});
