// Long strings made of many short texts (the search's fields, the packed summaries' ids and names): joined a piece at
// a time, so no join holds more than a few thousand parts; and which texts V8 keeps one byte a character.

/** Parts joined into one piece at a time: the last join (one step, not sliced) joins a few hundred pieces. */
const PARTS_PER_PIECE = 8192;

// eslint-disable-next-line no-control-regex -- every Latin-1 character, controls included
const LATIN1 = /^[\u0000-\u00ff]*$/;

/** Whether every unit of `text` is Latin-1 (V8 then keeps it one byte a character). */
export const isLatin1 = (text: string) => LATIN1.test(text);

/** One long string, built by appending texts. */
export class JoinedText {
  private readonly pieces: string[] = [];
  private parts: string[] = [];
  private appended = 0;

  /** The length of everything appended so far. */
  get length(): number {
    return this.appended;
  }

  /** Appends a text; returns where it starts. */
  add(text: string): number {
    const start = this.appended;
    this.parts.push(text);
    this.appended += text.length;
    if (this.parts.length >= PARTS_PER_PIECE) {
      this.pieces.push(this.parts.join(''));
      this.parts = [];
    }
    return start;
  }

  /** Everything appended, as one string. */
  finish(): string {
    this.pieces.push(this.parts.join(''));
    this.parts = [];
    return this.pieces.join('');
  }
}
