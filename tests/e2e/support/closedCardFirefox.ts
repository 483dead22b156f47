// Reading the hover card's closed shadow root in Firefox: WebDriver BiDi serialises a node's closed shadow tree
// when asked to (`includeShadowTree: 'all'`), which page scripts cannot do.

import type { Browser, Page } from 'puppeteer-core';

interface SerialisedNode {
  type: string;
  value?: {
    nodeType: number;
    localName?: string;
    nodeValue?: string;
    attributes?: Record<string, string>;
    children?: SerialisedNode[];
    shadowRoot?: SerialisedNode | null;
  };
}

function textOf(node: SerialisedNode | null | undefined): string {
  const value = node?.value;
  if (!value) return '';
  if (value.nodeType === 3) return value.nodeValue ?? '';
  if (value.localName === 'style') return '';
  return (value.children ?? []).map(textOf).join('');
}

/** The card's text while it is open; null while it is closed or not made yet. */
export async function firefoxCardText(browser: Browser, page: Page): Promise<string | null> {
  const connection = (browser as any).connection;
  const { result } = await connection.send('script.callFunction', {
    functionDeclaration: `() => document.querySelector('[data-tdl-ui="card"]')`,
    target: { context: (page.mainFrame() as any)._id },
    awaitPromise: false,
    resultOwnership: 'none',
    serializationOptions: { maxDomDepth: 60, includeShadowTree: 'all' },
  });
  const host = result.result as SerialisedNode;
  if (host.type !== 'node' || !host.value) return null;
  if (host.value.attributes && 'hidden' in host.value.attributes) return null;
  return textOf(host.value.shadowRoot);
}

export async function waitForFirefoxCard(browser: Browser, page: Page, text: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const shown = await firefoxCardText(browser, page);
    if (shown?.includes(text)) return shown;
    if (Date.now() > deadline) throw new Error(`the card never showed ${text}; last: ${shown}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
