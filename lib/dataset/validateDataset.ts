// One entry point for every dataset that enters the extension: bundled, downloaded, imported or checked by CLI.
// A file is checked record by record, so a file of 25,000 broken accounts costs one pass and a bounded list of
// problems (the first MAX_PROBLEMS_REPORTED, and how many more), never a deep stack.
import { z } from 'zod';
import { convertV1 } from './convertV1';
import { fastAccount } from './fastAccount';
import { parseJsonInPieces } from './jsonInPieces';
import { datasetSchemas, LIMITS, type Dataset } from './schema';
import { datasetV1Schemas, type DatasetV1 } from './schemaV1';
import { semanticProblems, type Problem } from './semanticChecks';

export type { Problem };
export type ValidationResult =
  | { ok: true; data: Dataset }
  /** `more`: how many problems there were beyond those listed. */
  | { ok: false; problems: Problem[]; more: number };

export const MAX_PROBLEMS_REPORTED = 200;

/** A key from the file, as it may appear in a problem: quoted, escaped and short, so it cannot forge a line. */
function quoted(key: string): string {
  return JSON.stringify(key.length > 40 ? `${key.slice(0, 40)}…` : key);
}

function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (at, key) =>
      typeof key === 'number'
        ? `${at}[${key}]`
        : /^[A-Za-z_$][\w$]{0,40}$/.test(String(key))
          ? `${at}.${String(key)}`
          : `${at}[${quoted(String(key))}]`,
    '$',
  );
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') return `expected ${issue.expected}`;
  if (issue.code === 'unrecognized_keys') {
    const keys = issue.keys.slice(0, 5).map(quoted).join(', ');
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${keys}${issue.keys.length > 5 ? ` and ${issue.keys.length - 5} more` : ''}`;
  }
  return issue.message;
}

/** A message that quotes the file (the JSON parser's does) as one short line, its invisible characters escaped. */
function oneLine(text: string): string {
  const short = text.length > 200 ? `${text.slice(0, 200)}…` : text;
  return short.replace(
    // eslint-disable-next-line no-control-regex -- escaping control characters is the point
    /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/** Collects problems, keeping the first MAX_PROBLEMS_REPORTED and counting the rest. */
class ProblemList {
  readonly kept: Problem[] = [];
  total = 0;

  add(problem: Problem): void {
    this.total += 1;
    if (this.kept.length < MAX_PROBLEMS_REPORTED) this.kept.push(problem);
  }

  addIssues(error: z.ZodError, prefix: readonly PropertyKey[] = []): void {
    for (const issue of error.issues) {
      this.add({ path: jsonPath([...prefix, ...issue.path]), message: describeIssue(issue) });
    }
  }

  result(): ValidationResult & { ok: false } {
    return { ok: false, problems: this.kept, more: this.total - this.kept.length };
  }
}

/** `fast`: returns a record the schema would return as it is, or null to have the schema check it. */
type Tables = Record<string, { row: z.ZodType; max: number; optional?: boolean; fast?: (value: unknown) => unknown }>;

/**
 * Parses a dataset in two steps: the top level with each table as a list of anything, then every record of every
 * table on its own. Same rules as parsing the whole schema at once, in one pass, with a bounded problem list.
 */
function parseByRecord(
  value: unknown,
  whole: z.ZodObject,
  tables: Tables,
): { ok: true; data: Record<string, unknown> } | (ValidationResult & { ok: false }) {
  const problems = new ProblemList();
  const shellShape: Record<string, z.ZodType> = {};
  for (const [name, { max, optional }] of Object.entries(tables)) {
    const list = z.array(z.unknown()).max(max);
    shellShape[name] = optional ? list.default([]) : list;
  }
  const shell = whole.extend(shellShape).safeParse(value);
  if (!shell.success) problems.addIssues(shell.error);
  // Records are checked even when the top level is wrong, in every table that is a list within its limit.
  const data: Record<string, unknown> = shell.success ? { ...shell.data } : { ...(value as object) };
  for (const [name, { row, max, fast }] of Object.entries(tables)) {
    const rows = data[name];
    if (!Array.isArray(rows) || rows.length > max) continue;
    const parsed: unknown[] = new Array(rows.length);
    rows.forEach((record, index) => {
      const quick = fast?.(record);
      if (quick) return void (parsed[index] = quick);
      const result = row.safeParse(record);
      if (result.success) parsed[index] = result.data;
      else problems.addIssues(result.error, [name, index]);
    });
    data[name] = parsed;
  }
  return problems.total > 0 ? problems.result() : { ok: true, data };
}

/**
 * Each table's row schema (made on first use, with the schemas). `owned`: the value was parsed for this check alone,
 * so a record already as the schema returns it is kept rather than copied.
 */
function v2Tables(owned: boolean): Tables {
  const { organisation, account, event, report } = datasetSchemas();
  return {
    organisations: { row: organisation, max: LIMITS.organisations, optional: true },
    accounts: { row: account, max: LIMITS.accounts, fast: (value) => fastAccount(value, owned) },
    events: { row: event, max: LIMITS.events },
    reports: { row: report, max: LIMITS.reports },
  };
}
function v1Tables(): Tables {
  const { event, report } = datasetSchemas();
  return {
    accounts: { row: datasetV1Schemas().accountV1, max: LIMITS.accounts },
    events: { row: event, max: LIMITS.events },
    reports: { row: report, max: LIMITS.reports },
  };
}

/**
 * Validates an already-parsed JSON value; a schema version 1 dataset is checked as v1, then converted to v2.
 * `owned`: nothing else holds the value (it was parsed for this check), so the result may share its records.
 */
export function validateDataset(value: unknown, { owned = false } = {}): ValidationResult {
  let input = value;
  if (typeof value === 'object' && value !== null && (value as { schemaVersion?: unknown }).schemaVersion === 1) {
    const v1 = parseByRecord(value, datasetV1Schemas().datasetV1, v1Tables());
    if (!v1.ok) return v1;
    input = convertV1(v1.data as DatasetV1);
  }
  const parsed = parseByRecord(input, datasetSchemas().dataset, v2Tables(owned || input !== value));
  if (!parsed.ok) return parsed;
  const data = parsed.data as Dataset;
  const problems = new ProblemList();
  for (const problem of semanticProblems(data)) problems.add(problem);
  return problems.total > 0 ? problems.result() : { ok: true, data };
}

const LOOKS_LIKE_MARKUP = /^<(!doctype|html|head|body|\?xml)/i;
const markup = (): ValidationResult => ({
  ok: false,
  more: 0,
  problems: [{ path: '$', message: 'this is HTML or XML, not a JSON dataset' }],
});

/** The tables a list may have a great many records in: read from the bytes a piece at a time. */
const LARGE_TABLES: ReadonlySet<string> = new Set(['organisations', 'accounts', 'events', 'reports']);

/**
 * Parses and validates a list file's UTF-8 bytes, its tables read a piece at a time (lib/dataset/jsonInPieces.ts),
 * so the file is never one string. Bytes that piece reading does not take are decoded whole and checked as
 * validateDatasetText does; bytes that are not UTF-8 throw `notUtf8()`.
 */
export function validateDatasetBytes(bytes: Uint8Array, notUtf8: () => Error): ValidationResult {
  const head = new TextDecoder().decode(bytes.subarray(0, 400)).trimStart();
  if (LOOKS_LIKE_MARKUP.test(head)) return markup();
  const value = parseJsonInPieces(bytes, LARGE_TABLES);
  if (value !== undefined) return validateDataset(value, { owned: true });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw notUtf8();
  }
  return validateDatasetText(text);
}

/** Parses and validates JSON text, telling HTML and other non-JSON apart from broken JSON. */
export function validateDatasetText(text: string): ValidationResult {
  const start = text.trimStart().slice(0, 200);
  if (LOOKS_LIKE_MARKUP.test(start)) return markup();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = oneLine((error as Error).message);
    return { ok: false, more: 0, problems: [{ path: '$', message: `not valid JSON: ${message}` }] };
  }
  return validateDataset(value, { owned: true });
}

/** One line per problem; a line break inside a problem is shown escaped, so no problem reads as two. */
export function formatProblems(problems: Problem[]): string {
  return problems.map((p) => `${p.path}: ${p.message}`.replace(/[\r\n\u2028\u2029]/g, ' ')).join('\n');
}
