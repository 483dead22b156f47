// An error told as a message key and its substitutions, so each part of the extension shows it in the reader's
// language; its own message is the English text (for logs and tests).
import { en, type MessageKey } from './en';
import { substitute } from './translate';

export class KeyedError extends Error {
  readonly params: string[];
  constructor(
    readonly key: MessageKey,
    ...params: Array<string | number>
  ) {
    super(substitute(en[key], params));
    this.params = params.map(String);
  }
}
