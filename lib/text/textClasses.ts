// Character classes used for word boundaries (see lib/text/fold.ts).
export const OTHER = 0;
/** Letters and digits of scripts that separate words with spaces: a name in them matches only as whole words. */
export const WORD = 1;
/** Han, kana and Hangul: written without spaces, so names in them match as substrings. */
export const UNSPACED = 2;
export const SPACE = 3;
