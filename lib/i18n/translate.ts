// A translator over a message lookup (the browser's i18n in the extension, a catalogue in tests and scripts). In
// the extension the browser itself falls back to English (default_locale), so the English catalogue is not bundled
// into every page's content script; a catalogue translator falls back to English here.
import { en, type MessageKey } from './en';

export type Translate = (key: MessageKey, ...substitutions: Array<string | number>) => string;

export function substitute(message: string, substitutions: ReadonlyArray<string | number>): string {
  return message.replace(/\$(\d)/g, (whole, digit: string) => {
    const value = substitutions[Number(digit) - 1];
    return value === undefined ? whole : String(value);
  });
}

/** A translator over a lookup; a message it lacks shows as its key, never as an empty string. */
export function createTranslator(lookup: (key: MessageKey, substitutions: string[]) => string | undefined): Translate {
  return (key, ...substitutions) => lookup(key, substitutions.map(String)) || key;
}

/** A translator straight from a catalogue (tests, scripts), with English for what the catalogue lacks. */
export function catalogueTranslator(catalogue: Partial<Record<MessageKey, string>>): Translate {
  return createTranslator((key, substitutions) => substitute(catalogue[key] ?? en[key], substitutions));
}
