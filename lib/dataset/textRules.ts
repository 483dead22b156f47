// What a text in a dataset may hold. Everything a list says is shown to readers, and names are matched on every
// page, so text that hides itself, reorders what is around it, or matches everywhere is refused.

/**
 * Words so common that a list naming an account by one would mark every page: English function words and Chinese
 * particles. A real account named so is still tracked by its handle or links.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  ...'a an and are as at be been but by can did do for from had has have he her his i if in is it its me my no not of on or our she so than that the their them then there these they this to up us was we were what when which who will with you your'.split(
    ' ',
  ),
  ...'的 了 和 是 在 有 我 你 他 她 它 们 这 那 与 及 或 也 就 都 而 并 被 把 对 从 但 中 上 下 不 个 之 其'.split(' '),
]);

// C0 and C1 control characters, DEL; tab and line breaks are allowed in long text only.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const LINE_BREAK_OR_TAB = /[\t\n\r]/;
// Embeddings, overrides and isolates reorder the text around them (U+202E shows "txt.exe" as "exe.txt").
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
// With the u flag, a surrogate matches only when it is not half of a pair.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
// Something a reader can see: not white space, not a format character (zero-width space, joiners, BOM).
const VISIBLE = /[^\s\p{Cf}]/u;
const LETTER = /\p{L}/u;

// Any of the above (and paired surrogates): one test, so ordinary text costs a single scan.
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const SUSPECT = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uD800-\uDFFF]/;

/** Why a text cannot be shown as it is; null when it can. `multiline` allows tabs and line breaks. */
export function textProblem(value: string, multiline = false): string | null {
  if (!SUSPECT.test(value)) return VISIBLE.test(value) ? null : 'has no visible character';
  if (LONE_SURROGATE.test(value)) return 'contains a lone surrogate (broken UTF-16)';
  if (CONTROL.test(value) || (!multiline && LINE_BREAK_OR_TAB.test(value))) {
    return 'contains a control character (NUL, a line break or another invisible code)';
  }
  if (BIDI_CONTROL.test(value)) return 'contains a bidirectional override or isolate (U+202A-U+202E, U+2066-U+2069)';
  if (!VISIBLE.test(value)) return 'has no visible character';
  return null;
}

const LONGEST_STOP_WORD = Math.max(...[...STOP_WORDS].map((word) => word.length));

/** Why a name cannot be matched on pages; null when it can. */
export function nameProblem(value: string): string | null {
  const problem = textProblem(value);
  if (problem) return problem;
  if (!LETTER.test(value)) return 'a name needs at least one letter';
  const trimmed = value.trim();
  if (trimmed.length <= LONGEST_STOP_WORD && STOP_WORDS.has(trimmed.toLowerCase())) {
    return `"${trimmed}" is a common word and would be marked on every page`;
  }
  // Three UTF-16 units are at least two characters; only shorter names are counted by code point.
  if (trimmed.length < 3 && [...trimmed].length < 2) return 'a name of one character would be marked on every page';
  return null;
}

/** Why a handle cannot be matched on pages ("@the", "@2018" would mark everywhere); null when it can. */
export function handleProblem(value: string): string | null {
  return nameProblem(value.replace(/^@/, ''));
}
