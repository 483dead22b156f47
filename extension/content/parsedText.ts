// What the parser added to a page since the last look, for the quick look while the page is parsed: the text after
// the point the last look reached (outside scripts and the like, made by the browser, not read node by node). Each
// look's text begins with the end of the last one's, so a name the parser delivered in two pieces is seen whole.
// Text a page script puts before that point is not seen here; once the page is parsed, `unchanged` tells whether
// the page is still all the looks saw (else the whole page is looked at). Links are looked at once it is parsed.
import { MAX_NAME_CHARS } from '../../lib/pageLimits';
import { textOutsideSkipped } from './pageScope';

export class ParsedText {
  #at: { node: Node; offset: number } | undefined;
  /** The end of the last look: the next one begins with it. */
  #tail = '';
  /** All the text the looks saw. */
  #looked = '';

  constructor(readonly doc: Document) {}

  /** The text added since the last look (the first look: all so far); empty when nothing but white space was. */
  next(): string {
    const root = this.doc.documentElement;
    if (!root) return '';
    let end: Node = root;
    while (end.lastChild) end = end.lastChild;
    // Where the point reached was removed by a page script, everything is looked at again.
    const from = this.#at?.node.isConnected ? this.#at : undefined;
    if (!from) this.#tail = this.#looked = '';
    const fresh = textOutsideSkipped(
      root,
      from && { node: from.node, offset: Math.min(from.offset, nodeLength(from.node)) },
    );
    this.#at = { node: end, offset: nodeLength(end) };
    this.#looked += fresh;
    const text = this.#tail + fresh;
    this.#tail = text.slice(-MAX_NAME_CHARS);
    return /\S/.test(fresh) ? text : '';
  }

  /** Whether the page's text is exactly what the looks saw: nothing a page script added or changed behind them. */
  unchanged(): boolean {
    const root = this.doc.documentElement;
    return !!root && textOutsideSkipped(root) === this.#looked;
  }
}

/** A range offset's end in a node: children for an element, characters for text and comments. */
function nodeLength(node: Node): number {
  return node.nodeType === Node.ELEMENT_NODE ? node.childNodes.length : (node as CharacterData).length;
}
