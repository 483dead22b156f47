// The elements a mark is made of. A mark is a <span> (a name no page can define as a custom element, so a page
// cannot replace our constructor) with a closed shadow root holding its styles, and a text node of our own: the
// page's text nodes are never moved into it. Links are tagged in place.
import type { MarkTarget } from '../../lib/matching/takedownMatcher';
import { LINK_CSS, MARK_SHADOW_CSS } from './markStyles';

/** The public contract (README): what a mark is about and what it claims. */
export const MATCH_ATTRIBUTE = 'data-tdl-match';
export const ACCOUNT_ATTRIBUTE = 'data-tdl-account';
export const ORGANISATION_ATTRIBUTE = 'data-tdl-organisation';
export const STATUS_ATTRIBUTE = 'data-tdl-status';
const ATTRIBUTES = [MATCH_ATTRIBUTE, ACCOUNT_ATTRIBUTE, ORGANISATION_ATTRIBUTE, STATUS_ATTRIBUTE];

/** Sets the public attributes on a mark piece or a link. */
function setClaimAttributes(element: Element, target: MarkTarget): void {
  element.setAttribute(MATCH_ATTRIBUTE, target.match);
  element.setAttribute(target.match === 'account' ? ACCOUNT_ATTRIBUTE : ORGANISATION_ATTRIBUTE, target.id);
  element.setAttribute(STATUS_ATTRIBUTE, target.status);
}

let sharedSheet: CSSStyleSheet | null | undefined;

function markSheet(): CSSStyleSheet | null {
  if (sharedSheet !== undefined) return sharedSheet;
  try {
    sharedSheet = new CSSStyleSheet();
    sharedSheet.replaceSync(MARK_SHADOW_CSS);
  } catch {
    sharedSheet = null;
  }
  return sharedSheet;
}

function attachMarkShadow(mark: HTMLElement): void {
  const shadow = mark.attachShadow({ mode: 'closed' });
  const sheet = markSheet();
  try {
    if (!sheet) throw new Error('no constructable stylesheets');
    shadow.adoptedStyleSheets = [sheet];
  } catch {
    // Firefox content scripts cannot always adopt a sheet made in their own world: fall back to <style>.
    const style = mark.ownerDocument.createElement('style');
    style.textContent = MARK_SHADOW_CSS;
    shadow.append(style);
  }
  shadow.append(mark.ownerDocument.createElement('slot'));
}

export type MarkClaim = MarkTarget;

/**
 * One piece of a mark, holding `text` in a text node of its own. `label` is set on the piece that takes focus for
 * the whole mark (a button named by the mark's text and status); other pieces are styled only.
 */
export function createMarkPiece(doc: Document, claim: MarkClaim, text: string, label: string | null): HTMLElement {
  const element = doc.createElement('span');
  setClaimAttributes(element, claim);
  if (label !== null) {
    element.tabIndex = 0;
    element.setAttribute('role', 'button');
    element.setAttribute('aria-haspopup', 'dialog');
    element.setAttribute('aria-expanded', 'false');
    element.setAttribute('aria-label', label);
  }
  attachMarkShadow(element);
  element.append(doc.createTextNode(text));
  return element;
}

/** True when a focus stop here would sit inside another control: the control takes focus for the mark. */
export function insideControl(node: Node): boolean {
  const parent = node.parentElement;
  return parent !== null && parent.closest('a, button, [role="button"], [role="link"], label') !== null;
}

/** Tags a link as pointing at a tracked account; returns the <style> it added to the link's root, if any. */
export function tagLink(link: HTMLAnchorElement, claim: MarkClaim, styled: WeakSet<Node>): HTMLStyleElement | null {
  setClaimAttributes(link, claim);
  const root = link.getRootNode();
  if (styled.has(root)) return null;
  styled.add(root);
  const style = link.ownerDocument.createElement('style');
  style.textContent = LINK_CSS;
  if (root instanceof ShadowRoot) root.append(style);
  else (link.ownerDocument.head ?? link.ownerDocument.documentElement).append(style);
  return style;
}

export function untagLink(link: Element): void {
  for (const name of ATTRIBUTES) link.removeAttribute(name);
}
