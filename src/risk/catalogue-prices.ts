/**
 * A catalogue entry's price is a term, not money moving (twenty-fifth round; docs/risk.md, financial; price-terms.ts).
 *
 * A `price` field on a product, an article, an item, a listing, a library of products or a cart line says what a later
 * sale will charge: creating a product with its price (`createProduct`, `Article_Put`, `importLibraryV2`, adding a line
 * to a cart) moves no money and commits no one to pay, as a price list does not (price-terms.ts). The order, the
 * checkout or the payment that uses the price does.
 *
 * So where `financial` rests only on a price field, the tool's name names such a catalogue entry and neither its
 * verb nor its name pays or commits (price-terms.ts's commit verbs: place, purchase, checkout, order…), the category
 * is dropped with the reason. A price field on anything else (an order, a domain renewal, a trading signal, an
 * order's impact) still counts, and so does any other money evidence beside the price.
 */
import { commitVerbs } from './price-terms.js';
import type { Signals } from './signals.js';

const priceField = /^field '(?:unit_?)?prices?' ?/i;
/** Nouns (stemmed) of what a catalogue prices. Never an order, a plan or a subscription. */
const catalogueNouns = new Set(
  'product article item sku variant listing library catalog catalogue line merchandise good'.split(' '),
);

/** Drops `financial` that rests only on a catalogue entry's price field (module comment). */
export function cataloguePrices(s: Signals, ctx: { verb: string | undefined; nameWords: readonly string[] }): void {
  const why = s.categories.get('financial');
  if (!why || !why.every((r) => priceField.test(r))) return;
  if (!ctx.nameWords.some((w) => catalogueNouns.has(w))) return;
  if (ctx.verb !== undefined && commitVerbs.has(ctx.verb)) return;
  if (ctx.nameWords.some((w) => commitVerbs.has(w))) return;
  s.categories.delete('financial');
  s.reasons.push(`${why[0] ?? ''} of a catalogue entry, a price term: no money moves until it is sold`);
}
