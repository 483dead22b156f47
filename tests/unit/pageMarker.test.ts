// The marker on a live DOM (happy-dom): marks across inline elements, and a page that rewrites, removes, moves or
// replaces text the extension marked reads exactly as it would without the extension, with no stale mark.
import { describe, expect, it } from 'vitest';
import { PageMarker } from '../../extension/content/pageMarker';
import type { PageMatchRequest } from '../../lib/protocol';
import { fakeMatch } from './fakePageMatcher';
import { startMarker } from './markerHarness';

async function settle(marker: PageMarker): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    await marker.idle;
  }
}

const marksIn = (root: ParentNode) => Array.from(root.querySelectorAll('[data-tdl-match]'), (el) => el.textContent);

describe('PageMarker', () => {
  it('marks a name split across inline elements as one mark with one tab stop', async () => {
    document.body.innerHTML = '<p id="p">The <b>Huobi</b> News account</p>';
    const { marker } = startMarker();
    await settle(marker);
    const p = document.getElementById('p')!;
    expect(marksIn(p)).toEqual(['Huobi', ' News']);
    expect(p.textContent).toBe('The Huobi News account');
    const pieces = [...p.querySelectorAll<HTMLElement>('[data-tdl-account]')];
    expect(pieces.map((piece) => piece.tabIndex)).toEqual([0, -1]);
    expect(pieces[0]!.getAttribute('aria-label')).toBe('Huobi News');
    expect(marker.found()).toEqual(['account:huobi-news']);
  });

  it('leaves the page its own text node in place: it keeps the text before the mark', async () => {
    document.body.innerHTML = '<p id="p">Before OKEx after</p>';
    const original = document.getElementById('p')!.firstChild as Text;
    const { marker } = startMarker();
    await settle(marker);
    expect(original.parentNode).toBe(document.getElementById('p'));
    expect(original.data).toBe('Before ');
    expect(document.getElementById('p')!.firstChild).toBe(original);
  });

  it('a page that sets nodeValue on its marked node reads exactly its new text, and the mark follows', async () => {
    document.body.innerHTML = '<p id="p">Update: The WeChat account Huobi News was closed. End.</p>';
    const node = document.getElementById('p')!.firstChild as Text;
    const { marker } = startMarker();
    await settle(marker);
    expect(marksIn(document.body)).toEqual(['Huobi News']);
    node.nodeValue = 'Update: Apple is the company in this story. End.';
    await Promise.resolve();
    expect(document.getElementById('p')!.textContent).toBe('Update: Apple is the company in this story. End.');
    expect(document.getElementById('p')!.childNodes.length).toBe(1);
    await settle(marker);
    expect(marksIn(document.body)).toEqual([]);
    node.nodeValue = 'Now OKEx again.';
    await settle(marker);
    expect(marksIn(document.body)).toEqual(['OKEx']);
    expect(document.getElementById('p')!.textContent).toBe('Now OKEx again.');
  });

  it('a page that removes a node beside its marked node and sets the marked one keeps the text it set (found by fuzzing)', async () => {
    const p = document.createElement('p');
    const empty = p.appendChild(document.createTextNode(''));
    const node = p.appendChild(document.createTextNode('Huobi News'));
    document.body.replaceChildren(p);
    const { marker } = startMarker();
    await settle(marker);
    expect(marksIn(p)).toEqual(['Huobi News']);
    // Two records in one batch: the removal beside the split comes first, then the text change.
    p.removeChild(empty);
    node.nodeValue = 'Gone';
    await settle(marker);
    expect(p.textContent).toBe('Gone');
    expect(marksIn(p)).toEqual([]);
  });

  it('a page that removes its own marked node succeeds, and no mark is left behind', async () => {
    document.body.innerHTML = '<p id="p">Delphy was blocked</p><p>other</p>';
    const p = document.getElementById('p')!;
    const node = p.firstChild as Text;
    const { marker } = startMarker();
    await settle(marker);
    expect(marksIn(p)).toEqual(['Delphy']);
    p.removeChild(node);
    await Promise.resolve();
    expect(p.childNodes.length).toBe(0);
    expect(node.data).toBe('Delphy was blocked');
    await settle(marker);
    expect(marker.found()).toEqual([]);
  });

  it('a page that moves its node, or puts a node between the pieces, gets its own order and text back', async () => {
    document.body.innerHTML = '<p id="a">OKEx here</p><p id="b">target</p>';
    const a = document.getElementById('a')!;
    const b = document.getElementById('b')!;
    const node = a.firstChild as Text;
    const { marker } = startMarker();
    await settle(marker);
    b.insertBefore(node, b.firstChild);
    await Promise.resolve();
    expect(a.textContent).toBe('');
    expect(b.textContent).toBe('OKEx heretarget');
    await settle(marker);
    expect(marksIn(b)).toEqual(['OKEx']);

    const inserted = document.createElement('i');
    inserted.textContent = '!';
    b.insertBefore(inserted, node.nextSibling);
    await Promise.resolve();
    expect(b.textContent).toBe('OKEx here!target');
    await settle(marker);
    expect(b.textContent).toBe('OKEx here!target');
    expect(marksIn(b)).toEqual(['OKEx']);
  });

  it('a page that replaces a parent’s children reads as without the extension', async () => {
    document.body.innerHTML = '<ul id="list"><li>OKEx one</li><li>Delphy two</li></ul>';
    const list = document.getElementById('list')!;
    const { marker } = startMarker();
    await settle(marker);
    const [first, second] = [...list.children];
    list.replaceChildren(second!, first!);
    await settle(marker);
    expect(list.textContent).toBe('Delphy twoOKEx one');
    expect(marksIn(list)).toEqual(['Delphy', 'OKEx']);
    list.replaceChildren(document.createTextNode('plain'));
    await settle(marker);
    expect(list.textContent).toBe('plain');
    expect(marker.found()).toEqual([]);
  });

  it('never reacts to its own edits: one request per block, however many marks it makes', async () => {
    document.body.innerHTML = Array.from({ length: 30 }, (_, i) => `<p>OKEx ${i} and Delphy</p>`).join('');
    const requests: PageMatchRequest[] = [];
    const { marker } = startMarker({ match: fakeMatch(requests) });
    await settle(marker);
    await new Promise((resolve) => setTimeout(resolve, 30));
    await settle(marker);
    expect(requests.filter((request) => request.texts.length > 0).length).toBe(1);
    expect(document.querySelectorAll('[data-tdl-match]').length).toBe(60);
  });

  it('marks every batch: a refused request is retried in pieces until all of it is matched', async () => {
    document.body.innerHTML =
      Array.from({ length: 2_500 }, (_, i) => `<div>row ${i}</div>`).join('') + '<p>Delphy at the end</p>';
    const { marker } = startMarker({
      match: async (request) => {
        if (request.texts.length + request.links.length > 700) throw new Error('too many');
        return fakeMatch()(request);
      },
    });
    await settle(marker);
    expect(marksIn(document.body)).toEqual(['Delphy']);
  });

  it('reports an empty page once, so the popup knows the site even when nothing was found', async () => {
    document.body.innerHTML = '<p>nothing tracked here</p>';
    const { marker, found } = startMarker();
    await settle(marker);
    expect(found).toEqual([[]]);
  });

  it('unmarkAll puts every node back as the page left it', async () => {
    document.body.innerHTML = '<p id="p">WeChat OKEx and <b>Huobi</b> News</p>';
    const p = document.getElementById('p')!;
    const before = [...p.childNodes];
    const { marker } = startMarker();
    await settle(marker);
    expect(marksIn(p).length).toBe(3);
    marker.unmarkAll();
    expect([...p.childNodes]).toEqual(before);
    expect(p.innerHTML).toBe('WeChat OKEx and <b>Huobi</b> News');
  });

  it('counts and opens nothing for an element a page dresses up as a mark', async () => {
    document.body.innerHTML =
      '<p><span data-tdl-match="account" data-tdl-account="okex-wechat" data-tdl-status="blocked">fake</span></p>';
    const { marker } = startMarker();
    await settle(marker);
    expect(marker.found()).toEqual([]);
    expect(marker.registry.groupOf(document.querySelector('span')!)).toBeUndefined();
  });

  it('marks organisations with their own attributes, and not at all when the reader turned them off', async () => {
    document.body.innerHTML = '<p id="p">Huobi said Huobi News was closed.</p>';
    const { marker } = startMarker();
    await settle(marker);
    const read = () =>
      Array.from(document.querySelectorAll('[data-tdl-match]'), (el) =>
        [
          el.textContent,
          el.getAttribute('data-tdl-match'),
          el.getAttribute('data-tdl-account') ?? el.getAttribute('data-tdl-organisation'),
        ].join('|'),
      );
    expect(read()).toEqual(['Huobi|organisation|huobi', 'Huobi News|account|huobi-news']);
    expect(marker.found()).toEqual(['account:huobi-news', 'organisation:huobi']);
    marker.restart(undefined, false);
    await settle(marker);
    expect(read()).toEqual(['Huobi News|account|huobi-news']);
  });
});
