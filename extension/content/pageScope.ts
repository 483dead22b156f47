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
