/**
 * Transient state (transient-state.ts, ADR 0008): clearing a debugger's breakpoints or a cart's items destroys nothing
 * kept; a plain change. Invented tools.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { classifyOperation, mcpSource, str, toolDef } from './test-support/schema-builders.js';

describe('removing transient state is a plain change', () => {
  it("breakpoints, a cart's or basket's items: medium, a data change, not destructive", () => {
    const results = [
      classifyTool(toolDef('dbg_remove_all_breakpoints', 'Remove every breakpoint.', { session: str() }), mcpSource),
      classifyTool(toolDef('delete_watchpoint', 'Delete a watchpoint.', { id: str() }), mcpSource),
      classifyTool(toolDef('shop_empty_cart', 'Empty the shopping cart.', {}), mcpSource),
      classifyTool(toolDef('drop_item_from_basket', 'Take an item out of the basket.', { sku: str() }), mcpSource),
      classifyOperation('DELETE /carts/{cartId}', 'discardCart', 'Discards a cart.', { cartId: str() }),
    ];
    for (const a of results) {
      expect(a.categories, a.reasons.join(' | ')).not.toContain('destructive');
      expect(a.sideEffect).toBe('data-change');
      expect(a.level).toBe('medium');
      expect(a.reasons.join(' ')).toMatch(/transient state/);
    }
  });

  it('not for what a basket or cart holds besides its items, a tool with no removal of its own, or loss wording', () => {
    const results = [
      classifyOperation('DELETE /baskets/{name}/requests', 'deleteBasketRequests', 'Deletes collected requests.', {
        name: str(),
      }),
      classifyTool(
        toolDef('delete_cart_script', 'Delete a script from the storefront cart.', { id: str() }),
        mcpSource,
      ),
      classifyTool(toolDef('clear_cart', 'Permanently deletes the saved cart.', {}), mcpSource),
    ];
    for (const a of results) expect(a.categories, a.reasons.join(' | ')).toContain('destructive');
  });
});
