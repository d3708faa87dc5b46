/**
 * Price terms are definitions, not money moving (twenty-fourth round; docs/risk.md, financial).
 *
 * `financial` means moving or committing money. A tax rate, a discount, a coupon, a price list or a quote is a term a
 * shop or a ledger keeps so that later sales are priced: creating, changing or deleting one (`createDiscount`,
 * `updateTaxRate`, `woo_coupons_update`, `DELETE /price-lists/{id}`, an organisation's tax settings) moves no money and
 * commits no one to pay; the sale that later uses it does. A quote is an offer; only accepting it commits (and a
 * Magento quote is a cart).
 *
 * So where `financial` rests only on such nouns (tax, discount, coupon, price, pricing, quote, in the name, path, tag
 * or description) and the tool's verb neither pays nor commits (accept, approve, confirm, place, submit, redeem,
 * apply, purchase, checkout…), the category is dropped with the reason. A pay verb, money fields (an amount with its
 * currency) or any other money noun (an invoice, a payment, an order) beside the term still count.
 */
import type { Signals } from './signals.js';

const termReason = /^(?:object |noun )'(taxe?s?|discounts?|coupons?|prices?|pricings?|quotes?)' in /;
/** Verbs by which a term is used on a sale or an offer accepted: those commit money. */
export const commitVerbs = new Set(
  'accept approve confirm place submit redeem apply purchase buy checkout order book pay charge finalize finalise'.split(
    ' ',
  ),
);

/** Drops `financial` that rests only on a price term (module comment). `verb` is the word the action rests on. */
export function priceTerms(s: Signals, ctx: { verb: string | undefined; nameWords: readonly string[] }): void {
  const why = s.categories.get('financial');
  if (!why || !why.every((r) => termReason.test(r))) return;
  if (ctx.verb !== undefined && commitVerbs.has(ctx.verb)) return;
  if (ctx.nameWords.some((w) => commitVerbs.has(w))) return;
  s.categories.delete('financial');
  s.reasons.push(`${why[0] ?? ''}, a price term (a rate, discount, coupon, price list or quote): no money moves`);
}
