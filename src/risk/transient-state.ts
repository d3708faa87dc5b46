/**
 * Clearing transient state destroys nothing kept (docs/risk.md: destructive is losing data that cannot be restored):
 * - a debugger's breakpoints, watchpoints and logpoints are markers of a debugging session, set again at will;
 * - a shopping cart's or basket's items are a selection made before an order, not an order (placing one is
 *   purchase-orders.ts's).
 * Removing or clearing one (`clear_breakpoints`, `remove_from_basket`, `DELETE /carts/{id}`) is a plain change. Only
 * when the tool itself removes (a removal verb in its name, or an HTTP DELETE) and the thing removed is that state: the
 * last word of the name (or the last literal path segment) names it, so a request basket's requests or a storefront
 * cart's scripts are what they are, and a debugger tool that sets and deletes breakpoints by an action field keeps its
 * other evidence. Loss wording in the description ("permanently") keeps it destructive.
 */
import { stem } from './tokens.js';

const transientNouns = new Set(['breakpoint', 'watchpoint', 'logpoint', 'cart', 'basket']);
const removalVerbs = new Set(['remove', 'delete', 'clear', 'empty', 'reset', 'unset', 'drop']);
const lossWording = /\b(permanent\w*|irreversibl\w*|cannot be undone|can't be undone)\b/i;

/** Why removing what the tool names destroys nothing kept, if so (see the module comment). */
export function transientStateRemoved(
  idWords: readonly string[],
  pathSegments: readonly (readonly string[])[],
  description: string,
  httpDelete: boolean,
): string | undefined {
  if (!httpDelete && !idWords.some((w) => removalVerbs.has(stem(w)))) return undefined;
  if (lossWording.test(description.slice(0, 600))) return undefined;
  const lastOf = (words: readonly string[] | undefined): string | undefined =>
    words && words.length > 0 ? stem(words[words.length - 1]!) : undefined;
  const last = pathSegments.length > 0 ? lastOf(pathSegments[pathSegments.length - 1]) : lastOf(idWords);
  return last !== undefined && transientNouns.has(last)
    ? `the '${last}' removed is transient state (a session's markers or items chosen before an order): destroys nothing kept`
    : undefined;
}
