// One entry point for every dataset that enters the extension: bundled, downloaded, imported or checked by CLI.
import type { z } from 'zod';
import { dataset, type Dataset } from './schema';
import { semanticProblems, type Problem } from './semanticChecks';

export type { Problem };
export type ValidationResult = { ok: true; data: Dataset } | { ok: false; problems: Problem[] };

export const MAX_PROBLEMS_REPORTED = 200;

function jsonPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (at, key) =>
      typeof key === 'number'
        ? `${at}[${key}]`
        : /^[A-Za-z_$][\w$]*$/.test(String(key))
          ? `${at}.${String(key)}`
          : `${at}[${JSON.stringify(String(key))}]`,
    '$',
  );
}

function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') return `expected ${issue.expected}`;
  if (issue.code === 'unrecognized_keys')
    return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return issue.message;
}

/** Validates an already-parsed JSON value. */
export function validateDataset(value: unknown): ValidationResult {
  const parsed = dataset.safeParse(value);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.slice(0, MAX_PROBLEMS_REPORTED).map((issue) => ({
        path: jsonPath(issue.path),
        message: describeIssue(issue),
      })),
    };
  }
  const problems = semanticProblems(parsed.data);
  return problems.length > 0
    ? { ok: false, problems: problems.slice(0, MAX_PROBLEMS_REPORTED) }
    : { ok: true, data: parsed.data };
}

/** Parses and validates JSON text, telling HTML and other non-JSON apart from broken JSON. */
export function validateDatasetText(text: string): ValidationResult {
  const start = text.trimStart().slice(0, 200);
  if (/^<(!doctype|html|head|body|\?xml)/i.test(start)) {
    return { ok: false, problems: [{ path: '$', message: 'this is HTML or XML, not a JSON dataset' }] };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [{ path: '$', message: `not valid JSON: ${(error as Error).message}` }] };
  }
  return validateDataset(value);
}

export function formatProblems(problems: Problem[]): string {
  return problems.map((p) => `${p.path}: ${p.message}`).join('\n');
}
