// Formats a partial date for people without inventing precision: "March 2018", "6 March 2018", "2018年3月",
// with "by" / "about" (translated) where the data says so.
import type { Translate } from '../i18n/translate';
import type { PartialDate } from './schema';

/** Formatters are costly to make and a page may show thousands of dates: one per locale and precision. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(locale: string, precision: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale} ${precision}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    try {
      formatter = new Intl.DateTimeFormat(locale, options);
    } catch {
      formatter = new Intl.DateTimeFormat('en-GB', options);
    }
    formatters.set(key, formatter);
  }
  return formatter;
}

export function formatPartialDate(date: PartialDate, locale = 'en-GB', t?: Translate, withQualifier = true): string {
  const [year, month = 1, day = 1] = date.value.split('-').map(Number) as [number, number?, number?];
  const when = new Date(Date.UTC(year, month - 1, day));
  const options: Intl.DateTimeFormatOptions =
    date.precision === 'year'
      ? { year: 'numeric', timeZone: 'UTC' }
      : date.precision === 'month'
        ? { year: 'numeric', month: 'long', timeZone: 'UTC' }
        : { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' };
  const text = formatterFor(locale, date.precision, options).format(when);
  if (!withQualifier || date.qualifier === 'on') return text;
  if (date.qualifier === 'on-or-before') return t ? t('dateOnOrBefore', text) : `by ${text}`;
  return t ? t('dateAbout', text) : `about ${text}`;
}
