// Dates with a precision (day, month, year): checking, ordering and plain formatting.
import type { PartialDate } from './schema';

const LENGTH_OF: Record<PartialDate['precision'], number> = { year: 4, month: 7, day: 10 };

/** Why a partial date is not a real calendar date of its stated precision, or null when it is fine. */
export function partialDateProblem(date: Pick<PartialDate, 'value' | 'precision'>): string | null {
  if (date.value.length !== LENGTH_OF[date.precision]) {
    return `"${date.value}" does not have ${date.precision} precision (expected ${
      date.precision === 'year' ? 'YYYY' : date.precision === 'month' ? 'YYYY-MM' : 'YYYY-MM-DD'
    })`;
  }
  const [year, month = 1, day = 1] = date.value.split('-').map(Number) as [number, number?, number?];
  if (year < 1990 || year > 2100) return `year ${year} is outside 1990-2100`;
  if (month < 1 || month > 12) return `month ${month} does not exist`;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > daysInMonth) return `day ${day} does not exist in ${year}-${String(month).padStart(2, '0')}`;
  return null;
}

/**
 * Orders partial dates by their earliest possible day; a coarser date sorts before a finer one on the same start.
 * Values are digits and hyphens in fixed places once padded, so comparing them unit by unit is comparing the days
 * (and takes a fraction of what `localeCompare` took: claims date a hundred thousand accounts at an install).
 */
export function comparePartialDates(a: Pick<PartialDate, 'value'>, b: Pick<PartialDate, 'value'>): number {
  const pad = (value: string) => (value.length === 10 ? value : (value + '-00-00').slice(0, 10));
  const [startA, startB] = [pad(a.value), pad(b.value)];
  if (startA !== startB) return startA < startB ? -1 : 1;
  return a.value.length - b.value.length;
}
