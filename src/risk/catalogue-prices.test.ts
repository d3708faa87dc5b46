/**
 * Catalogue prices (catalogue-prices.ts, ADR 0008): a product's, article's or cart line's price field says what a later
 * sale charges; creating or changing the entry moves no money. An order, a renewal or a payment with a price still
 * does. Invented tools.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { classifyOperation, mcpSource, str, toolDef } from './test-support/schema-builders.js';

describe("a catalogue entry's price is a term, not money moving", () => {
  it('creating or changing a product, an article or a cart line with its price moves no money', () => {
    const results = [
      classifyTool(
        toolDef('shop_product_edit', 'Edit a product in the shop.', { productId: str(), title: str(), price: str() }),
        mcpSource,
      ),
      classifyOperation('POST /catalog/items', 'addCatalogItem', 'Adds an item to the catalog.', {
        name: str(),
        price: str(),
      }),
      classifyOperation('PUT /articles/{id}', 'replaceArticle', 'Replaces an article.', {
        id: str(),
        title: str(),
        price: str(),
      }),
      classifyOperation('POST /baskets/{id}/lines', 'appendBasketLine', 'Append a line to a basket.', {
        id: str(),
        sku: str(),
        price: str(),
      }),
    ];
    for (const a of results) {
      expect(a.categories, a.reasons.join(' | ')).not.toContain('financial');
      expect(a.reasons.join(' ')).toMatch(/of a catalogue entry, a price term/);
      expect(a.level).toBe('medium');
    }
  });

  it('a price on an order, a renewal or a purchase, or beside other money evidence, stays financial', () => {
    const results = [
      classifyOperation('POST /domains/{domain}/renew', 'renewDomain', 'Renew a domain for a period.', {
        domain: str(),
        price: str(),
        period: str(),
      }),
      classifyTool(
        toolDef('purchase_product', 'Purchase a product.', { productId: str(), price: str(), quantity: str() }),
        mcpSource,
      ),
      classifyOperation('POST /products/{id}/payments', 'payForProduct', 'Pay for a product.', {
        id: str(),
        amount: str(),
        currency: str(),
        price: str(),
      }),
    ];
    for (const a of results) expect(a.categories, a.reasons.join(' | ')).toContain('financial');
  });
});
