/**
 * Cancelling a purchase is a financial change (thirty-first round; docs/risk.md, financial).
 *
 * Placing an order commits the buyer to pay (purchase-orders.ts: OASIS UBL's Order). UBL's ordering process ends that
 * commitment with an Order Cancellation, and a seller that rejects an order (UBL's Order Response with a rejection)
 * releases it: what was paid or held for it is refunded or released, and a cancellation fee may be charged. So
 * cancelling or rejecting an order, or a booking, reservation or ride bought the same way (a hotel booking, a flight
 * order, a ride requested from a ride-hailing service), moves or releases money: `financial`, beside the `destructive`
 * its verb already gives.
 *
 * Deleting an order's record is not (docs/risk.md: editing or deleting an order moves no money; dev labels a shop's
 * order deletions `destructive` only), nor cancelling an order that is no purchase (a sort, display or work order,
 * purchase-orders.ts). The purchase is named where the operation is: the object of the name's verb (object-phrase.ts),
 * the word before a verb that ends the name (`order_cancel`), or a literal path segment before the verb's
 * (`/orders/{id}/reject`). Not from prose alone: a logistics API's "Cancel an Order… to prevent shipment" (`DELETE
 * /orders/{id}`) stops a fulfilment request, the purchase having been made elsewhere, and its words do not say so.
 */
import { objectPhrase } from './object-phrase.js';
import { notPurchases } from './purchase-orders.js';
import { stem } from './tokens.js';

const cancelVerbs = new Set(['cancel', 'reject']);
/** What is bought by placing it: an order, or a booking, reservation or ride. */
const purchases = new Set(['order', 'booking', 'reservation', 'ride']);

/** "'cancel' of an order": the verb and the purchase it cancels in `words` (stems), else undefined. */
function cancelledIn(words: readonly string[]): string | undefined {
  for (let i = 0; i < words.length; i++) {
    if (!cancelVerbs.has(words[i]!)) continue;
    const object = objectPhrase(words, i, 5);
    const at = object.length > 0 ? object : i > 0 && i === words.length - 1 ? [i - 1] : [];
    for (const k of at) {
      const w = words[k]!;
      if (purchases.has(w) && !notPurchases.has(words[k - 1] ?? '')) return `'${words[i]!}' of a ${w}`;
    }
  }
  return undefined;
}

/**
 * Why the tool cancels a purchase (module comment), else undefined: from the name's stems or the path's literal segments
 * (a cancel verb segment right after a purchase segment).
 */
export function cancelsPurchase(
  idStems: readonly string[],
  idLabel: string,
  pathSegments: ReadonlyArray<readonly string[]>,
): string | undefined {
  const why = 'cancelling a purchase refunds or releases its money (UBL Order Cancellation)';
  const name = cancelledIn(idStems);
  if (name) return `verb ${name} in ${idLabel}: ${why}`;
  const verbAt = pathSegments.findIndex((s) => s.length === 1 && cancelVerbs.has(s[0]!));
  const parent = verbAt > 0 ? pathSegments[verbAt - 1]?.at(-1) : undefined;
  return parent !== undefined && purchases.has(stem(parent))
    ? `path segment '${pathSegments[verbAt]![0]!}' of a ${stem(parent)}: ${why}`
    : undefined;
}
