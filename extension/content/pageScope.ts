// Where marking may look: everything under a root except code, form fields, editable regions and our own UI.
// Subtrees are rejected whole, so the walk never descends into them.

const SKIPPED_TAGS = new Set([
  'SCRIPT',
  'STYLE',
  'NOSCRIPT',
  'TEXTAREA',
  'INPUT',
  'SELECT',
  'OPTION',
  'TEMPLATE',
  'IFRAME',
  'OBJECT',
  'EMBED',
  'CANVAS',
  'VIDEO',
  'AUDIO',
  'HEAD',
  'TITLE',
  'svg',
  'math',
  'TDL-MARK',
  'TDL-CARD',
]);

export const MARK_TAG = 'tdl-mark';
export const CARD_TAG = 'tdl-card';

/** True when nothing under this element may be marked. */
export function isSkippedElement(element: Element): boolean {
  if (SKIPPED_TAGS.has(element.tagName)) return true;
  // The attribute, not isContentEditable: that property makes Chromium bring style up to date on every call.
  const editable = element.getAttribute('contenteditable');
  return editable !== null && editable !== 'false';
}

/** True when a node sits anywhere inside a skipped element (used for nodes reported by mutations). */
export function isInsideSkipped(node: Node): boolean {
  for (let element = node instanceof Element ? node : node.parentElement; element; element = element.parentElement) {
    if (isSkippedElement(element)) return true;
  }
  return node.ownerDocument?.designMode === 'on';
}

export interface CollectedTargets {
  texts: Text[];
  links: HTMLAnchorElement[];
  shadowRoots: ShadowRoot[];
}

const MIN_TEXT = 2;

/**
 * Collects unprocessed text nodes and links under `root`, stopping at `maxChars` of text. Returns the walker's
 * position so a long page is collected over several slices.
 */
export function collectTargets(
  root: Node,
  isDone: (node: Node) => boolean,
  maxChars: number,
  resumeFrom?: Node,
): CollectedTargets & { next: Node | null } {
  const result: CollectedTargets & { next: Node | null } = { texts: [], links: [], shadowRoots: [], next: null };
  const doc = root.ownerDocument ?? (root as Document);
  if (doc.designMode === 'on') return result;
  if (root instanceof Element && isInsideSkipped(root)) return result;
  if (root instanceof Text) {
    if (!isDone(root) && !isInsideSkipped(root) && /\S/.test(root.data)) result.texts.push(root);
    return result;
  }
  const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node.nodeType === Node.ELEMENT_NODE && isSkippedElement(node as Element)
        ? NodeFilter.FILTER_REJECT
        : NodeFilter.FILTER_ACCEPT,
  });
  if (resumeFrom) walker.currentNode = resumeFrom;
  else if (root instanceof Element && root.shadowRoot) result.shadowRoots.push(root.shadowRoot);
  let chars = 0;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.nodeType === Node.TEXT_NODE) {
      const text = node as Text;
      if (text.data.length >= MIN_TEXT && !isDone(text) && /\S/.test(text.data)) {
        result.texts.push(text);
        chars += text.data.length;
      }
    } else {
      const element = node as Element;
      if (element.localName === 'a' && (element as HTMLAnchorElement).href && !isDone(element)) {
        result.links.push(element as HTMLAnchorElement);
      }
      if (element.shadowRoot) result.shadowRoots.push(element.shadowRoot);
    }
    if (chars >= maxChars) {
      result.next = node;
      break;
    }
  }
  return result;
}
