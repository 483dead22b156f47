// The hover card lives in a closed shadow root that page scripts cannot read. Tests read it the way only a debugger
// can: the DevTools protocol resolves the closed root, and a function runs with it as `this` in the page.
import type { CDPSession, Page } from 'playwright-core';

/** Selector of a text mark (the public contract: a <span> carrying data-tdl-account). */
export const MARK = 'span[data-tdl-match]';

const sessions = new WeakMap<Page, CDPSession>();

async function cdp(page: Page): Promise<CDPSession> {
  let session = sessions.get(page);
  if (!session) {
    session = await page.context().newCDPSession(page);
    sessions.set(page, session);
  }
  return session;
}

interface DomNode {
  backendNodeId: number;
  attributes?: string[];
  children?: DomNode[];
  shadowRoots?: DomNode[];
}

function findHost(node: DomNode): DomNode | null {
  const attributes = node.attributes ?? [];
  for (let i = 0; i < attributes.length; i += 2) {
    if (attributes[i] === 'data-tdl-ui' && attributes[i + 1] === 'card') return node;
  }
  for (const child of node.children ?? []) {
    const found = findHost(child);
    if (found) return found;
  }
  return null;
}

/** Runs `fn` with the card's closed shadow root; null when the page has no card yet. */
export async function inCard<T>(page: Page, fn: (root: ShadowRoot) => T): Promise<T | null> {
  const session = await cdp(page);
  const { root } = (await session.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: DomNode };
  const host = findHost(root);
  const shadow = host?.shadowRoots?.[0];
  if (!shadow) return null;
  const { object } = await session.send('DOM.resolveNode', { backendNodeId: shadow.backendNodeId });
  const { result, exceptionDetails } = await session.send('Runtime.callFunctionOn', {
    objectId: object.objectId!,
    functionDeclaration: `function () { return (${fn.toString()})(this); }`,
    returnByValue: true,
    awaitPromise: true,
  });
  if (exceptionDetails)
    throw new Error(`in the card: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
  return result.value as T;
}

/** The open card's text, or null when it is closed. */
export function cardText(page: Page): Promise<string | null> {
  return inCard(page, (root) => {
    const host = root.host as HTMLElement;
    return host.hidden ? null : ((root.querySelector('.tdl-card') as HTMLElement).innerText ?? '');
  }).then((text) => text ?? null);
}

export async function isCardOpen(page: Page): Promise<boolean> {
  return (await inCard(page, (root) => !(root.host as HTMLElement).hidden)) ?? false;
}

/** Waits for the card to show an account's name as its heading; returns its text. */
export async function waitForCard(page: Page, heading: string, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const seen = await inCard(page, (root) =>
      (root.host as HTMLElement).hidden
        ? null
        : {
            heading: root.querySelector('h2')?.textContent ?? '',
            text: (root.querySelector('.tdl-card') as HTMLElement).innerText,
          },
    );
    if (seen?.heading === heading) return seen.text;
    if (Date.now() > deadline) throw new Error(`the card never showed ${heading}; last: ${JSON.stringify(seen)}`);
    await page.waitForTimeout(100);
  }
}

export async function waitForCardClosed(page: Page, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (await isCardOpen(page)) {
    if (Date.now() > deadline) throw new Error('the card did not close');
    await page.waitForTimeout(100);
  }
}

/**
 * axe-core cannot enter a closed shadow root: this copies the card's tree (its styles and nodes) into an open shadow
 * root on a host at the same place, for the audit to read. Returns the copy's selector.
 */
export async function openCopyOfCard(page: Page): Promise<string> {
  await inCard(page, (root) => {
    document.getElementById('tdl-card-copy')?.remove();
    const copy = document.createElement('div');
    copy.id = 'tdl-card-copy';
    const shadow = copy.attachShadow({ mode: 'open' });
    for (const node of root.childNodes) shadow.append(node.cloneNode(true));
    document.body.append(copy);
    return true;
  });
  return '#tdl-card-copy';
}
