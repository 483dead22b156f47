// How much work one page can make the content script do. A hostile page can grow its text, mutate forever or nest
// shadow roots without end; past these limits the extension does less on that page, never more. Marks already
// made stay, and a page that touches a marked text node always gets it back (that is not limited).
export interface PageLimits {
  /** Characters sent to be matched over the life of one page; after that, no new text is matched on it. */
  maxPageChars: number;
  /** A block whose text is longer is not matched at all (no name is that long; such text is machine-made). */
  maxRunChars: number;
  /** Batches of page changes start at least this long apart (at most 5 a second by default). */
  minRunGapMs: number;
  /** Shadow roots nested deeper than this (a shadow root in a shadow root in …) are not read. */
  maxShadowDepth: number;
}

export const PAGE_LIMITS: PageLimits = {
  maxPageChars: 20_000_000,
  maxRunChars: 1_000_000,
  minRunGapMs: 200,
  maxShadowDepth: 32,
};

/**
 * A page's quick look (page:probe): its whole text and its links go in one request only up to these sizes; a larger
 * page is read block by block without one.
 */
export const PROBE_LIMITS = { maxChars: 2_000_000, maxLinks: 5_000 } as const;

/** The longest name or handle the matcher takes (longer text is no name): a look overlaps the last one by as much. */
export const MAX_NAME_CHARS = 1_000;
