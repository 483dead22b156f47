// What the extension changed on a page, known from its own records and never from attributes a page can write.
//
// Marking a text node never moves it: the page's node keeps its place and the text before the first mark, and the
// extension's own nodes (mark pieces, the text between and after them) follow it in the same parent. When the page
// touches any of that (sets the node's text, removes or moves it, puts something between the pieces), `restore`
// removes our nodes and gives the node back the text the page gave it (unless the page has just set new text),
// before the page is painted again; the marker then matches the block again.
import { createMarkPiece, insideControl, type MarkClaim, untagLink } from './markElements';
import type { RunPiece } from './textRuns';
import { claimKey } from '../../lib/claims';

/** One mark as a reader sees it: one claim, one tab stop, one card, though it may span several text nodes. */
export interface MarkGroup extends MarkClaim {
  text: string;
  pieces: HTMLElement[];
  splits: Set<SplitRecord>;
}

/** A page text node we split, and the nodes we added after it, in order. */
export interface SplitRecord {
  node: Text;
  original: string;
  /** The text we left in the page's node: what comes before the first mark. */
  kept: string;
  added: Node[];
  groups: Set<MarkGroup>;
}

/** A planned mark: its claim, its text, its accessible name, and the part of each text node it covers. */
export interface PlannedMark extends MarkClaim {
  text: string;
  label: string;
  pieces: RunPiece[];
}

export class MarkRegistry {
  readonly #splits = new Map<Text, SplitRecord>();
  /** Every node we added to the page, and the split it belongs to (null for our own UI, such as a <style>). */
  readonly #owner = new WeakMap<Node, SplitRecord | null>();
  readonly #groupOfPiece = new WeakMap<Element, MarkGroup>();
  readonly #groups = new Set<MarkGroup>();
  readonly #links = new Map<HTMLAnchorElement, MarkClaim>();

  /** Our own nodes: marks, their text, split-off text, our styles and UI hosts. */
  isOurs(node: Node): boolean {
    return this.#owner.has(node);
  }

  addUi(node: Node): void {
    this.#owner.set(node, null);
  }

  /** The page's text of a node: for a node we split, all the text the page gave it. */
  textOf(node: Text): string {
    return this.#splits.get(node)?.original ?? node.data;
  }

  /** Whether any text node is split for a mark: a page with none has no split to check on its changes. */
  get hasSplits(): boolean {
    return this.#splits.size > 0;
  }

  splitOf(node: Node): SplitRecord | undefined {
    if (node.nodeType === Node.TEXT_NODE) {
      const own = this.#splits.get(node as Text);
      if (own) return own;
    }
    return this.#owner.get(node) ?? undefined;
  }

  /** The mark a piece belongs to, if the element is one of ours. */
  groupOf(element: Element): MarkGroup | undefined {
    return this.#groupOfPiece.get(element);
  }

  linkClaim(element: Element): MarkClaim | undefined {
    return this.#links.get(element as HTMLAnchorElement);
  }

  /** True while a split still stands as we left it: the node, then our nodes, contiguous, in one parent. */
  isIntact(split: SplitRecord): boolean {
    const parent = split.node.parentNode;
    if (!parent || split.node.data !== split.kept) return false;
    let previous: Node = split.node;
    for (const node of split.added) {
      if (node.parentNode !== parent || node.previousSibling !== previous) return false;
      previous = node;
    }
    return true;
  }

  /** Splits a page script changed (while nothing observed the page): each is to be undone. */
  brokenSplits(): SplitRecord[] {
    return [...this.#splits.values()].filter((split) => !this.isIntact(split));
  }

  /**
   * Makes the planned marks, splitting each text node once. The caller has checked that every node holds the text
   * the plan was made from. Returns the marks made.
   */
  apply(doc: Document, planned: readonly PlannedMark[]): MarkGroup[] {
    const byNode = new Map<Text, Array<{ piece: RunPiece; group: MarkGroup; label: string | null }>>();
    const made: MarkGroup[] = [];
    for (const plan of planned) {
      const group: MarkGroup = {
        match: plan.match,
        id: plan.id,
        status: plan.status,
        text: plan.text,
        pieces: [],
        splits: new Set(),
      };
      const focusable = !plan.pieces.some((piece) => insideControl(piece.node));
      plan.pieces.forEach((piece, i) => {
        const label = focusable && i === 0 ? plan.label : null;
        let list = byNode.get(piece.node);
        if (!list) byNode.set(piece.node, (list = []));
        list.push({ piece, group, label });
      });
      made.push(group);
    }
    for (const [node, list] of byNode) {
      list.sort((a, b) => a.piece.start - b.piece.start);
      const original = node.data;
      const kept = original.slice(0, list[0]!.piece.start);
      const split: SplitRecord = { node, original, kept, added: [], groups: new Set() };
      let at = list[0]!.piece.start;
      for (const { piece, group, label } of list) {
        if (piece.start > at) split.added.push(doc.createTextNode(original.slice(at, piece.start)));
        const element = createMarkPiece(doc, group, original.slice(piece.start, piece.end), label);
        split.added.push(element);
        this.#owner.set(element.firstChild!, split);
        this.#groupOfPiece.set(element, group);
        group.pieces.push(element);
        group.splits.add(split);
        split.groups.add(group);
        at = piece.end;
      }
      if (at < original.length) split.added.push(doc.createTextNode(original.slice(at)));
      for (const added of split.added) this.#owner.set(added, split);
      node.data = kept;
      node.after(...split.added);
      this.#splits.set(node, split);
    }
    for (const group of made) {
      // Pieces of one mark follow document order, so the first one takes focus.
      group.pieces.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
      this.#groups.add(group);
    }
    return made;
  }

  /**
   * Undoes a split and every split that shares a mark with it, so no mark is left in part. The page's node gets its
   * text back, except those in `keepText` (the page has just set their text). Returns the page nodes restored.
   */
  restore(first: SplitRecord, keepText?: ReadonlySet<Text>): Text[] {
    const restored: Text[] = [];
    const work = [first];
    while (work.length > 0) {
      const split = work.pop()!;
      if (this.#splits.get(split.node) !== split) continue;
      this.#splits.delete(split.node);
      for (const node of split.added) (node as ChildNode).remove();
      if (!keepText?.has(split.node)) split.node.data = split.original;
      restored.push(split.node);
      for (const group of split.groups) {
        if (!this.#groups.delete(group)) continue;
        for (const other of group.splits) if (other !== split) work.push(other);
      }
    }
    return restored;
  }

  tagLink(link: HTMLAnchorElement, claim: MarkClaim): void {
    this.#links.set(link, claim);
  }

  /** Removes every mark and link tag: the page is left as it was. */
  clear(): void {
    for (const split of [...this.#splits.values()]) this.restore(split);
    for (const link of this.#links.keys()) untagLink(link);
    this.#links.clear();
  }

  /** Restores splits whose node left the page (after a removal we saw no reason to touch at the time). */
  sweep(): void {
    for (const split of [...this.#splits.values()]) if (!split.node.isConnected) this.restore(split);
    for (const link of [...this.#links.keys()]) if (!link.isConnected) this.#links.delete(link);
  }

  /**
   * What takes keyboard focus for each mark on the page, in document order: a mark's focusable piece, the link that
   * holds a mark, a tagged link.
   */
  focusTargets(): HTMLElement[] {
    const targets = new Set<HTMLElement>();
    for (const group of this.#groups) {
      const piece = group.pieces.find((element) => element.isConnected);
      if (!piece) continue;
      const holder = piece.tabIndex === 0 ? piece : piece.closest<HTMLElement>('a[href], button');
      if (holder) targets.add(holder);
    }
    for (const link of this.#links.keys()) if (link.isConnected) targets.add(link);
    return [...targets].sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
  }

  /** Distinct claims of the marks and tagged links on the page, as claimKey(match, id). */
  found(): string[] {
    const ids = new Set<string>();
    for (const group of this.#groups) if (group.pieces[0]?.isConnected) ids.add(claimKey(group.match, group.id));
    for (const [link, claim] of this.#links) if (link.isConnected) ids.add(claimKey(claim.match, claim.id));
    return [...ids].sort();
  }
}
