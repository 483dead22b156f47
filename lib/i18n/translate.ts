// A translator over a message lookup (the browser's i18n in the extension, a catalogue in tests and scripts).
// Falls back to English, so a missing translation never shows an empty string.
import { en, type MessageKey } from './en';

export type Translate = (key: MessageKey, ...substitutions: Array<string | number>) => string;

export function substitute(message: string, substitutions: ReadonlyArray<string | number>): string {
  return message.replace(/\$(\d)/g, (whole, digit: string) => {
    const value = substitutions[Number(digit) - 1];
    return value === undefined ? whole : String(value);
  });
}

export function createTranslator(lookup: (key: MessageKey, substitutions: string[]) => string | undefined): Translate {
  return (key, ...substitutions) => {
    const strings = substitutions.map(String);
    return lookup(key, strings) || substitute(en[key], strings);
  };
}

/** A translator straight from a catalogue (tests, scripts). */
export function catalogueTranslator(catalogue: Record<MessageKey, string>): Translate {
  return createTranslator((key, substitutions) => substitute(catalogue[key], substitutions));
}
