// Formats a partial date for people without inventing precision: "March 2018", "6 March 2018", "2018",
// with "on or before" / "about" where the data says so.
import type { PartialDate } from './schema';

const QUALIFIER_PREFIX: Record<PartialDate['qualifier'], string> = { on: '', 'on-or-before': 'by ', about: 'about ' };

export function formatPartialDate(date: PartialDate, locale = 'en-GB', withQualifier = true): string {
  const [year, month = 1, day = 1] = date.value.split('-').map(Number) as [number, number?, number?];
  const when = new Date(Date.UTC(year, month - 1, day));
  const options: Intl.DateTimeFormatOptions =
    date.precision === 'year'
      ? { year: 'numeric', timeZone: 'UTC' }
      : date.precision === 'month'
        ? { year: 'numeric', month: 'long', timeZone: 'UTC' }
        : { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' };
  const text = new Intl.DateTimeFormat(locale, options).format(when);
  return withQualifier ? QUALIFIER_PREFIX[date.qualifier] + text : text;
}
