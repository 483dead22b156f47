// The interface language: messages from the extension's _locales through the browser's i18n (English where a
// message is missing), and the UI locale for dates.
import { browser } from 'wxt/browser';
import { KeyedError } from '../lib/i18n/keyedError';
import { createTranslator, type Translate } from '../lib/i18n/translate';

export const t: Translate = createTranslator((key, substitutions) => {
  try {
    // Our keys are checked against lib/i18n/en.ts; the browser's typing only knows the @@ keys.
    const getMessage = browser.i18n.getMessage as (name: string, substitutions?: string[]) => string;
    return getMessage(key, substitutions) || undefined;
  } catch {
    return undefined;
  }
});

/**
 * The language dates are worded in, as a BCP 47 tag: that of the messages when they are Chinese (the background's
 * getUILanguage can disagree with the catalogue the browser picked), else the browser's UI language.
 */
export function uiLocale(): string {
  const catalogue = t('catalogueLocale');
  if (catalogue !== 'en' && catalogue !== 'catalogueLocale') return catalogue;
  try {
    return browser.i18n.getUILanguage().replace('_', '-') || 'en';
  } catch {
    return 'en';
  }
}

/** An error to show: one told by a message key (KeyedError) in the reader's language, any other as it is. */
export function inReaderLanguage(error: unknown): unknown {
  return error instanceof KeyedError ? new Error(t(error.key, ...error.params)) : error;
}

/** A count as the reader's language writes it ("1,000,000"; grouping where the language groups). */
export function formatCount(count: number): string {
  return count.toLocaleString(uiLocale());
}
