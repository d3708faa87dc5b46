/**
 * Price terms (price-terms.ts, ADR 0008): a tax rate, discount, coupon, price list or quote is a definition later
 * sales use; creating, changing or deleting one is no financial change. Paying, applying or accepting one still is.
 * Invented tools.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { classifyOperation, mcpSource, str, toolDef } from './test-support/schema-builders.js';

describe('a price term is a definition, not money moving', () => {
  it('creating, changing or deleting a tax rate, discount, coupon, price list or quote moves no money', () => {
    const results = [
      classifyTool(toolDef('shop_coupon_edit', 'Edit a coupon.', { couponId: str(), code: str() }), mcpSource),
      classifyOperation('POST /v1/vat-rates', 'addTaxRate', 'Add a tax rate.', { name: str(), percentage: str() }),
      classifyOperation('PATCH /discounts/{id}', 'modifyDiscount', 'Modify a discount.', { id: str(), name: str() }),
      classifyOperation('DELETE /pricelists/{id}', 'removePriceList', 'Remove a price list.', { id: str() }),
      classifyOperation('DELETE /estimates/{id}/quote', 'dropQuote', 'Deletes a quote.', { id: str() }),
    ];
    for (const a of results) {
      expect(a.categories, a.reasons.join(' | ')).not.toContain('financial');
      expect(a.reasons.join(' ')).toMatch(/a price term/);
    }
    expect(results[0]!.level).toBe('medium');
    expect(results[1]!.level).toBe('medium');
  });

  it('applying, redeeming or accepting one, paying, or another money noun beside it stays financial', () => {
    const results = [
      classifyTool(toolDef('apply_coupon', 'Apply a coupon to the cart.', { code: str() }), mcpSource),
      classifyOperation('POST /quotes/{id}/accept', 'acceptQuote', 'Accepts a quote.', { id: str() }),
      classifyOperation('POST /taxes/payments', 'payTax', 'Pay the tax due.', { amount: str(), currency: str() }),
      classifyOperation('POST /invoices/{id}/discounts', 'addInvoiceDiscount', 'Add a discount to an invoice.', {
        id: str(),
      }),
    ];
    for (const a of results) expect(a.categories, a.reasons.join(' | ')).toContain('financial');
  });
});
