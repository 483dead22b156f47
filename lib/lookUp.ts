// The context menu's look-up: what a click on "Look up in Takedown Lens" asks about, and the popup page that shows
// the answer. Pure, so every case is unit-tested.

/** What the browser tells the menu's click handler (the part read here). */
export interface MenuClick {
  selectionText?: string | undefined;
  linkUrl?: string | undefined;
}

/** The longest selection looked up (the search takes no more). */
export const MAX_LOOKUP_CHARS = 200;

/** The popup path that looks up a click: the selected text if any, else the link; null when there is neither. */
export function lookUpPath(click: MenuClick): `popup.html?${string}` | null {
  const text = (click.selectionText ?? '').replace(/\s+/g, ' ').trim().slice(0, MAX_LOOKUP_CHARS);
  if (text) return `popup.html?q=${encodeURIComponent(text)}`;
  const link = click.linkUrl ?? '';
  if (/^https?:\/\//i.test(link) && link.length <= 4_096) return `popup.html?url=${encodeURIComponent(link)}`;
  return null;
}
