// The one hover card: opens on hovering or focusing a mark (or a marked link), closes on leaving, blur or Escape,
// stays inside the viewport. On a touch screen a tap opens it: a tap on a mark inside a link opens the card first
// (which offers the link) and a second tap follows the link; a tap elsewhere closes it. It lives in a closed shadow
// root, so page CSS cannot reach it and page scripts cannot read it; text is rendered as text. Only the user's own
// (trusted) events open it, and only on marks the MarkRegistry knows: an element a page dresses up with our
// attributes opens nothing.
import { render } from 'preact';
import { h } from 'preact';
import { HoverCard, type CardContent, type HeldLink, type HoverCardState } from '../../components/HoverCard';
import { claimKey } from '../../lib/claims';
import type { MarkTarget as Claimed } from '../../lib/matching/takedownMatcher';
import { t } from '../i18n';
import { CARD_CSS } from './cardStyles';
import type { MarkClaim } from './markElements';
import type { MarkRegistry } from './markRegistry';

const OPEN_DELAY_MS = 150;
const CLOSE_DELAY_MS = 300;
const GAP = 6;
const MARGIN = 8;

export interface HoverCardOptions {
  /** The account's or the organisation's details, or null when the dataset no longer has it. */
  load(target: Claimed): Promise<CardContent | null>;
  registry: MarkRegistry;
  signal: AbortSignal;
  /** "Report a correction" on the account a card shows, to one of its lists. */
  reportCorrection?: (target: Claimed, list: string, includePage: boolean) => void;
}

/** A mark under the pointer or focus: the element to place the card by, and what it claims. */
interface MarkTarget {
  element: Element;
  claim: MarkClaim;
}

export class HoverCardController {
  private readonly host: HTMLElement;
  private readonly card: HTMLElement;
  private anchor: Element | null = null;
  private anchorClaim: MarkClaim | null = null;
  private openTimer: ReturnType<typeof setTimeout> | undefined;
  private closeTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly cache = new Map<string, Promise<CardContent | null>>();
  private static count = 0;
  private readonly titleId = `tdl-card-title-${++HoverCardController.count}`;
  private lastPointerType = '';
  /** Where a touch went down: a tap opens the card only if it ends on the same mark. */
  private touchStart: { mark: Element | null; x: number; y: number } | null = null;
  /** The mark whose card this tap just opened: the click that follows must not follow its link. */
  private tapOpened: Element | null = null;
  /** The page's link behind a mark opened by a tap, offered in the card. */
  private heldLink: HeldLink | null = null;

  constructor(
    private readonly doc: Document,
    private readonly options: HoverCardOptions,
  ) {
    // A <div>: a page cannot define it as a custom element, so it cannot take over our constructor.
    this.host = doc.createElement('div');
    this.host.setAttribute('data-tdl-ui', 'card');
    this.host.hidden = true;
    options.registry.addUi(this.host);
    const shadow = this.host.attachShadow({ mode: 'closed' });
    const style = doc.createElement('style');
    style.textContent = CARD_CSS;
    this.card = doc.createElement('div');
    this.card.className = 'tdl-card';
    this.card.setAttribute('role', 'dialog');
    this.card.setAttribute('aria-labelledby', this.titleId);
    shadow.append(style, this.card);

    // Events a page script dispatches (isTrusted false) are ignored: only the reader opens the card. A failure in
    // the card is caught here, so it never reaches the page or stops marking.
    const listen = <K extends keyof DocumentEventMap>(type: K, handler: (event: DocumentEventMap[K]) => void) =>
      doc.addEventListener(
        type,
        (event) => {
          if (!event.isTrusted) return;
          try {
            handler(event);
          } catch (error) {
            console.warn('Takedown Lens: hover card', error);
          }
        },
        { capture: true, passive: type !== 'keydown' && type !== 'click', signal: options.signal },
      );
    listen('mouseover', (event) => this.onPointerOver(event));
    listen('mouseout', (event) => this.onPointerOut(event));
    listen('focusin', (event) => this.onFocusIn(event));
    listen('focusout', (event) => this.onFocusOut(event));
    listen('keydown', (event) => this.onKeyDown(event));
    listen('pointerdown', (event) => this.onPointerDown(event));
    listen('pointerup', (event) => this.onPointerUp(event));
    listen('click', (event) => this.onClick(event));
    doc.defaultView?.addEventListener('scroll', () => this.reposition(), {
      capture: true,
      passive: true,
      signal: options.signal,
    });
    doc.defaultView?.addEventListener('resize', () => this.reposition(), { passive: true, signal: options.signal });
    options.signal.addEventListener('abort', () => this.host.remove(), { once: true });
  }

  get isOpen(): boolean {
    return !this.host.hidden;
  }

  private targetOf(element: Element): MarkTarget | null {
    const claim = this.options.registry.groupOf(element) ?? this.options.registry.linkClaim(element);
    return claim ? { element, claim } : null;
  }

  private markOf(event: Event): MarkTarget | null {
    for (const target of event.composedPath()) {
      if (target === this.host) return null;
      if (target instanceof Element) {
        const found = this.targetOf(target);
        if (found) return found;
      }
    }
    return null;
  }

  /** Our mark inside a link or button that took keyboard focus on its behalf. */
  private heldMark(element: Element): MarkTarget | null {
    for (const span of element.querySelectorAll('span')) {
      const found = this.targetOf(span);
      if (found) return found;
    }
    return null;
  }

  private inCard(event: Event): boolean {
    return event.composedPath().includes(this.host);
  }

  private onPointerOver(event: MouseEvent): void {
    if (this.inCard(event)) return this.cancelClose();
    const mark = this.markOf(event);
    if (!mark) return;
    this.cancelClose();
    if (mark.claim === this.anchorClaim && this.isOpen) return;
    clearTimeout(this.openTimer);
    this.openTimer = setTimeout(() => void this.open(mark), OPEN_DELAY_MS);
  }

  private onPointerOut(event: MouseEvent): void {
    const leaving = this.inCard(event) || this.markOf(event);
    if (!leaving) return;
    clearTimeout(this.openTimer);
    if (this.isOpen && !this.host.contains(this.doc.activeElement)) this.scheduleClose();
  }

  private onFocusIn(event: FocusEvent): void {
    if (this.inCard(event)) return this.cancelClose();
    // A link or button holding a mark takes keyboard focus for it (the mark itself is no second tab stop); a mouse
    // click that focuses such a link is left alone.
    const target = event.target instanceof Element ? event.target : null;
    const held = target?.matches(':focus-visible') ? this.heldMark(target) : null;
    const mark = this.markOf(event) ?? held;
    if (mark) {
      if (!(this.isOpen && this.anchor === mark.element)) void this.open(mark);
    } else if (this.isOpen && !this.holdsAnchor(target)) this.close();
  }

  private onFocusOut(event: FocusEvent): void {
    const next = event.relatedTarget as Node | null;
    if (next && (next === this.host || next === this.anchor)) return;
    if (this.inCard(event) || this.markOf(event) || this.holdsAnchor(event.target)) this.scheduleClose();
  }

  /** True for the link or button that took focus on behalf of the open card's mark. */
  private holdsAnchor(target: EventTarget | null): boolean {
    return target instanceof Element && this.anchor !== null && target !== this.anchor && target.contains(this.anchor);
  }

  private onPointerDown(event: PointerEvent): void {
    this.lastPointerType = event.pointerType;
    if (event.pointerType !== 'touch') return;
    this.touchStart = { mark: this.markOf(event)?.element ?? null, x: event.clientX, y: event.clientY };
  }

  /**
   * The end of a tap: on a mark, its card opens (a mark inside a link: the card offers the link, and the click that
   * follows is held back); a second tap on the mark whose card is open lets the click through; anywhere else but
   * the card, the card closes. A finger that moved (a scroll) is no tap.
   */
  private onPointerUp(event: PointerEvent): void {
    const start = this.touchStart;
    this.touchStart = null;
    if (event.pointerType !== 'touch' || !start || this.inCard(event)) return;
    if (Math.hypot(event.clientX - start.x, event.clientY - start.y) > 10) return;
    const mark = this.markOf(event);
    if (!mark || mark.element !== start.mark) {
      if (this.isOpen) this.close();
      return;
    }
    if (this.isOpen && this.anchor === mark.element) return; // the second tap
    const link = mark.element.closest<HTMLAnchorElement>('a[href]');
    this.tapOpened = mark.element;
    void this.open(mark, link);
  }

  /** The click a tap makes: held back when that tap opened the card of a mark inside a link. */
  private onClick(event: MouseEvent): void {
    const opened = this.tapOpened;
    this.tapOpened = null;
    if (this.lastPointerType !== 'touch' || !opened) return;
    if (this.markOf(event)?.element === opened && opened.closest('a[href]')) event.preventDefault();
  }

  private onKeyDown(event: KeyboardEvent): void {
    if (!this.isOpen) return;
    if (event.key === 'Escape') {
      const focusWasInCard = this.inCard(event);
      const anchor = this.anchor;
      this.close();
      if (focusWasInCard && anchor instanceof HTMLElement) {
        // Focus goes back to the piece of the mark that takes focus, or to the link that holds a mark.
        const piece = this.options.registry.groupOf(anchor)?.pieces.find((element) => element.tabIndex === 0);
        const focusable = piece ?? (anchor.tabIndex >= 0 ? anchor : anchor.closest<HTMLElement>('a[href], button'));
        focusable?.focus();
      }
    } else if (
      event.key === 'ArrowDown' &&
      (this.markOf(event)?.claim === this.anchorClaim || this.holdsAnchor(event.target))
    ) {
      // From a focused mark, Down moves into the card so its report links are reachable by keyboard.
      const first = this.card.querySelector<HTMLElement>('a[href]');
      if (first) {
        event.preventDefault();
        first.focus();
      }
    }
  }

  private scheduleClose(): void {
    this.cancelClose();
    this.closeTimer = setTimeout(() => this.close(), CLOSE_DELAY_MS);
  }

  private cancelClose(): void {
    clearTimeout(this.closeTimer);
    this.closeTimer = undefined;
  }

  /** Opens the card for a mark, or for the link that holds one (the keyboard shortcuts' next and previous mark). */
  openFor(element: Element): void {
    const target = this.targetOf(element) ?? this.heldMark(element);
    if (target) void this.open(target);
  }

  async open({ element: mark, claim }: MarkTarget, tappedLink: HTMLAnchorElement | null = null): Promise<void> {
    clearTimeout(this.openTimer);
    this.cancelClose();
    this.heldLink = tappedLink && {
      host: hostOf(tappedLink),
      follow: () => {
        this.close();
        // The page's own link, clicked as the reader's second tap would: its handlers and target are the page's.
        tappedLink.click();
      },
    };
    if (this.anchor && this.anchor !== mark) this.setExpanded(this.anchor, false);
    this.anchor = mark;
    this.anchorClaim = claim;
    this.setExpanded(mark, true);
    if (!this.host.isConnected) this.doc.documentElement.append(this.host);
    const key = claimKey(claim.match, claim.id);
    this.show({ kind: 'loading' });
    let state: HoverCardState;
    try {
      let content = this.cache.get(key);
      if (!content) {
        content = this.options.load({ match: claim.match, id: claim.id, status: claim.status });
        this.cache.set(key, content);
        content.catch(() => this.cache.delete(key));
      }
      const loaded = await content;
      state = loaded ? { kind: 'ready', content: loaded } : { kind: 'error', message: t('cardGone') };
    } catch (error) {
      state = { kind: 'error', message: error instanceof Error ? error.message : String(error) };
    }
    if (this.anchor === mark) this.show(state);
  }

  close(): void {
    clearTimeout(this.openTimer);
    this.cancelClose();
    if (this.anchor) this.setExpanded(this.anchor, false);
    this.anchor = null;
    this.anchorClaim = null;
    this.heldLink = null;
    this.host.hidden = true;
    render(null, this.card);
  }

  /** aria-expanded only where the role allows it: our button marks, and links (never the page's other elements). */
  private setExpanded(element: Element, open: boolean): void {
    const group = this.options.registry.groupOf(element);
    if (group) {
      const button = group.pieces.find((piece) => piece.tabIndex === 0);
      button?.setAttribute('aria-expanded', String(open));
    } else if (element.localName === 'a') {
      if (open) element.setAttribute('aria-expanded', 'true');
      else element.removeAttribute('aria-expanded');
    }
  }

  /** Forget cached details (after the dataset changes). */
  clearCache(): void {
    this.cache.clear();
  }

  private show(state: HoverCardState): void {
    const claim = this.anchorClaim;
    const report = this.options.reportCorrection;
    const onReport =
      claim && report ? (list: string, includePage: boolean) => report(claim, list, includePage) : undefined;
    render(h(HoverCard, { state, titleId: this.titleId, link: this.heldLink, onReport }), this.card);
    this.host.hidden = false;
    this.reposition();
  }

  private reposition(): void {
    if (!this.anchor || !this.isOpen) return;
    const view = this.doc.defaultView!;
    const anchor = this.anchor.getBoundingClientRect();
    const card = this.card.getBoundingClientRect();
    const below = anchor.bottom + GAP;
    const above = anchor.top - GAP - card.height;
    let top = below + card.height <= view.innerHeight - MARGIN ? below : above >= MARGIN ? above : MARGIN;
    top = Math.max(MARGIN, Math.min(top, view.innerHeight - MARGIN - card.height));
    const left = Math.max(MARGIN, Math.min(anchor.left, view.innerWidth - MARGIN - card.width));
    // Custom properties, because the shadow root's `all: initial !important` outranks any inline top/left.
    this.host.style.setProperty('--tdl-top', `${Math.round(top)}px`);
    this.host.style.setProperty('--tdl-left', `${Math.round(left)}px`);
  }
}

function hostOf(link: HTMLAnchorElement): string {
  try {
    return new URL(link.href).hostname || link.href;
  } catch {
    return link.href;
  }
}
