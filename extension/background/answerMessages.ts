// The background's side of runtime messaging: every message is checked (who sent it, then its shape) before its
// handler runs, and answered with { ok, value } or { ok: false, error }.
import { browser, type Browser } from 'wxt/browser';
import { isEnvelope, PAGE_REQUEST_TYPES } from '../../lib/protocol';
import type { Reply } from '../../lib/protocol';
import { checkRequest } from '../../lib/requestSchemas';
import { classifySender, type ExtensionIdentity, type MessageSenderFacts } from '../../lib/senderCheck';
import type { Handlers, Sender } from './backgroundHandlers';

const pageTypes = new Set<string>(PAGE_REQUEST_TYPES);

/**
 * One message, answered: refused unless its sender may ask it, refused unless it has its type's shape, and only
 * then given to the handler. Undefined for a message that is not ours.
 */
export async function answerMessage(
  handlers: Handlers,
  message: unknown,
  facts: MessageSenderFacts,
  self: ExtensionIdentity,
): Promise<Reply<unknown> | undefined> {
  if (!isEnvelope(message) || !Object.hasOwn(handlers, message.tdl)) return undefined;
  const type = message.tdl;
  const kind = classifySender(facts, self);
  if (kind === 'stranger') return { ok: false, error: `Refused "${type}": the sender is not part of this extension.` };
  if (kind === 'content-script' && !pageTypes.has(type)) {
    return {
      ok: false,
      error: `Refused "${type}": only the extension's own pages (popup, options) may send it, not a content script.`,
    };
  }
  const checked = checkRequest(type, message.data);
  if (!checked.ok) return { ok: false, error: checked.error.slice(0, 300) };
  const sender: Sender = {
    kind,
    tabId: facts.tab?.id,
    url: facts.url ?? facts.tab?.url,
    incognito: facts.tab?.incognito === true,
  };
  const handler = handlers[type] as (request: unknown, from: Sender) => Promise<unknown>;
  try {
    return { ok: true, value: await handler(checked.value, sender) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** This extension's id and the URL its pages start with. */
export function extensionIdentity(): ExtensionIdentity {
  return { id: browser.runtime.id, base: browser.runtime.getURL('/') };
}

/**
 * Routes every protocol message to its handler; answers with { ok, value } or { ok: false, error }, through
 * `sendResponse` (a listener that returns true keeps the channel open in Chrome and Firefox alike, without
 * webextension-polyfill, which the background does not load).
 */
export function answerFromBackground(handlers: Handlers): void {
  const self = extensionIdentity();
  browser.runtime.onMessage.addListener(
    (message: unknown, sender: Browser.runtime.MessageSender, sendResponse: (reply: unknown) => void) => {
      if (!isEnvelope(message)) return undefined;
      void answerMessage(handlers, message, sender, self).then(sendResponse);
      return true;
    },
  );
}
