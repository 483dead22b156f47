// The keyboard shortcuts' "next mark" and "previous mark": focus moves to the mark after (or before) the focused one,
// or the first below (last above) the top of the window when none is focused, wrapping at the ends.
import type { MarkRegistry } from './markRegistry';

function deepActiveElement(doc: Document): Element | null {
  let active = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/** Focuses the next (1) or previous (-1) mark; returns it, or null when the page has none. */
export function moveToMark(doc: Document, registry: MarkRegistry, direction: 1 | -1): HTMLElement | null {
  const targets = registry.focusTargets();
  if (targets.length === 0) return null;
  const active = deepActiveElement(doc);
  let index = active ? targets.findIndex((target) => target === active || target.contains(active)) : -1;
  if (index >= 0) index = (index + direction + targets.length) % targets.length;
  else if (direction === 1) {
    index = targets.findIndex((target) => target.getBoundingClientRect().top >= 0);
    if (index < 0) index = 0;
  } else {
    const above = targets.map((target) => target.getBoundingClientRect().top < 0);
    index = above.lastIndexOf(true);
    if (index < 0) index = targets.length - 1;
  }
  const target = targets[index]!;
  target.focus({ preventScroll: true });
  target.scrollIntoView({ block: 'center' });
  return target;
}
