// Marks a live page: scans it in slices, asks the background to match each batch of text and links, wraps what
// matched, and keeps up with the page through one batched MutationObserver (open shadow roots included).
//
//   MutationObserver ─▶ queue of roots ─▶ collectTargets (≤ batchChars) ─▶ page:match ─▶ wrapTextMarks / tagLink
//                                                                                      └▶ page:found (badge)
//
// Nodes we made or already matched are remembered in a WeakSet, so our own mutations never loop back.
import type { Status } from '../../lib/dataset/schema';
import type { PageMatchRequest, PageMatchResponse } from '../../lib/protocol';
import { CARD_TAG, collectTargets, isInsideSkipped, MARK_TAG } from './pageScope';
import { ACCOUNT_ATTRIBUTE, STATUS_ATTRIBUTE, tagLink, wrapTextMarks } from './wrapMarks';

export interface PageMarkerOptions {
  match(request: PageMatchRequest): Promise<PageMatchResponse>;
  reportFound(accountIds: string[]): void;
  signal: AbortSignal;
  /** Characters of text sent to the background in one request. */
  batchChars?: number;
  /** Longest stretch of main-thread work before yielding to the page. */
  sliceMs?: number;
  /** Wait after a mutation before scanning, so bursts of changes are handled in one batch. */
  mutationDelayMs?: number;
  /** Statuses that get marked; the rest are left unmarked. */
  markedStatuses?: readonly Status[];
}

/** More queued roots than this and one rescan of the whole document is cheaper (done nodes are skipped). */
const FLOOD = 500;

const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class PageMarker {
  private done = new WeakSet<Node>();
  private markedStatuses: Set<Status> | undefined;
  private started = false;
  /** Bumped by stop(): a batch whose answer arrives after a stop belongs to an old page state and is dropped. */
  private generation = 0;
  private readonly marks = new Set<Element>();
  private queue: Node[] = [];
  private readonly observer: MutationObserver;
  private running = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastReported = '';
  private readonly batchChars: number;
  private readonly sliceMs: number;
  private readonly mutationDelayMs: number;
  /** Settles when the queue is empty; tests and the demo wait on it. */
  idle: Promise<void> = Promise.resolve();
  private resolveIdle: (() => void) | undefined;

  constructor(
    private readonly doc: Document,
    private readonly options: PageMarkerOptions,
  ) {
    this.batchChars = options.batchChars ?? 100_000;
    this.sliceMs = options.sliceMs ?? 8;
    this.mutationDelayMs = options.mutationDelayMs ?? 50;
    this.markedStatuses = options.markedStatuses ? new Set(options.markedStatuses) : undefined;
    this.observer = new MutationObserver((records) => this.onMutations(records));
    options.signal.addEventListener('abort', () => this.stop(), { once: true });
  }

  get isStarted(): boolean {
    return this.started;
  }

  start(): void {
    if (this.started || this.options.signal.aborted) return;
    this.started = true;
    const root = this.doc.body ?? this.doc.documentElement;
    this.observer.observe(this.doc.documentElement, { childList: true, subtree: true, characterData: true });
    this.enqueue(root, 0);
  }

  stop(): void {
    this.started = false;
    this.generation++;
    this.observer.disconnect();
    clearTimeout(this.timer);
    this.timer = undefined;
    this.queue = [];
  }

  /** Removes every mark, leaving the page's text as it was, and stops. */
  unmarkAll(): void {
    this.stop();
    for (const mark of this.marks) {
      if (mark.localName === MARK_TAG) this.unwrap(mark);
      else {
        mark.removeAttribute(ACCOUNT_ATTRIBUTE);
        mark.removeAttribute(STATUS_ATTRIBUTE);
      }
    }
    this.marks.clear();
    this.done = new WeakSet();
    this.reportFound();
  }

  /** Puts a mark's text back and joins it with the pieces it was split from, so the page has one text node again. */
  private unwrap(mark: Element): void {
    const text = mark.firstChild;
    mark.replaceWith(...mark.childNodes);
    if (!(text instanceof Text)) return;
    let joined = text;
    const previous = joined.previousSibling;
    if (previous instanceof Text && this.done.has(previous)) {
      previous.appendData(joined.data);
      joined.remove();
      joined = previous;
    }
    const next = joined.nextSibling;
    if (next instanceof Text && this.done.has(next)) {
      joined.appendData(next.data);
      next.remove();
    }
    // The next mark in the same text joins onto this piece.
    this.done.add(joined);
  }

  /** Marks the page again from scratch: after the dataset or the marked statuses changed. */
  restart(markedStatuses?: readonly Status[]): void {
    if (markedStatuses) this.markedStatuses = new Set(markedStatuses);
    this.unmarkAll();
    this.start();
  }

  /** Distinct account ids among the marks now on the page. */
  foundAccountIds(): string[] {
    const ids = new Set<string>();
    for (const mark of this.marks) {
      if (mark.isConnected) ids.add(mark.getAttribute(ACCOUNT_ATTRIBUTE)!);
      else this.marks.delete(mark);
    }
    return [...ids].sort();
  }

  private enqueue(node: Node, delay: number): void {
    if (this.options.signal.aborted) return;
    if (this.queue.length >= FLOOD) this.queue = [this.doc.body ?? this.doc.documentElement];
    else this.queue.push(node);
    if (!this.resolveIdle) this.idle = new Promise((resolve) => (this.resolveIdle = resolve));
    this.schedule(delay);
  }

  private schedule(delay: number): void {
    if (this.timer !== undefined || this.running) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, delay);
  }

  private isOurs(node: Node): boolean {
    if (this.done.has(node)) return true;
    if (node instanceof Element) {
      return node.localName === MARK_TAG || node.localName === CARD_TAG || node.hasAttribute('data-tdl-style');
    }
    return node.parentElement?.localName === MARK_TAG;
  }

  private onMutations(records: MutationRecord[]): void {
    for (const record of records) {
      if (record.type === 'characterData') {
        const target = record.target;
        if (target.parentElement?.localName === MARK_TAG || isInsideSkipped(target)) continue;
        this.done.delete(target);
        this.enqueue(target, this.mutationDelayMs);
        continue;
      }
      for (const node of record.addedNodes) {
        if (!this.isOurs(node) && (node.nodeType === Node.ELEMENT_NODE || node.nodeType === Node.TEXT_NODE)) {
          this.enqueue(node, this.mutationDelayMs);
        }
      }
    }
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length > 0 && !this.options.signal.aborted) {
        const root = this.queue.shift()!;
        if (!root.isConnected) continue;
        let resume: Node | undefined;
        do {
          resume = (await this.scanBatch(root, resume)) ?? undefined;
        } while (resume && !this.options.signal.aborted);
      }
      this.reportFound();
    } catch (error) {
      // The background may be restarting or the extension reloaded; the next mutation tries again.
      if (!this.options.signal.aborted) console.warn('Takedown Lens: marking stopped for this batch', error);
    } finally {
      this.running = false;
      if (this.queue.length > 0 && this.started && !this.options.signal.aborted) this.schedule(0);
      else {
        this.resolveIdle?.();
        this.resolveIdle = undefined;
      }
    }
  }

  /** Scans one batch under `root`; returns where to resume, or null when the root is finished. */
  private async scanBatch(root: Node, resume: Node | undefined): Promise<Node | null> {
    const collected = collectTargets(root, (node) => this.done.has(node), this.batchChars, resume);
    for (const shadowRoot of collected.shadowRoots) {
      if (this.done.has(shadowRoot)) continue;
      this.done.add(shadowRoot);
      this.observer.observe(shadowRoot, { childList: true, subtree: true, characterData: true });
      this.queue.push(shadowRoot);
    }
    const texts = collected.texts;
    const links = collected.links;
    for (const node of [...texts, ...links]) this.done.add(node);
    if (texts.length === 0 && links.length === 0) return collected.next;
    const sent = texts.map((text) => text.data);
    const generation = this.generation;
    const response = await this.options.match({ texts: sent, links: links.map((link) => link.href) });
    if (generation !== this.generation) return null;
    let sliceStart = performance.now();
    const wanted = this.markedStatuses;
    for (let i = 0; i < texts.length; i++) {
      const found = response.texts[i];
      const marks = wanted && found ? found.filter((mark) => wanted.has(mark.status)) : found;
      const text = texts[i]!;
      if (!marks || marks.length === 0 || !text.isConnected || text.data !== sent[i]) continue;
      try {
        const { made, pieces } = wrapTextMarks(text, marks);
        for (const piece of pieces) this.done.add(piece);
        for (const mark of made) this.marks.add(mark);
      } catch (error) {
        // One node that cannot be wrapped (a page that froze its DOM, say) never stops the rest.
        console.warn('Takedown Lens: could not mark a text node', error);
      }
      if (performance.now() - sliceStart > this.sliceMs) {
        await yieldToPage();
        if (generation !== this.generation) return null;
        sliceStart = performance.now();
      }
    }
    links.forEach((link, i) => {
      const mark = response.links[i];
      if (!mark || !link.isConnected || (wanted && !wanted.has(mark.status))) return;
      tagLink(link, mark);
      this.marks.add(link);
    });
    return collected.next;
  }

  private reportFound(): void {
    const ids = this.foundAccountIds();
    const key = ids.join('\n');
    if (key === this.lastReported) return;
    this.lastReported = key;
    this.options.reportFound(ids);
  }
}
