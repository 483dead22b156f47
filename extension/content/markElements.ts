// The elements a mark is made of. A mark is a <span> (a name no page can define as a custom element, so a page
// cannot replace our constructor) with a closed shadow root holding its styles, and a text node of our own: the
// page's text nodes are never moved into it. Links are tagged in place.
import type { Status } from '../../lib/dataset/schema';
import { STATUS_KEY } from '../../lib/statusLabels';
import { t } from '../i18n';
import { LINK_CSS, MARK_SHADOW_CSS } from './markStyles';

export const ACCOUNT_ATTRIBUTE = 'data-tdl-account';
export const STATUS_ATTRIBUTE = 'data-tdl-status';

export function markLabel(text: string, status: Status): string {
  return t('markLabel', text, t(STATUS_KEY[status]));
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

export interface MarkClaim {
  accountId: string;
  status: Status;
}

/**
 * One piece of a mark, holding `text` in a text node of its own. `label` is set on the piece that takes focus for
 * the whole mark (a button named by the mark's text and status); other pieces are styled only.
 */
export function createMarkPiece(doc: Document, claim: MarkClaim, text: string, label: string | null): HTMLElement {
  const element = doc.createElement('span');
  element.setAttribute(ACCOUNT_ATTRIBUTE, claim.accountId);
  element.setAttribute(STATUS_ATTRIBUTE, claim.status);
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
  link.setAttribute(ACCOUNT_ATTRIBUTE, claim.accountId);
  link.setAttribute(STATUS_ATTRIBUTE, claim.status);
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
  link.removeAttribute(ACCOUNT_ATTRIBUTE);
  link.removeAttribute(STATUS_ATTRIBUTE);
}
