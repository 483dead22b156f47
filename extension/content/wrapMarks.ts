// Turning match results into marks: splits a text node around each mention and wraps the mention in <tdl-mark>,
// or tags a link. The characters of the page never change: the same text ends up in the same order.
import type { LinkMark, TextMark } from '../../lib/matching/takedownMatcher';
import { LINK_CSS, MARK_SHADOW_CSS } from './markStyles';
import { STATUS_KEY } from '../../lib/statusLabels';
import { t } from '../i18n';
import { MARK_TAG } from './pageScope';

export function markLabel(text: string, status: TextMark['status']): string {
  return t('markLabel', text, t(STATUS_KEY[status]));
}

export const ACCOUNT_ATTRIBUTE = 'data-tdl-account';
export const STATUS_ATTRIBUTE = 'data-tdl-status';

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
  const shadow = mark.attachShadow({ mode: 'open' });
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

export function createMark(
  doc: Document,
  mark: Pick<TextMark, 'accountId' | 'status'>,
  focusable: boolean,
  text = '',
): HTMLElement {
  const element = doc.createElement(MARK_TAG);
  element.setAttribute(ACCOUNT_ATTRIBUTE, mark.accountId);
  element.setAttribute(STATUS_ATTRIBUTE, mark.status);
  if (focusable) {
    // A focusable mark opens the card: a button, named by its text and its status in words.
    element.tabIndex = 0;
    element.setAttribute('role', 'button');
    element.setAttribute('aria-haspopup', 'dialog');
    element.setAttribute('aria-expanded', 'false');
    element.setAttribute('aria-label', markLabel(text, mark.status));
  }
  attachMarkShadow(element);
  return element;
}

/**
 * Wraps each mark's range of `text` (sorted, non-overlapping, offsets into text.data). Returns the marks made and
 * the text pieces left between them, which need no further matching.
 */
export function wrapTextMarks(text: Text, marks: readonly TextMark[]): { made: HTMLElement[]; pieces: Text[] } {
  const made: HTMLElement[] = [];
  const pieces: Text[] = [];
  const length = text.data.length;
  const valid = marks.every(
    (mark, i) =>
      mark.start >= 0 && mark.start < mark.end && mark.end <= length && (i === 0 || mark.start >= marks[i - 1]!.end),
  );
  if (!text.parentNode || marks.length === 0 || !valid) return { made, pieces: [text] };
  const parent = text.parentNode;
  // A mark inside a link would put a focus stop inside another: the link itself takes focus.
  const focusable = !(parent instanceof Element && parent.closest('a, button, [role="button"], [role="link"], label'));
  let rest = text;
  let consumed = 0;
  for (const mark of marks) {
    let middle = rest;
    if (mark.start > consumed) {
      middle = rest.splitText(mark.start - consumed);
      pieces.push(rest);
    }
    const markLength = mark.end - mark.start;
    const after = markLength < middle.data.length ? middle.splitText(markLength) : null;
    const element = createMark(text.ownerDocument, mark, focusable, middle.data);
    middle.parentNode!.insertBefore(element, middle);
    element.append(middle);
    made.push(element);
    consumed = mark.end;
    if (!after) return { made, pieces };
    rest = after;
  }
  pieces.push(rest);
  return { made, pieces };
}

const styledRoots = new WeakSet<Node>();

/** Tags a link as pointing at a tracked account and makes sure its root has the link styles. */
export function tagLink(link: HTMLAnchorElement, mark: LinkMark): void {
  link.setAttribute(ACCOUNT_ATTRIBUTE, mark.accountId);
  link.setAttribute(STATUS_ATTRIBUTE, mark.status);
  const root = link.getRootNode();
  if (styledRoots.has(root)) return;
  styledRoots.add(root);
  const style = link.ownerDocument.createElement('style');
  style.setAttribute('data-tdl-style', '');
  style.textContent = LINK_CSS;
  if (root instanceof ShadowRoot) root.append(style);
  else (link.ownerDocument.head ?? link.ownerDocument.documentElement).append(style);
}
