// A fast path for the table that makes a list large: an account that is plainly valid is accepted here, as the
// schema (zod, without its generated code, which extension pages forbid) would return it, at a fraction of the cost.
// Anything else, or anything unusual, is left to the schema, which gives the problems: this only ever says "valid,
// and here it is" or "ask the schema". tests/unit/fastAccount.test.ts checks it never accepts what the schema does
// not, and returns what the schema returns, field for field and in the same order.
//
// A caller that owns the value (a list file just parsed) may take the value itself back when it already is what the
// schema returns (`keep`): a list this extension or its tools wrote then costs no copy of its records. At a million
// accounts the copies were 500 MB made while the parsed records were held, and garbage once the table was checked.
import type { Account } from './schema';
import { LIMITS, PATTERNS } from './schema';
import { handleProblem, nameProblem, textProblem } from './textRules';
import { CATEGORIES, PLATFORMS, PRECISIONS, STATUSES } from './vocabulary';

const PLATFORM_SET: ReadonlySet<unknown> = new Set(PLATFORMS);
const CATEGORY_SET: ReadonlySet<unknown> = new Set(CATEGORIES);
const STATUS_SET: ReadonlySet<unknown> = new Set(STATUSES);
const ACCOUNT_KEYS: ReadonlySet<string> = new Set([
  'id',
  'platform',
  'name',
  'nameNeedsContext',
  'aliases',
  'handle',
  'organisationId',
  'category',
  'status',
  'statusSince',
  'links',
  'notes',
]);
const DATE_KEYS: ReadonlySet<string> = new Set(['value', 'precision', 'qualifier', 'note']);
const PRECISION_SET: ReadonlySet<unknown> = new Set(PRECISIONS);
const QUALIFIERS: ReadonlySet<unknown> = new Set(['on', 'on-or-before', 'about']);
const ALIAS_KEYS: ReadonlySet<string> = new Set(['text', 'lang', 'editorial', 'needsContext']);
const LINK_KEYS: ReadonlySet<string> = new Set(['kind', 'value', 'editorial']);

type Plain = Record<string, unknown>;

const isPlain = (value: unknown): value is Plain =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.getPrototypeOf(value) === Object.prototype;

/** Only keys the schema knows, none of them holding undefined (which only a caller in code could pass). */
function onlyKeys(value: Plain, allowed: ReadonlySet<string>): boolean {
  for (const key of Object.keys(value)) if (!allowed.has(key) || value[key] === undefined) return false;
  return true;
}

const optionalFlag = (value: unknown) => value === undefined || typeof value === 'boolean';

/** `value` when it already is `out` (the same keys, values and order) and may be kept; else `out`. */
function kept<T extends object>(value: Plain, out: T, keep: boolean): T {
  if (!keep) return out;
  const keys = Object.keys(value);
  const outKeys = Object.keys(out);
  if (keys.length !== outKeys.length) return out;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (key !== outKeys[i] || value[key] !== (out as Plain)[key]) return out;
  }
  return value as T;
}

const isId = (value: unknown): value is string =>
  typeof value === 'string' && value.length <= 80 && PATTERNS.id.test(value);

/** A name the schema keeps as it is: within the limit, nothing to trim, matched safely on pages. */
const isName = (value: unknown): value is string =>
  typeof value === 'string' &&
  value.length <= LIMITS.shortText &&
  value.length > 0 &&
  value.trim() === value &&
  nameProblem(value) === null;

/** A paragraph the schema keeps as it is. */
const isLongText = (value: unknown): value is string =>
  typeof value === 'string' &&
  value.length <= LIMITS.longText &&
  value.length > 0 &&
  value.trim() === value &&
  textProblem(value, true) === null;

function partialDate(value: unknown, keep: boolean): Account['statusSince'] | null {
  if (!isPlain(value) || !onlyKeys(value, DATE_KEYS)) return null;
  const { value: text, precision, qualifier, note } = value;
  if (typeof text !== 'string' || !PATTERNS.partialDate.test(text) || !PRECISION_SET.has(precision)) return null;
  if ((qualifier !== undefined && !QUALIFIERS.has(qualifier)) || (note !== undefined && !isLongText(note))) return null;
  const out = { value: text, precision, qualifier: qualifier ?? 'on' } as NonNullable<Account['statusSince']>;
  if (note !== undefined) out.note = note as string;
  return kept(value, out, keep);
}

function alias(value: unknown, keep: boolean): Account['aliases'][number] | null {
  if (!isPlain(value) || !onlyKeys(value, ALIAS_KEYS)) return null;
  const { text, lang, editorial, needsContext } = value;
  if (!isName(text) || !optionalFlag(editorial) || !optionalFlag(needsContext)) return null;
  if (lang !== undefined && !(typeof lang === 'string' && lang.length <= 35 && PATTERNS.languageTag.test(lang))) {
    return null;
  }
  const out: Account['aliases'][number] = { text };
  if (lang !== undefined) out.lang = lang as string;
  if (editorial !== undefined) out.editorial = editorial as boolean;
  if (needsContext !== undefined) out.needsContext = needsContext as boolean;
  return kept(value, out, keep);
}

/**
 * The link kinds checked by pattern alone; profile URLs (parsed as URLs) are left to the schema. A Map, so a kind
 * such as "toString" or "__proto__" finds nothing (an object's prototype would answer it).
 */
const LINK_PATTERNS = new Map<string, { pattern: RegExp; max: number }>([
  ['domain', { pattern: PATTERNS.hostName, max: 253 }],
  ['wechat-biz', { pattern: PATTERNS.wechatBiz, max: 64 }],
  ['wechat-original-id', { pattern: PATTERNS.wechatOriginalId, max: 15 }],
]);

function link(value: unknown, keep: boolean): Account['links'][number] | null {
  if (!isPlain(value) || !onlyKeys(value, LINK_KEYS)) return null;
  const { kind, value: text, editorial } = value;
  const rule = typeof kind === 'string' ? LINK_PATTERNS.get(kind) : undefined;
  if (!rule || typeof text !== 'string' || text.length > rule.max || !rule.pattern.test(text)) return null;
  if (!optionalFlag(editorial)) return null;
  const out = { kind, value: text } as Account['links'][number];
  if (editorial !== undefined) out.editorial = editorial as boolean;
  return kept(value, out, keep);
}

/** The list checked item by item; with `keep`, the list itself when every item was kept as it is. */
function list<T>(
  value: unknown,
  max: number,
  keep: boolean,
  each: (item: unknown, keep: boolean) => T | null,
): T[] | null {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.length > max) return null;
  const out: T[] = [];
  let same = keep;
  for (const item of value) {
    const checked = each(item, keep);
    if (!checked) return null;
    same &&= checked === item;
    out.push(checked);
  }
  return same ? (value as T[]) : out;
}

/**
 * The account as the schema would return it, when it is plainly valid; null: ask the schema. `keep`: the value itself
 * when it already is that (the same fields, values and order); only for a caller that owns the value.
 */
export function fastAccount(value: unknown, keep = false): Account | null {
  if (!isPlain(value) || !onlyKeys(value, ACCOUNT_KEYS)) return null;
  const { id, platform, name, nameNeedsContext, handle, organisationId, category, status } = value;
  if (!isId(id) || !PLATFORM_SET.has(platform) || !isName(name) || !optionalFlag(nameNeedsContext)) return null;
  if (!CATEGORY_SET.has(category) || !STATUS_SET.has(status)) return null;
  if (organisationId !== undefined && !isId(organisationId)) return null;
  if (
    handle !== undefined &&
    !(typeof handle === 'string' && handle.length <= 65 && PATTERNS.handle.test(handle) && !handleProblem(handle))
  ) {
    return null;
  }
  const { notes } = value;
  if (notes !== undefined && !isLongText(notes)) return null;
  const statusSince = value.statusSince === undefined ? undefined : partialDate(value.statusSince, keep);
  if (statusSince === null) return null;
  const aliases = list(value.aliases, LIMITS.aliasesPerAccount, keep, alias);
  const links = list(value.links, LIMITS.linksPerAccount, keep, link);
  if (!aliases || !links) return null;
  // The schema's order of fields, so a list exported again reads the same.
  const out = { id, platform, name } as Account;
  if (nameNeedsContext !== undefined) out.nameNeedsContext = nameNeedsContext as boolean;
  out.aliases = aliases;
  if (handle !== undefined) out.handle = handle as string;
  if (organisationId !== undefined) out.organisationId = organisationId;
  out.category = category as Account['category'];
  out.status = status as Account['status'];
  if (statusSince) out.statusSince = statusSince;
  out.links = links;
  if (notes !== undefined) out.notes = notes as string;
  return kept(value, out, keep);
}
