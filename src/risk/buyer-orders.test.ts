/**
 * Customers' orders (buyer-orders.ts, ADR 0008): reading a shop's orders reads its buyers' names and delivery
 * addresses, personal data, even with no output declared. Invented tools.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { arr, classifyOperation, mcpSource, obj, str, toolDef } from './test-support/schema-builders.js';

describe("reading customers' orders reads personal data", () => {
  it('a read of orders or of one order, by name or by path: medium, no side effect, personal data', () => {
    const results = [
      classifyTool(toolDef('storefront_get_order', 'Fetch one order by its number.', { number: str() }), mcpSource),
      classifyTool(toolDef('list_orders', 'List the orders of the store.', { page: str() }), mcpSource),
      classifyTool(toolDef('get_order_details', 'Show an order with its lines.', { id: str() }), mcpSource),
      classifyOperation('GET /v2/shop/orders/{orderNo}', 'fetchShopOrder', 'Fetch an order.', { orderNo: str() }),
      classifyOperation('GET /orders', 'ordersIndex', 'All orders.', {}),
      classifyOperation(
        'GET /sales/orders/{id}',
        'readSalesOrder',
        'Read a sales order.',
        { id: str() },
        {
          outputSchema: obj({ id: str(), shipTo: obj({ fullName: str(), street: str() }), total: str() }),
        },
      ),
    ];
    for (const a of results) {
      expect(a.categories, a.reasons.join(' | ')).toContain('personal-data');
      expect(a.sideEffect).toBe('none');
      expect(a.level).toBe('medium');
    }
    expect(results[0]?.reasons.join(' ')).toMatch(/customers' orders/);
  });

  it('not other orders, counts, trading venues, or a declared output that says nothing about a person', () => {
    const results = [
      classifyTool(
        toolDef('get_purchase_order', 'Read a purchase order sent to a supplier.', { id: str() }),
        mcpSource,
      ),
      classifyTool(toolDef('list_change_orders', 'List change orders of a release.', {}), mcpSource),
      classifyTool(toolDef('get_sort_order', 'Read the sort order of a list.', { list: str() }), mcpSource),
      classifyTool(toolDef('count_orders', 'Count the orders placed today.', {}), mcpSource),
      classifyTool(toolDef('orders_summary', 'Summarise orders per day.', {}), mcpSource),
      classifyTool(
        toolDef('get_order', 'Read an open order on the trading venue for a stock.', { id: str() }),
        mcpSource,
      ),
      classifyOperation('GET /orders/{id}/label', 'orderLabel', 'Download the parcel label of an order.', {
        id: str(),
      }),
      classifyOperation(
        'GET /orders',
        'listOrders',
        'Lists orders.',
        {},
        {
          outputSchema: obj({ orders: arr(obj({ orderId: str(), createdAt: str(), trackingCode: str() })) }),
        },
      ),
      classifyOperation(
        'GET /accounts/{account}/orders/{customerOrderId}',
        'getOrder',
        'Returns an order.',
        {
          account: str(),
          customerOrderId: str(),
        },
        { outputSchema: obj({ customerOrderId: str(), ticker: str(), filledQuantity: str(), side: str() }) },
      ),
    ];
    for (const a of results) {
      expect(a.categories, `${a.reasons.join(' | ')}`).not.toContain('personal-data');
      expect(a.reasons.join(' ')).not.toMatch(/customers' orders/);
    }
  });
});
