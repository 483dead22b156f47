// Asking the background, for the content script, the popup and the options page: the one place that calls
// runtime.sendMessage. The background's side is background/answerMessages.ts (kept apart: it carries the request
// schemas, which the content script must not load).
import { browser } from 'wxt/browser';
import type { Envelope, MessageType, Reply, RequestOf, ResponseOf } from '../lib/protocol';

/** Sends one request to the background and returns its answer; a failure there is thrown here with its message. */
export async function askBackground<K extends MessageType>(type: K, data: RequestOf<K>): Promise<ResponseOf<K>> {
  const envelope: Envelope<K> = { tdl: type, data };
  const reply = (await browser.runtime.sendMessage(envelope)) as Reply<ResponseOf<K>> | undefined;
  if (!reply) throw new Error(`The background did not answer "${type}".`);
  if (!reply.ok) throw new Error(reply.error);
  return reply.value;
}
