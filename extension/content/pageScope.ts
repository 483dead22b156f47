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
]);

/**
 * True when nothing under this element may be marked. `mayBeEditable` false skips the contenteditable check (the
 * caller knows none is in its subtree: one querySelector is cheaper than an attribute read per element).
 */
export function isSkippedElement(element: Element, mayBeEditable = true): boolean {
  if (SKIPPED_TAGS.has(element.tagName)) return true;
  if (!mayBeEditable) return false;
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

/** The skipped elements, as a selector (HTML and SVG/MathML names alike, lower case). */
const SKIPPED_SELECTOR = [...SKIPPED_TAGS].map((tag) => tag.toLowerCase()).join();

/**
 * The text under `root` (from `start`, where given) without what skipped elements hold (scripts, styles…), each
 * stretch between two of them read by one Range: made by the browser, not node by node. Every run collectRuns would
 * read lies inside one stretch, and stretches are joined by a line break.
 */
export function textOutsideSkipped(root: Element, start?: { node: Node; offset: number }): string {
  const range = root.ownerDocument.createRange();
  const skipped = root.querySelectorAll(SKIPPED_SELECTOR);
  let last: Element | null | undefined;
  let first = 0;
  if (start) {
    range.setStart(start.node, start.offset);
    // Inside a skipped element (the parser in a script, say): the text begins after the outermost one.
    const node = start.node;
    let element = (node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement)?.closest(
      SKIPPED_SELECTOR,
    );
    for (; element && root.contains(element); element = element.parentElement?.closest(SKIPPED_SELECTOR))
      last = element;
    if (last) range.setStartAfter(last);
    // Skipped elements are in document order: the first that begins after the start is found by halves.
    for (let high = skipped.length; first < high;) {
      const middle = (first + high) >>> 1;
      if (range.comparePoint(skipped[middle]!, 0) < 0) first = middle + 1;
      else high = middle;
    }
  } else range.setStart(root, 0);
  const stretches: string[] = [];
  for (let i = first; i < skipped.length; i++) {
    const element = skipped[i]!;
    if (last?.contains(element)) continue;
    range.setEndBefore(element);
    stretches.push(range.toString());
    range.setStartAfter(element);
    last = element;
  }
  range.setEnd(root, root.childNodes.length);
  stretches.push(range.toString());
  return stretches.join('\n');
}
