// Acting as the extension's content script, the way an attacker who has taken it over would: the DevTools protocol
// finds the content script's isolated world in a page and evaluates code there, with its `chrome.runtime`.
import type { CDPSession, Page } from 'playwright-core';

interface ExecutionContext {
  id: number;
  origin: string;
  auxData?: { type?: string; frameId?: string; isDefault?: boolean };
}

export interface ContentScriptWorld {
  /** Evaluates an async expression in the content script's world and returns its JSON value. */
  run<T>(expression: string): Promise<T>;
  /** Sends a raw message as the content script would, and returns the background's reply (or the thrown error). */
  send(message: unknown): Promise<{ ok: boolean; error?: string; value?: unknown } | { thrown: string }>;
}

export async function contentScriptWorld(page: Page, extensionId: string): Promise<ContentScriptWorld> {
  const session: CDPSession = await page.context().newCDPSession(page);
  const contexts: ExecutionContext[] = [];
  session.on('Runtime.executionContextCreated', ({ context }: { context: ExecutionContext }) => contexts.push(context));
  await session.send('Runtime.enable');
  const world = contexts.find(
    (context) => context.auxData?.type === 'isolated' && context.origin === `chrome-extension://${extensionId}`,
  );
  if (!world) throw new Error(`No content script world of ${extensionId} in ${page.url()}`);
  const run = async <T>(expression: string): Promise<T> => {
    const result = await session.send('Runtime.evaluate', {
      expression,
      contextId: world.id,
      awaitPromise: true,
      returnByValue: true,
    });
    if (result.exceptionDetails) {
      throw new Error(result.exceptionDetails.exception?.description ?? result.exceptionDetails.text);
    }
    return result.result.value as T;
  };
  return {
    run,
    send: (message) =>
      run(
        `chrome.runtime.sendMessage(${JSON.stringify(message)}).then((reply) => reply, (error) => ({ thrown: String(error) }))`,
      ),
  };
}
