// The interface language: messages from the extension's _locales through the browser's i18n (English where a
// message is missing), and the UI locale for dates.
import { browser } from 'wxt/browser';
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

/** The browser's UI language as a BCP 47 tag, for Intl date formatting. */
export function uiLocale(): string {
  try {
    return browser.i18n.getUILanguage().replace('_', '-') || 'en';
  } catch {
    return 'en';
  }
}
