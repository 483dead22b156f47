// Test datasets: a deep copy of the bundled dataset to break in one place at a time, and a tiny valid one.
import bundled from '../../data/takedowns.json';
import type { Dataset } from '../../lib/dataset/schema';
import type { BundledDataset } from '../../extension/store/datasetStore';
import { expect } from 'vitest';
import { validateDataset } from '../../lib/dataset/validateDataset';

export function bundledCopy(): Record<string, any> {
  return structuredClone(bundled) as Record<string, any>;
}

export function validBundled(): Dataset {
  const result = validateDataset(bundledCopy());
  if (!result.ok) throw new Error('bundled dataset invalid in tests');
  return result.data;
}

/** A dataset as the background's bundled one, counting how often it is validated. */
export function bundledSource(dataset: Dataset = validBundled()): BundledDataset & { loads: number } {
  const source = {
    datasetVersion: dataset.datasetVersion,
    loads: 0,
    load: () => {
      source.loads++;
      return dataset;
    },
  };
  return source;
}

export function tinyDataset(version: string, accountName = 'Example Wire'): Dataset {
  const result = validateDataset({
    schemaVersion: 1,
    datasetVersion: version,
    generatedAt: '2026-01-01T00:00:00Z',
    source: { name: 'test' },
    accounts: [{ id: 'example-wire', platform: 'wechat', name: accountName, category: 'media', status: 'suspended' }],
    events: [
      {
        id: 'e-1',
        action: 'suspended',
        accountIds: ['example-wire'],
        date: { value: '2020-02', precision: 'month' },
        summary: 'Suspended.',
        reportIds: ['r-1'],
      },
    ],
    reports: [
      {
        id: 'r-1',
        title: 'A report',
        publisher: 'Somebody',
        published: { value: '2020-02-03', precision: 'day' },
        language: 'en',
        summary: 'Says so.',
      },
    ],
  });
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.data;
}

/** The problems the validator finds in a copy of the bundled dataset changed by `mutate` (which must break it). */
export function problemsOf(mutate: (data: Record<string, any>) => void) {
  const data = bundledCopy();
  mutate(data);
  const result = validateDataset(data);
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.problems;
}
