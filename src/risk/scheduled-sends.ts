/**
 * Cancelling a scheduled send stops a delivery that has not happened (twenty-seventh round; docs/risk.md,
 * destructive).
 *
 * A scheduled SMS, e-mail, push notification or campaign is a send waiting for its time. Cancelling it, also when the
 * API serves the cancel as an HTTP DELETE of the scheduled item (`DELETE /messages/schedule/{id}`: "Cancels a scheduled
 * SMS message"), stops work in progress as cancelling a job does (run-ending.ts): nothing that was kept is destroyed,
 * and the message can be scheduled again. So the delete reads as a plain change, not `destructive`; loss wording
 * ("permanently") keeps it destructive.
 */
import { stem } from './tokens.js';

const cancelVerbs = new Set(['cancel', 'unschedule', 'deschedule']);
const sendNouns = new Set(
  'message sms mms email mail push notification campaign broadcast newsletter tweet post blast'.split(' '),
);
const lossWording = /\b(permanent\w*|irreversibl\w*|cannot be undone|can't be undone)\b/i;

/**
 * Why cancelling what the tool names stops a scheduled send (module comment), else undefined. `idWords` and
 * `pathWords` are the name's and path's words, `opening` the description's first sentence words.
 */
export function scheduledSendCancelled(
  idWords: readonly string[],
  pathWords: readonly string[],
  opening: readonly string[],
  description: string,
): string | undefined {
  // Most tools cancel nothing: find the verb before building any word list (speed).
  const verb = cancelVerb(idWords, idWords.length) ?? cancelVerb(opening, 3);
  if (verb === undefined || lossWording.test(description.slice(0, 600))) return undefined;
  const words = [...idWords, ...pathWords, ...opening.slice(0, 12)].map(stem);
  if (!words.some((w) => w.startsWith('schedul'))) return undefined;
  const noun = words.find((w) => sendNouns.has(w));
  return noun === undefined
    ? undefined
    : `'${verb}' of a scheduled ${noun}: the send is stopped before it happens, nothing kept is destroyed`;
}

/** The first cancelling verb among the first `n` words, stemmed. */
function cancelVerb(words: readonly string[], n: number): string | undefined {
  for (let i = 0; i < n && i < words.length; i++) {
    const w = words[i]!.toLowerCase();
    if (!(w.startsWith('cancel') || w.endsWith('schedule') || w.endsWith('schedules'))) continue;
    const verb = stem(w);
    if (cancelVerbs.has(verb)) return verb;
  }
  return undefined;
}
