/**
 * When a communication noun says a tool communicates. External communication is posting or sending
 * (docs/risk.md); a tool that removes or cancels something sends nothing ("Delete a webhook", "Cancel a voice
 * call", "Unregister a notification"), and a communication noun that qualifies another noun names what the
 * tool changes, not a message it sends ("notification setting", "email monitoring configuration").
 */
import type { VerbClass } from './lexicon.js';
import { strongNouns, weakNouns } from './lexicon.js';
import { stem } from './tokens.js';

/** Action classes that take something away: nothing is posted or sent by them. */
const removes = new Set<VerbClass>(['delete', 'revoke']);

/** The tool removes or cancels: communication nouns say what goes, not what is sent. */
export function removesOnly(actionCls: VerbClass): boolean {
  return removes.has(actionCls);
}

/** Words after a communication noun that keep it the head of the phrase ("message 2", "email id"). */
const headTail = new Set(['id', 'ids', 'by', 'all', 'list', 'batch', "'s"]);

/**
 * A communication noun followed by a noun of another kind in the same name or segment qualifies it
 * ("notification_setting", "EmailMonitoringConfiguration"): the tool acts on the setting.
 */
export function communicationModifier(words: readonly string[], i: number): boolean {
  const next = words[i + 1];
  if (next === undefined) return false;
  const n = stem(next);
  if (headTail.has(n) || /^\d+$/.test(n)) return false;
  return !strongNouns['external-communication'].has(n) && !(weakNouns['external-communication']?.has(n) ?? false);
}
