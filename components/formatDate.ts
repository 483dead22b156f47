// Dates in the interface language, keeping their precision.
import { t, uiLocale } from '../extension/i18n';
import { formatPartialDate } from '../lib/dataset/formatPartialDate';
import type { PartialDate } from '../lib/dataset/schema';

/** en-GB for English (day month year), the UI locale otherwise. */
export function displayLocale(): string {
  const locale = uiLocale();
  return /^en(-|$)/i.test(locale) ? 'en-GB' : locale;
}

export function formatDate(date: PartialDate): string {
  return formatPartialDate(date, displayLocale(), t);
}
