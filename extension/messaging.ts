// Transport for the protocol in lib/protocol.ts over runtime messaging. Nothing else calls sendMessage directly.
import { browser, type Browser } from 'wxt/browser';
import {
  isEnvelope,
  type Envelope,
  type MessageType,
  type Reply,
  type RequestOf,
  type ResponseOf,
} from '../lib/protocol';
import type { Handlers, Sender } from './background/backgroundHandlers';

/** Sends one request to the background and returns its answer; a failure there is thrown here with its message. */
export async function askBackground<K extends MessageType>(type: K, data: RequestOf<K>): Promise<ResponseOf<K>> {
  const envelope: Envelope<K> = { tdl: type, data };
  const reply = (await browser.runtime.sendMessage(envelope)) as Reply<ResponseOf<K>> | undefined;
  if (!reply) throw new Error(`The background did not answer "${type}".`);
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}

/** Routes every protocol message to its handler; answers with { ok, value } or { ok: false, error }. */
export function answerFromBackground(handlers: Handlers): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: Browser.runtime.MessageSender) => {
    if (!isEnvelope(message) || !(message.tdl in handlers)) return undefined;
    const handler = handlers[message.tdl] as (request: unknown, from: Sender) => Promise<unknown>;
    return handler(message.data, { tabId: sender.tab?.id, url: sender.url ?? sender.tab?.url }).then(
      (value): Reply<unknown> => ({ ok: true, value }),
      (error: unknown): Reply<unknown> => ({
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      }),
    );
  });
}
