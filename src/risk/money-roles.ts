/**
 * Money nouns that name something else, or a record of money rather than money moving (docs/risk.md, financial):
 * - a pub/sub "event subscription" (a webhook feed, not a billing plan);
 * - a database transaction (ISO SQL's unit of work: START TRANSACTION, COMMIT, ROLLBACK), said by the description
 *   ("a SQL transaction") or by a transaction-control verb on it (`RollbackTransaction`, `commit_transaction`);
 * - a booked transaction edited or removed (ISO 20022's booked entry; a budgeting or bookkeeping app's ledger line):
 *   changing its memo, category or custom data, or deleting the record, moves and commits no money (as editing or
 *   deleting an order does not, purchase-orders.ts). Creating one, or a pay verb (refund, charge, transfer…), still
 *   counts.
 * Financial evidence that rests only on such a noun is dropped, with the reason; a pay verb or money fields still
 * count. A database transaction's rollback is no deployment rollback either: infrastructure resting only on that verb
 * is dropped too.
 */
import type { SchemaField } from './schema-fields.js';
import type { Signals } from './signals.js';

/** Words before "subscription" that make it a feed of events rather than a plan someone pays for. */
const feeds = new Set(['event', 'webhook', 'notification', 'topic', 'alert', 'feed', 'channel', 'push', 'stream']);
/** Words of a subscription's own fields that make it a delivery of events or messages (W3C WebSub's callback and topic;
 * a webhook's URL and event; the message types, channels and lists a person is subscribed to). */
const feedFields = new Set(['hook', 'webhook', 'callback', 'event', 'notification', 'topic', 'channel', 'message']);
/** The description says the subscription delivers notifications or events. */
const feedProse = /\bsubscri\w* (\w+ ){0,6}(for|to) (\w+ )?(notifications?|events?|webhooks?|messages?)\b/i;
/** The description says the transaction is a database one. */
export const databaseProse =
  /\b(sql|database|db) transactions?\b|\btransactions? (in|on|against) (the |a )?(sql |)?(database|db)\b/i;
/** ISO SQL transaction-control statements, as verbs on a transaction. */
const transactionControl = new Set(['rollback', 'commit', 'begin']);
/** Verbs that edit or remove an existing record (not ones that move money: those are pay verbs). */
const recordEdits = new Set(['update', 'edit', 'modify', 'patch', 'put', 'set', 'change', 'delete', 'remove']);

export interface MoneyContext {
  /** The tool's name words, stemmed. */
  nameWords: readonly string[];
  description: string;
  /** Input fields (a subscription's callback, event or message types say it is a feed). */
  inputFields: readonly SchemaField[];
  /** The verb the tool's action rests on (`verb 'update'` in its reason, or its HTTP method's), if any. */
  verb: string | undefined;
}

export function otherMoneyNouns(s: Signals, ctx: MoneyContext): void {
  const { nameWords, description } = ctx;
  const why = s.categories.get('financial');
  if (!why || why.some((r) => !/^(object |noun )/.test(r))) return;
  const nouns = why.map((r) => /'([^']+)'/.exec(r)?.[1]?.toLowerCase() ?? '');
  const subscription = nouns.every((n) => /^subscriptions?$/.test(n));
  const feed =
    subscription &&
    (nameWords.some((w, i) => feeds.has(w) && /^subscriptions?$/.test(nameWords[i + 1] ?? '')) ||
      ctx.inputFields.some((f) => f.depth <= 1 && f.words.some((w) => feedFields.has(w))) ||
      feedProse.test(description.slice(0, 300)));
  const transaction = nouns.every((n) => /^transactions?$/.test(n));
  const control = transaction && nameWords.some((w) => transactionControl.has(w));
  const database = control || (transaction && databaseProse.test(description.slice(0, 300)));
  const record = transaction && !database && ctx.verb !== undefined && recordEdits.has(ctx.verb);
  if (!feed && !database && !record) return;
  s.categories.delete('financial');
  const what = feed
    ? 'an event subscription is a feed'
    : database
      ? 'a database transaction'
      : `verb '${ctx.verb ?? ''}' edits or removes a booked transaction (a record)`;
  s.reasons.push(`${what}, no money moves (${why[0] ?? ''})`);
  // "RollbackTransaction": rolling back a unit of work, not a deployment.
  const infra = s.categories.get('infrastructure');
  if (control && infra?.every((r) => /\bverb '(rollback|roll)'/.test(r))) {
    s.categories.delete('infrastructure');
    s.reasons.push(`a database transaction's rollback deploys nothing (${infra[0] ?? ''})`);
  }
}
