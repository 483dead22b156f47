// Several lists are installed side by side, and their ids may clash ("okex-wechat" in two lists). Everywhere past a
// list's own database, an account or organisation is named by its list and its id: "bundled/okex-wechat".
export const LIST_SEPARATOR = '/';

/** List ids: "bundled", "mine", or a generated one for a subscribed or imported list. */
export const LIST_ID = /^[a-z0-9][a-z0-9-]{0,31}$/;

export const BUNDLED_LIST = 'bundled';
export const MY_LIST = 'mine';

export const qualify = (list: string, id: string) => `${list}${LIST_SEPARATOR}${id}`;

/** The list and the id in it; null for a string that does not name both. */
export function splitQualified(qualified: string): { list: string; id: string } | null {
  const at = qualified.indexOf(LIST_SEPARATOR);
  if (at <= 0 || at === qualified.length - 1) return null;
  return { list: qualified.slice(0, at), id: qualified.slice(at + 1) };
}

/** Groups qualified ids by list: one bulk read per list. */
export function byList(qualified: Iterable<string>): Map<string, string[]> {
  const lists = new Map<string, string[]>();
  for (const key of qualified) {
    const split = splitQualified(key);
    if (!split) continue;
    const ids = lists.get(split.list) ?? [];
    ids.push(split.id);
    lists.set(split.list, ids);
  }
  return lists;
}
