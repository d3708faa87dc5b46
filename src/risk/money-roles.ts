/**
 * Money nouns that name something else: a pub/sub "event subscription" (a webhook feed, not a billing plan) and a
 * "SQL transaction" (a database unit of work, not a payment). Financial evidence that rests only on such a noun is
 * dropped, with the reason; a pay verb or money fields still count.
 */
import type { Signals } from './signals.js';

/** Words before "subscription" that make it a feed of events rather than a plan someone pays for. */
const feeds = new Set(['event', 'webhook', 'notification', 'topic', 'alert', 'feed', 'channel', 'push', 'stream']);
/** The description says the transaction is a database one. */
const databaseProse =
  /\b(sql|database|db) transactions?\b|\btransactions? (in|on|against) (the |a )?(sql |)?(database|db)\b/i;

export function otherMoneyNouns(s: Signals, nameWords: readonly string[], description: string): void {
  const why = s.categories.get('financial');
  if (!why || why.some((r) => !/^(object |noun )/.test(r))) return;
  const nouns = why.map((r) => /'([^']+)'/.exec(r)?.[1]?.toLowerCase() ?? '');
  const feed =
    nouns.every((n) => /^subscriptions?$/.test(n)) &&
    nameWords.some((w, i) => feeds.has(w) && /^subscriptions?$/.test(nameWords[i + 1] ?? ''));
  const database = nouns.every((n) => /^transactions?$/.test(n)) && databaseProse.test(description.slice(0, 300));
  if (!feed && !database) return;
  s.categories.delete('financial');
  s.reasons.push(
    `${feed ? 'an event subscription is a feed' : 'a database transaction'}, no money moves (${why[0] ?? ''})`,
  );
}
