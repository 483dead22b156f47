// One entry point for every dataset that enters the extension: bundled, downloaded, imported or checked by CLI.
import type { z } from 'zod';
import { convertV1 } from './convertV1';
import { dataset, type Dataset } from './schema';
import { datasetV1 } from './schemaV1';
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

function structuralProblems(error: z.ZodError): ValidationResult {
  return {
    ok: false,
    problems: error.issues.slice(0, MAX_PROBLEMS_REPORTED).map((issue) => ({
      path: jsonPath(issue.path),
      message: describeIssue(issue),
    })),
  };
}

/** Validates an already-parsed JSON value; a schema version 1 dataset is checked as v1, then converted to v2. */
export function validateDataset(value: unknown): ValidationResult {
  let input = value;
  if (typeof value === 'object' && value !== null && (value as { schemaVersion?: unknown }).schemaVersion === 1) {
    const v1 = datasetV1.safeParse(value);
    if (!v1.success) return structuralProblems(v1.error);
    input = convertV1(v1.data);
  }
  const parsed = dataset.safeParse(input);
  if (!parsed.success) return structuralProblems(parsed.error);
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
