/**
 * Placing an order is committing to pay (twelfth round; docs/risk.md, financial). In OASIS UBL's ordering process an
 * Order is the buyer's offer to purchase, and confirming or submitting one makes it binding; so creating, placing,
 * submitting or confirming an order (`createOrder`, `place-market-order`, `confirm_order`) is a financial change.
 * Editing or deleting an order is not (the money moves, if at all, when it was placed), and an order that is a
 * sequence (a sort or display order) or a work order is no purchase. The order ends the verb's object phrase, however
 * it is qualified ("Create fast buy/sell trading orders": twentieth session), but not past a preposition ("Create a
 * label for an order" makes a label).
 *
 * Confirming a transaction is the same commitment (twenty-seventh round): a tool whose name's verb is confirm and whose
 * required input names the transaction it confirms (`transaction_id`) makes a pending purchase binding, as confirming
 * an order does ("Confirm Payment Of Transaction", "Confirm Planting" of a tree-planting purchase).
 */
import type { SchemaField } from './schema-fields.js';
import { objectPhrase } from './object-phrase.js';
import { stem } from './tokens.js';

const placingVerbs = new Set(['create', 'place', 'submit', 'confirm', 'new', 'make']);
const notPurchases = new Set(['sort', 'display', 'sequence', 'work', 'change', 'field', 'column', 'rank', 'page']);

/** Why the name, or the description's first sentence, places an order (else undefined): a placing verb whose object
 * phrase ends in "order" ("Places a concierge order"). */
export function placesOrder(
  idWords: readonly string[],
  idLabel: string,
  opening: readonly string[],
): string | undefined {
  return orderPlaced(idWords, idLabel) ?? orderPlaced(opening.slice(0, 6), 'description');
}

/** The index of "order" in the object phrase of the verb at `i` (object-phrase.ts: its next five words, determiners
 * skipped, up to a preposition), else -1. */
function objectOrderAt(words: readonly string[], i: number): number {
  return objectPhrase(words, i, 5).find((k) => words[k] === 'order') ?? -1;
}

function orderPlaced(idWords: readonly string[], idLabel: string): string | undefined {
  const words = idWords.map((w) => stem(w.toLowerCase()));
  for (let i = 0; i < words.length; i++) {
    if (!placingVerbs.has(words[i]!)) continue;
    // "place market order", "createOrder", "confirm_order", "Create fast buy/sell trading orders": the order ends the
    // verb's object phrase, within its next five words and before any preposition ("Create a label for an order" places
    // none).
    const k = objectOrderAt(words, i);
    if (k < 0) continue;
    if (notPurchases.has(words[k - 1] ?? '') || words[k + 1] === 'order') continue;
    return `verb '${words[i]!}' of an order in ${idLabel}: placing an order commits to pay (UBL Order)`;
  }
  return undefined;
}

/**
 * Why confirming the transaction a required input names commits to pay (module comment), else undefined. `required`
 * is the input schema's `required` list.
 */
export function confirmsTransaction(
  idWords: readonly string[],
  idLabel: string,
  topFields: readonly SchemaField[],
  required: unknown,
): string | undefined {
  if (!idWords.some((w) => stem(w.toLowerCase()) === 'confirm') || !Array.isArray(required)) return undefined;
  const field = topFields.find((f) => f.joined === 'transactionid' && required.includes(f.name));
  return field
    ? `verb 'confirm' in ${idLabel} of the transaction in '${field.name}': confirming a purchase commits to pay`
    : undefined;
}
