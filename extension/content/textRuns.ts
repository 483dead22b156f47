// Block-level text for matching. A run is the text a reader sees as one stretch: consecutive text nodes inside one
// block (paragraph, list item, heading, cell, div…), joined across inline elements, so `<b>Huobi</b> News` and
// `Huo<span>bi</span> News` read "Huobi News". A block element, a line break, a form control or a skipped subtree
// ends a run; nothing is ever joined across them. Offsets in a run map back to its text nodes through `segments`.
import { isSkippedElement } from './pageScope';

/** Elements laid out inline by default: their text joins the text around them. Anything else ends a run. */
const INLINE_TAGS = new Set([
  'a',
  'abbr',
  'acronym',
  'b',
  'bdi',
  'bdo',
  'big',
  'cite',
  'code',
  'data',
  'del',
  'dfn',
  'em',
  'font',
  'i',
  'ins',
  'kbd',
  'label',
  'mark',
  'nobr',
  'q',
  's',
  'samp',
  'small',
  'span',
  'strike',
  'strong',
  'sub',
  'sup',
  'time',
  'tt',
  'u',
  'var',
  'wbr',
]);

export function isInlineElement(element: Element): boolean {
  return INLINE_TAGS.has(element.localName);
}

export interface RunSegment {
  node: Text;
  /** Offsets of this node's text in the run's text. */
  start: number;
  end: number;
}

export interface TextRun {
  text: string;
  segments: RunSegment[];
}

export interface CollectedRuns {
  runs: TextRun[];
  links: HTMLAnchorElement[];
  shadowRoots: ShadowRoot[];
  /** Where the next slice starts, or null when the root is finished. */
  next: Node | null;
  /** The last node read (everything before it in document order was read too). */
  last: Node | null;
}

export interface RunSource {
  /** Text nodes and links matched already, and not changed since. */
  isDone(node: Node): boolean;
  /** The extension's own nodes: never read as page text (a split node's text is read whole from `textOf`). */
  isOurs(node: Node): boolean;
  /** The page's text of a node (for a node the extension split, the text the page gave it). */
  textOf(node: Text): string;
  /** Stop after a run boundary once this many characters were collected... */
  maxChars: number;
  /** ...or this many runs and links. */
  maxItems: number;
}

/** The nearest ancestor (or the node itself) whose text forms runs of its own: a block element or a root. */
export function blockOf(node: Node): Node {
  let current: Node | null = node.nodeType === Node.TEXT_NODE ? node.parentNode : node;
  while (current && current.nodeType === Node.ELEMENT_NODE && isInlineElement(current as Element)) {
    const parent: Node | null = current.parentNode;
    if (!parent) break;
    current = parent;
  }
  return current ?? node;
}

const MIN_RUN = 2;

/**
 * Collects the runs and links under `root` that are not done, in document order, stopping at a run boundary once
 * the limits are reached. A run is returned whole (with all its text nodes) when any of its nodes is not done.
 */
export function collectRuns(root: Node, source: RunSource, resumeFrom?: Node): CollectedRuns {
  const result: CollectedRuns = { runs: [], links: [], shadowRoots: [], next: null, last: null };
  const doc = root.ownerDocument ?? (root as Document);
  if (doc.designMode === 'on') return result;
  let chars = 0;
  let segments: RunSegment[] = [];
  let text = '';
  let fresh = false;
  let full = false;

  const endRun = () => {
    if (segments.length > 0 && fresh && text.length >= MIN_RUN && /\S/.test(text)) {
      result.runs.push({ text, segments });
      chars += text.length;
    }
    segments = [];
    text = '';
    fresh = false;
    if (chars >= source.maxChars || result.runs.length + result.links.length >= source.maxItems) full = true;
  };

  // Editable regions are skipped; most pages have none, and then no element's attribute needs reading.
  const mayBeEditable =
    'querySelector' in root ? (root as ParentNode).querySelector('[contenteditable]') !== null : true;
  const isBlock = (node: Node) =>
    node.nodeType === Node.ELEMENT_NODE && !isInlineElement(node as Element) && !source.isOurs(node);

  let node: Node | null = resumeFrom ?? root;
  while (node) {
    let descend = false;
    if (node.nodeType === Node.TEXT_NODE) {
      const textNode = node as Text;
      if (!source.isOurs(textNode)) {
        const data = source.textOf(textNode);
        if (data.length > 0) {
          segments.push({ node: textNode, start: text.length, end: text.length + data.length });
          text += data;
          if (!source.isDone(textNode)) fresh = true;
        }
      }
    } else if (node.nodeType === Node.ELEMENT_NODE) {
      const element = node as Element;
      if (source.isOurs(element)) {
        // Our marks hold copies of text their split node already counts.
      } else if (isSkippedElement(element, mayBeEditable || element === root)) {
        endRun();
      } else {
        if (!isInlineElement(element)) endRun();
        if (element.localName === 'a' && !source.isDone(element) && (element as HTMLAnchorElement).href) {
          result.links.push(element as HTMLAnchorElement);
        }
        if (element.shadowRoot) result.shadowRoots.push(element.shadowRoot);
        descend = true;
      }
    } else if (node === root) {
      descend = true; // a document fragment or shadow root
    }
    if (full && node !== root) {
      result.next = node;
      return result;
    }
    // Next node in document order, ending the run when we leave a block.
    result.last = node;
    let next: Node | null = descend ? node.firstChild : null;
    if (!next) {
      let current: Node = node;
      for (;;) {
        if (current === root) {
          endRun();
          return result;
        }
        if (isBlock(current)) endRun();
        if (current.nextSibling) {
          next = current.nextSibling;
          break;
        }
        const parent = current.parentNode;
        if (!parent) {
          endRun();
          return result;
        }
        current = parent;
      }
    }
    if (full) {
      result.next = next;
      return result;
    }
    node = next;
  }
  endRun();
  return result;
}

export interface RunPiece {
  node: Text;
  /** Offsets in the node's text. */
  start: number;
  end: number;
}

/** The part of each text node that the run's range [start, end) covers, in order. */
export function piecesOf(run: TextRun, start: number, end: number): RunPiece[] {
  const pieces: RunPiece[] = [];
  for (const segment of run.segments) {
    if (segment.end <= start || segment.start >= end) continue;
    pieces.push({
      node: segment.node,
      start: Math.max(start, segment.start) - segment.start,
      end: Math.min(end, segment.end) - segment.start,
    });
  }
  return pieces;
}
