/**
 * "Publish" has two senses (Merriam-Webster: "to make generally known"; in content systems, to make a draft live):
 * - sending a message to whoever subscribes (a pub/sub topic, a channel, a queue, a bus): a send, external
 *   communication;
 * - making the API's own record live or visible (a CMS entry or asset, a marketplace app, a catalogue's event or
 *   venue, a game snapshot): the record's state changes, nothing is sent to anyone (docs/risk.md: external
 *   communication reaches people or systems outside the API).
 * A `publish` or `unpublish` send whose tool names no messaging noun (a message, notification, topic, channel, queue,
 * bus, subscriber, stream, subject, broadcast) in its name, path, description's first sentence or top-level input
 * fields is the second sense: a plain change.
 */
import type { ClassSignal } from './run-ending.js';
import { stem } from './tokens.js';

const messagingNouns = new Set([
  'message',
  'notification',
  'topic',
  'channel',
  'queue',
  'bus',
  'subscriber',
  'subscription',
  'stream',
  'subject',
  'broadcast',
  'tweet',
  'post',
  'newsletter',
]);
const publishVerb = /verb '(un)?publish'/;

/**
 * The signals with content publishing turned into plain changes (see the module comment). `words` gives the tool's
 * words; it is asked only when a publish verb is there (speed: most tools have none).
 */
export function contentPublished(classes: readonly ClassSignal[], words: () => readonly string[]): ClassSignal[] {
  if (!classes.some((c) => c.cls === 'send' && publishVerb.test(c.reason))) return [...classes];
  const messaging = words()
    .map(stem)
    .find((w) => messagingNouns.has(w));
  if (messaging !== undefined) return [...classes];
  return classes.map((c) =>
    c.cls === 'send' && publishVerb.test(c.reason)
      ? { cls: 'update', reason: `${c.reason}: makes the API's own record live, sends nothing` }
      : c,
  );
}
