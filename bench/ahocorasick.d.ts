// Types for the untyped `ahocorasick` package, as far as the benchmark uses it.
declare module 'ahocorasick' {
  export default class AhoCorasick {
    constructor(keywords: string[]);
    search(text: string): Array<[number, string[]]>;
  }
}
