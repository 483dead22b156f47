// Who sent a message: one of the extension's own pages (popup, options), a content script (which runs beside a
// page and is treated as that page), or a stranger. Decided only from what the browser says of the sender, never
// from the message.

/** What runtime.onMessage says of a sender (the part we read). */
export interface MessageSenderFacts {
  id?: string | undefined;
  url?: string | undefined;
  tab?: { id?: number | undefined; url?: string | undefined; incognito?: boolean | undefined } | undefined;
}

/** This extension: its id and the URL every page of it starts with (runtime.getURL('/')). */
export interface ExtensionIdentity {
  id: string;
  base: string;
}

export type SenderKind = 'extension-page' | 'content-script' | 'stranger';

function isOurs(url: string | undefined, self: ExtensionIdentity): boolean {
  return typeof url === 'string' && self.base.length > 0 && url.startsWith(self.base);
}

export function classifySender(sender: MessageSenderFacts, self: ExtensionIdentity): SenderKind {
  if (sender.id !== self.id) return 'stranger';
  // An extension page is a document of this extension, in no tab (the popup) or in a tab of its own (options). A
  // content script's URL is its page's; it cannot be under our base, since content scripts run only on http(s).
  if (
    isOurs(sender.url, self) &&
    (sender.tab === undefined || sender.tab.url === undefined || isOurs(sender.tab.url, self))
  )
    return 'extension-page';
  if (sender.tab?.id !== undefined) return 'content-script';
  return 'stranger';
}
