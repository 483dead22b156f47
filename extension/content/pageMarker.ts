// Marks a live page: looks at its whole text first (page:probe: may anything here be marked?), and where it may,
// collects its text by block, asks the background to match it, marks what matched, and keeps up with the page
// through one batched MutationObserver (open shadow roots included).
//
//   first read: quick look (whole text outside skipped elements + links) ─ no ─▶ only the shadow roots it missed
//   MutationObserver ─▶ restore what the page touched ─▶ queue of blocks ─▶ collectRuns (≤ batchChars)
//        ─▶ page:match (cut by count and size, retried in halves) ─▶ MarkRegistry.apply / tag links ─▶ page:found
//
// Our own edits are taken off the observer's record list as soon as they are made, so they never count as the
// page's mutations. What is ours is known from MarkRegistry, never from attributes.
import type { Status } from '../../lib/dataset/schema';
import type { LinkMark, TextMark } from '../../lib/matching/takedownMatcher';
import { claimKey } from '../../lib/claims';
import { DEFAULT_BATCH_LIMITS, matchInBatches, type BatchLimits } from '../../lib/pageMatchBatches';
import { PAGE_LIMITS, PROBE_LIMITS, type PageLimits } from '../../lib/pageLimits';
import type { PageMatchRequest, PageMatchResponse, PageProbeRequest } from '../../lib/protocol';
import { tagLink } from './markElements';
import { MarkRegistry, type PlannedMark } from './markRegistry';
import { isInsideSkipped, textOutsideSkipped } from './pageScope';
import { ParsedText } from './parsedText';
import { blockOf, collectRuns, isInlineElement, piecesOf, type TextRun } from './textRuns';

export interface PageMarkerOptions {
  match(request: PageMatchRequest): Promise<PageMatchResponse>;
  /**
   * The quick look (page:probe): whether anything in the page's whole text or links may be marked. Without it, or
   * when it says yes or fails, the page is read block by block.
   */
  probe?(request: PageProbeRequest): Promise<boolean>;
  /** What the page mentions, as claimKey(match, id): accounts and organisations. */
  reportFound(found: string[]): void;
  signal: AbortSignal;
  /** Characters of text collected in one slice. */
  batchChars?: number;
  /** Limits of one request to the background. */
  batchLimits?: BatchLimits;
  /** Longest stretch of main-thread work before yielding to the page. */
  sliceMs?: number;
  /** Wait after a mutation before scanning, so bursts of changes are handled in one batch. */
  mutationDelayMs?: number;
  /** While the page is parsed: how often what the parser added is read. */
  parseTickMs?: number;
  /** Statuses that get marked; the rest are left unmarked. */
  markedStatuses?: readonly Status[];
  /** false: organisations named in passing are not marked (accounts still are). */
  markOrganisations?: boolean;
  registry?: MarkRegistry;
  /** How much work this page may cause (lib/pageLimits.ts); tests lower them. */
  limits?: Partial<PageLimits>;
}

/** More queued roots than this and one rescan of each root (document and shadow roots) is cheaper. */
const FLOOD = 500;
const MAX_RETRIES = 3;
const RETRY_DELAY_MS = 1_000;
const OBSERVED: MutationObserverInit = { childList: true, subtree: true, characterData: true };

/** Elements that may hold a shadow root the quick look could not see (see lookForShadowRoots). */
const SHADOW_HOSTS =
  '//*[contains(local-name(),"-") or not(node()) and contains(" article aside blockquote div footer h1 h2 h3 h4 h5 h6 ' +
  'header main nav p section span ",concat(" ",local-name()," "))]';

const yieldToPage = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class PageMarker {
  readonly #registry: MarkRegistry;

  /** Which nodes are ours, and what each mark claims. */
  get registry(): MarkRegistry {
    return this.#registry;
  }
  /**
   * Text nodes and links read and not changed since, with the text read (a link's is empty). The text is compared
   * as well: while the page is parsed, nothing observes a change to it.
   */
  #done = new WeakMap<Node, string>();
  #markedStatuses: Set<Status> | undefined;
  #markOrganisations: boolean;
  /** Each account's and organisation's accessible name so far (what it claims), from the background's answers. */
  readonly #labels = new Map<string, string>();
  #started = false;
  /** Bumped by stop(): a batch whose answer arrives after a stop belongs to an old page state and is dropped. */
  #generation = 0;
  #queue: Node[] = [];
  /** The nodes in `queue`, for a quick "already waiting". */
  readonly #queued = new Set<Node>();
  readonly #shadowRoots = new Set<ShadowRoot>();
  readonly #observer: MutationObserver;
  #running = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #lastReported: string | undefined;
  readonly #batchChars: number;
  readonly #batchLimits: BatchLimits;
  readonly #sliceMs: number;
  readonly #mutationDelayMs: number;
  readonly #parseTickMs: number;
  readonly #linkStyled = new WeakSet<Node>();
  readonly #retries = new WeakMap<Node, number>();
  readonly #limits: PageLimits;
  /** Characters sent to be matched so far on this page. */
  #charsSent = 0;
  #lastRunEnd = -Infinity;
  /** Settles when the queue is empty; tests and the demo wait on it. */
  idle: Promise<void> = Promise.resolve();
  #resolveIdle: (() => void) | undefined;

  readonly #doc: Document;
  readonly #options: PageMarkerOptions;

  constructor(doc: Document, options: PageMarkerOptions) {
    this.#doc = doc;
    this.#options = options;
    this.#registry = options.registry ?? new MarkRegistry();
    this.#batchChars = options.batchChars ?? 100_000;
    this.#batchLimits = options.batchLimits ?? DEFAULT_BATCH_LIMITS;
    this.#sliceMs = options.sliceMs ?? 8;
    this.#mutationDelayMs = options.mutationDelayMs ?? 50;
    this.#parseTickMs = options.parseTickMs ?? 100;
    this.#markedStatuses = options.markedStatuses ? new Set(options.markedStatuses) : undefined;
    this.#markOrganisations = options.markOrganisations ?? true;
    this.#limits = { ...PAGE_LIMITS, ...options.limits };
    this.#observer = new MutationObserver((records) => this.#ownEdit(() => this.#onMutations(records)));
    options.signal.addEventListener('abort', () => this.stop(), { once: true });
  }

  /** Where the page's text is: its body (or, without one, the root element). */
  get #root(): HTMLElement {
    return this.#doc.body ?? this.#doc.documentElement;
  }

  get isStarted(): boolean {
    return this.#started;
  }

  start(): void {
    if (this.#started || this.#options.signal.aborted) return;
    this.#started = true;
    // While the parser runs, the observer stays off: it would get a record for every node the parser adds.
    if (this.#doc.readyState === 'loading') this.idle = this.#followParser();
    else {
      this.#observe();
      this.idle = this.#readPage();
    }
  }

  /**
   * Reads the parsed page: one pass over every block not done. On a first read, the quick look comes before it: most
   * pages mention nothing tracked, and one look at their whole text costs a fraction of reading every text node.
   * `looked`: the looks while the page was parsed saw all of it and found nothing. Settles once the pass is done (or
   * the page used up its characters).
   */
  async #readPage(looked = false): Promise<void> {
    const generation = this.#generation;
    if (await this.#nothingToMark(looked)) {
      if (generation !== this.#generation) return;
      // The look saw no shadow root's text: those of custom elements are read (see lookForShadowRoots).
      this.#lookForShadowRoots();
      if (this.#queue.length > 0) this.#runQueue(0);
    } else if (generation === this.#generation) this.#enqueue(this.#root, 0);
    if (generation !== this.#generation) return;
    // Queued: the run sweeps and reports. Not queued (nothing to read, or no characters left): done here.
    if (this.#resolveIdle) await this.idle;
    else {
      this.#ownEdit(() => this.#registry.sweep());
      this.#reportFound();
    }
  }

  /**
   * The quick look says no part of the page can be marked (only on a page with no mark yet). `looked`: its text was
   * looked at while it was parsed, and only its links are left.
   */
  async #nothingToMark(looked: boolean): Promise<boolean> {
    const root = this.#root;
    if (!this.#options.probe || !root || this.#registry.hasSplits || this.isOverBudget) return false;
    const links: string[] = [];
    for (const link of root.querySelectorAll('a[href]')) {
      const href = (link as HTMLAnchorElement).href;
      if (typeof href === 'string') links.push(href); // not an SVG link: the walk never reads those
    }
    return !(await this.#mayMark({ text: looked ? '' : textOutsideSkipped(root), links }));
  }

  /**
   * The background's answer to a look: true when it may hold a mark, when it is too large for one request, or when
   * the look failed (the background restarting, say): the page is then read block by block.
   */
  async #mayMark(request: PageProbeRequest): Promise<boolean> {
    if (request.text.length > PROBE_LIMITS.maxChars || request.links.length > PROBE_LIMITS.maxLinks) return true;
    // A look spends the page's characters as a read does: past them, nothing new is looked at or matched.
    if ((request.text.length === 0 && request.links.length === 0) || this.isOverBudget) return false;
    this.#charsSent += request.text.length;
    try {
      return await this.#options.probe!(request);
    } catch {
      return true;
    }
  }

  /**
   * Open shadow roots the look could not see, queued to be read: those of custom elements (a hyphen in the name:
   * where most shadow roots are) and of empty elements of the kinds that can have one (a script's <section> host).
   * One XPath query finds them without a wrapper for every element. A shadow root on a built-in element that has
   * children of its own is found only by a walk: on a page the look passed over, once the page changes around it.
   */
  #lookForShadowRoots(): void {
    try {
      // 7: an ordered snapshot.
      const hosts = this.#doc.evaluate(SHADOW_HOSTS, this.#doc, null, 7, null);
      for (let i = 0; i < hosts.snapshotLength; i++) {
        const root = (hosts.snapshotItem(i) as Element | null)?.shadowRoot;
        if (root) this.#watchShadowRoot(root);
      }
    } catch {
      // No XPath here: the shadow roots are read when the page changes around them.
    }
  }

  #observe(): void {
    this.#observer.observe(this.#doc.documentElement, OBSERVED);
    for (const root of this.#shadowRoots) this.#observer.observe(root, OBSERVED);
  }

  /**
   * A page still being parsed: every parseTickMs, reads what the parser added after the last node read. Nothing
   * observes the page meanwhile, so the parser's insertions cost nothing; once the page is parsed, the observer
   * starts, marks a page script broke are undone, and one pass over the whole page reads what is not done (text a
   * page script added or changed while the parser ran, and the rest of the page).
   */
  async #followParser(): Promise<void> {
    const generation = this.#generation;
    const current = () => generation === this.#generation && !this.#options.signal.aborted;
    const parsed = new Promise<void>((resolve) => {
      if (this.#doc.readyState !== 'loading') return resolve();
      this.#doc.addEventListener('DOMContentLoaded', () => resolve(), { once: true, signal: this.#options.signal });
    });
    let done = false;
    void parsed.then(() => (done = true));
    let resume: Node | undefined;
    // With a quick look, what the parser added is looked at first, and read block by block only once a look may
    // have found something (from then on, as without a look).
    const parsedText = this.#options.probe ? new ParsedText(this.#doc) : undefined;
    let reading = !parsedText;
    try {
      while (!done && current()) {
        if (!reading && parsedText) reading = await this.#mayMark({ text: parsedText.next(), links: [] });
        if (!current()) return;
        for (; reading;) {
          const next = await this.#scanBatch(this.#doc.documentElement, resume, (read) => (resume = read));
          if (!current() || !next) break;
          resume = next;
        }
        if (!current()) return;
        await Promise.race([parsed, new Promise((resolve) => setTimeout(resolve, this.#parseTickMs))]);
      }
      // What the parser added last; then, if every look said no and the page is all the looks saw, no other look.
      const seen =
        !reading &&
        parsedText &&
        !(await this.#mayMark({ text: parsedText.next(), links: [] })) &&
        parsedText.unchanged();
      if (!current()) return;
      this.#observe();
      this.#ownEdit(() => {
        for (const split of this.#registry.brokenSplits()) this.#release(split.node, false);
      });
      await this.#readPage(!!seen);
    } catch (error) {
      if (current()) console.warn('Takedown Lens: marking stopped while the page loaded', error);
    }
  }

  stop(): void {
    this.#started = false;
    this.#generation++;
    this.#observer.disconnect();
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#queue = [];
    this.#queued.clear();
  }

  /** Removes every mark, leaving the page's text as it was, and stops. */
  unmarkAll(): void {
    this.stop();
    this.#registry.clear();
    this.#done = new WeakMap();
    this.#reportFound();
  }

  /** Marks the page again from scratch: after the dataset or the marked statuses changed. */
  restart(markedStatuses?: readonly Status[], markOrganisations?: boolean): void {
    if (markedStatuses) this.#markedStatuses = new Set(markedStatuses);
    if (markOrganisations !== undefined) this.#markOrganisations = markOrganisations;
    this.#labels.clear();
    // The extension asked for this (a new dataset, other settings), not the page: the page's budget starts again.
    this.#charsSent = 0;
    this.unmarkAll();
    this.start();
  }

  /** What the page's marks are about, as claimKey(match, id). */
  found(): string[] {
    return this.#registry.found();
  }

  /**
   * Runs our DOM edits so that the observer never sees them: the page's pending records are handled first, and
   * the records our edits made are taken off the list before anything else runs.
   */
  #ownEdit<T>(edit: () => T): T {
    const pending = this.#observer.takeRecords();
    if (pending.length > 0) this.#onMutations(pending);
    try {
      return edit();
    } finally {
      this.#observer.takeRecords();
    }
  }

  /** True once the page used up its characters: nothing new is matched on it (its marks stay, and are kept safe). */
  get isOverBudget(): boolean {
    return this.#charsSent >= this.#limits.maxPageChars;
  }

  #enqueue(node: Node, delay: number): void {
    if (this.#options.signal.aborted || !this.#started || this.isOverBudget) return;
    if (this.#queued.has(node)) {
      // already waiting
    } else if (this.#queue.length >= FLOOD) this.#collapseQueue();
    else {
      this.#queue.push(node);
      this.#queued.add(node);
    }
    this.#runQueue(delay);
  }

  /** Reads the queue after `delay`; `idle` settles once it is empty. */
  #runQueue(delay: number): void {
    if (!this.#resolveIdle) this.idle = new Promise((resolve) => (this.#resolveIdle = resolve));
    this.#schedule(delay);
  }

  /** A flood of changes: rescan the document and every open shadow root once (done text is skipped). */
  #collapseQueue(): void {
    this.#queue = [this.#root];
    for (const root of this.#shadowRoots) if (root.host.isConnected) this.#queue.push(root);
    this.#queued.clear();
    for (const root of this.#queue) this.#queued.add(root);
  }

  #schedule(delay: number): void {
    if (this.#timer !== undefined || this.#running) return;
    // However fast the page changes, batches start at least minRunGapMs apart.
    const wait = Math.max(delay, this.#lastRunEnd + this.#limits.minRunGapMs - performance.now());
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#run();
    }, wait);
  }

  /** Where a change to `node` is read again: its block (a new block element is read on its own). */
  #rescanRootFor(node: Node): Node {
    if (node.nodeType === Node.ELEMENT_NODE && !isInlineElement(node as Element)) return node;
    return blockOf(node);
  }

  /**
   * Undoes our split around a node the page touched, and queues its block to be matched again. A node whose text
   * the page set keeps that text, whichever record tells us first (a removal beside it may come before).
   */
  #release(node: Node, pageSetText: boolean): void {
    const split = this.#registry.splitOf(node);
    if (!split) return;
    const textSet = (pageSetText && node === split.node) || split.node.data !== split.kept;
    const keep = textSet ? new Set([split.node]) : undefined;
    for (const restored of this.#registry.restore(split, keep)) {
      this.#done.delete(restored);
      if (restored.isConnected) this.#enqueue(this.#rescanRootFor(restored), this.#mutationDelayMs);
    }
  }

  #checkSplitAt(node: Node | null): void {
    if (!node) return;
    const split = this.#registry.splitOf(node);
    if (split && !this.#registry.isIntact(split)) this.#release(split.node, false);
  }

  #onMutations(records: MutationRecord[]): void {
    // A page with no mark yet (most pages, and every page while it is parsed) has no split to check or restore.
    const splits = this.#registry.hasSplits;
    for (const record of records) {
      const target = record.target;
      if (record.type === 'characterData') {
        if (splits && this.#registry.splitOf(target)) {
          this.#release(target, true);
          continue;
        }
        if (isInsideSkipped(target)) continue;
        this.#done.delete(target);
        this.#enqueue(this.#rescanRootFor(target), this.#mutationDelayMs);
        continue;
      }
      if (splits) {
        for (const node of record.removedNodes) if (this.#registry.splitOf(node)) this.#release(node, false);
        this.#checkSplitAt(record.previousSibling);
        this.#checkSplitAt(record.nextSibling);
      }
      for (const node of record.addedNodes) {
        if (this.#registry.isOurs(node)) {
          this.#release(node, false);
          continue;
        }
        // Something put between a split node and our pieces: the page's order comes back.
        if (splits) {
          this.#checkSplitAt(node.previousSibling);
          this.#checkSplitAt(node.nextSibling);
        }
        if (node.nodeType !== Node.ELEMENT_NODE && node.nodeType !== Node.TEXT_NODE) continue;
        // Text or an inline element joins the text around it: its whole block is read again.
        const root = node.nodeType === Node.TEXT_NODE || isInlineElement(node as Element) ? blockOf(target) : node;
        if (root !== node) this.#forgetNeighbours(node);
        this.#enqueue(root, this.#mutationDelayMs);
      }
    }
  }

  /** The text nodes around an insertion belong to a changed run: they are matched again with it. */
  #forgetNeighbours(inserted: Node): void {
    for (const sibling of [inserted.previousSibling, inserted.nextSibling]) {
      if (sibling && sibling.nodeType === Node.TEXT_NODE) this.#done.delete(sibling);
    }
    this.#done.delete(inserted);
  }

  async #run(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    try {
      while (this.#queue.length > 0 && !this.#options.signal.aborted) {
        const root = this.#queue.shift()!;
        this.#queued.delete(root);
        if (!root.isConnected) continue;
        let resume: Node | undefined;
        do {
          resume = (await this.#scanBatch(root, resume)) ?? undefined;
        } while (resume && !this.#options.signal.aborted);
      }
      this.#ownEdit(() => this.#registry.sweep());
      this.#reportFound();
    } catch (error) {
      // The background may be restarting or the extension reloaded; the next mutation tries again.
      if (!this.#options.signal.aborted && this.#started)
        console.warn('Takedown Lens: marking stopped for this batch', error);
    } finally {
      this.#running = false;
      this.#lastRunEnd = performance.now();
      if (this.#queue.length > 0 && this.#started && !this.#options.signal.aborted) this.#schedule(0);
      else {
        this.#resolveIdle?.();
        this.#resolveIdle = undefined;
      }
    }
  }

  #watchShadowRoot(root: ShadowRoot): void {
    if (this.#shadowRoots.has(root) || shadowDepth(root, this.#limits.maxShadowDepth) > this.#limits.maxShadowDepth)
      return;
    this.#shadowRoots.add(root);
    this.#observer.observe(root, OBSERVED);
    if (!this.#queued.has(root)) {
      this.#queue.push(root);
      this.#queued.add(root);
    }
  }

  /** Scans one slice under `root`; returns where to resume, or null when the root is finished. */
  async #scanBatch(root: Node, resume: Node | undefined, onRead?: (last: Node) => void): Promise<Node | null> {
    const registry = this.#registry;
    const collected = collectRuns(
      root,
      {
        isDone: (node) => this.#isDone(node),
        isOurs: (node) => registry.isOurs(node),
        textOf: (node) => registry.textOf(node),
        maxChars: this.#batchChars,
        maxItems: this.#batchLimits.maxItems * 4,
      },
      resume?.isConnected ? resume : undefined,
    );
    for (const shadowRoot of collected.shadowRoots) this.#watchShadowRoot(shadowRoot);
    const { links } = collected;
    const runs = this.#withinLimits(collected.runs);
    if (collected.last) onRead?.(collected.last);
    if (runs.length === 0 && links.length === 0) return this.isOverBudget ? null : collected.next;
    const sent = runs.map((run) => run.text);
    const generation = this.#generation;
    const answer = await matchInBatches(
      { texts: sent, links: links.map((link) => link.href) },
      (request) => this.#options.match(request),
      this.#batchLimits,
      () => {
        if (this.#options.signal.aborted || generation !== this.#generation) throw new Error('stopped');
      },
    );
    if (generation !== this.#generation) return null;
    for (const [key, label] of Object.entries(answer.labels)) this.#labels.set(key, label);
    if (answer.texts.includes(undefined) || answer.links.includes(undefined)) this.#retryLater(root);
    let sliceStart = performance.now();
    for (let i = 0; i < runs.length; i++) {
      const found = answer.texts[i];
      if (found === undefined) continue; // not matched, so not done: tried again later
      this.#ownEdit(() => this.#applyRun(runs[i]!, found));
      if (performance.now() - sliceStart > this.#sliceMs) {
        await yieldToPage();
        if (generation !== this.#generation) return null;
        sliceStart = performance.now();
      }
    }
    this.#ownEdit(() =>
      links.forEach((link, i) => {
        const mark = answer.links[i];
        if (mark === undefined) return;
        this.#done.set(link, '');
        if (mark && link.isConnected && this.#wanted(mark)) this.#tagLink(link, mark);
      }),
    );
    return collected.next;
  }

  #isDone(node: Node): boolean {
    const read = this.#done.get(node);
    return read !== undefined && (node.nodeType !== Node.TEXT_NODE || read === this.#registry.textOf(node as Text));
  }

  /**
   * The runs that may be matched: a run over maxRunChars is never sent (it is taken as done), and the page's
   * character budget is spent in order; what is past it is not sent.
   */
  #withinLimits(runs: TextRun[]): TextRun[] {
    const kept: TextRun[] = [];
    for (const run of runs) {
      if (run.text.length > this.#limits.maxRunChars) {
        for (const { node } of run.segments) this.#done.set(node, this.#registry.textOf(node));
        continue;
      }
      if (this.#charsSent + run.text.length > this.#limits.maxPageChars) {
        this.#charsSent = this.#limits.maxPageChars;
        console.info('Takedown Lens: this page passed its character limit; new text on it is not marked.');
        break;
      }
      this.#charsSent += run.text.length;
      kept.push(run);
    }
    return kept;
  }

  /** Items the background could not match are tried again a few times, a while later. */
  #retryLater(root: Node): void {
    const tries = this.#retries.get(root) ?? 0;
    if (tries >= MAX_RETRIES) return;
    this.#retries.set(root, tries + 1);
    setTimeout(() => this.#enqueue(root, 0), RETRY_DELAY_MS * 2 ** tries);
  }

  #wanted(mark: TextMark | LinkMark): boolean {
    if (mark.match === 'organisation' && !this.#markOrganisations) return false;
    return !this.#markedStatuses || this.#markedStatuses.has(mark.status);
  }

  #tagLink(link: HTMLAnchorElement, mark: LinkMark): void {
    const style = tagLink(link, mark, this.#linkStyled);
    if (style) this.#registry.addUi(style);
    this.#registry.tagLink(link, mark);
  }

  /** Marks one run with its answer, if its text nodes still hold the text that was matched. */
  #applyRun(run: TextRun, found: TextMark[]): void {
    for (const { node, start, end } of run.segments) {
      if (!node.isConnected || this.#registry.textOf(node) !== run.text.slice(start, end)) return;
    }
    // Splits we made earlier in this run are undone and made again from the new answer, in the same task.
    for (const { node } of run.segments) {
      const split = this.#registry.splitOf(node);
      if (split && split.node === node) this.#registry.restore(split);
    }
    for (const { node } of run.segments) {
      if (node.data !== this.#registry.textOf(node)) return;
      this.#done.set(node, node.data);
    }
    const planned: PlannedMark[] = [];
    for (const mark of found) {
      if (!this.#wanted(mark) || mark.start < 0 || mark.end > run.text.length || mark.start >= mark.end) continue;
      const pieces = piecesOf(run, mark.start, mark.end);
      if (pieces.length > 1 && !laidOutInline(pieces.map((piece) => piece.node))) continue;
      const text = run.text.slice(mark.start, mark.end);
      const label = this.#labels.get(claimKey(mark.match, mark.id)) ?? text;
      planned.push({ match: mark.match, id: mark.id, status: mark.status, text, label, pieces });
    }
    if (planned.length === 0) return;
    try {
      this.#registry.apply(this.#doc, planned);
    } catch (error) {
      // A page that froze its DOM, say: one run that cannot be marked never stops the rest.
      console.warn('Takedown Lens: could not mark a block', error);
    }
  }

  #reportFound(): void {
    const ids = this.found();
    const key = ids.join('\n');
    if (key === this.#lastReported) return;
    this.#lastReported = key;
    this.#options.reportFound(ids);
  }
}

/** How many shadow roots deep `root` is (1 for one in the document); stops counting past `cap`. */
function shadowDepth(root: ShadowRoot, cap: number): number {
  let depth = 1;
  let node: Node = root.host.getRootNode();
  // A shadow root is the one kind of document fragment with a host (instanceof is unreliable across worlds).
  while (node.nodeType === Node.DOCUMENT_FRAGMENT_NODE && 'host' in node && depth <= cap) {
    depth++;
    node = (node as ShadowRoot).host.getRootNode();
  }
  return depth;
}

/** True when the elements between these text nodes are laid out inline, so their text reads as one stretch. */
function laidOutInline(nodes: Text[]): boolean {
  const first = nodes[0]!;
  const last = nodes[nodes.length - 1]!;
  const range = first.ownerDocument.createRange();
  range.setStart(first, 0);
  range.setEnd(last, 0);
  const common = range.commonAncestorContainer;
  const view = first.ownerDocument.defaultView;
  if (!view) return false;
  for (const node of nodes) {
    for (let element = node.parentElement; element && element !== common; element = element.parentElement) {
      const display = view.getComputedStyle(element).display;
      // An empty value means no layout is known (a DOM without one): the tag already said inline.
      if (display !== 'inline' && display !== 'contents' && display !== '') return false;
    }
  }
  return true;
}
