/**
 * Cancelling or rejecting a purchase (an order, a booking, a reservation, a ride) refunds or releases its money
 * (cancelled-purchases.ts, docs/risk.md): financial. Deleting an order's record, and cancelling a work order or a
 * sort order, are not. Invented tools.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { classifyOperation, mcpSource, str, toolDef } from './test-support/schema-builders.js';

describe('cancelled purchases', () => {
  it('cancelling or rejecting an order, a booking or a ride is financial', () => {
    const results = [
      classifyTool(
        toolDef('shop_cancel_order', 'Cancels an order placed by a customer.', { orderId: str() }),
        mcpSource,
      ),
      classifyTool(toolDef('order_cancel', 'Cancel it.', { id: str() }), mcpSource),
      classifyOperation('POST /hotel-bookings/{id}/cancellations', 'cancelHotelBooking', 'Cancel a booking.', {
        id: str(),
      }),
      classifyOperation('PUT /orders/{orderId}/reject', '', 'Reject the order.', { orderId: str(), reason: str() }),
      classifyTool(toolDef('cancel_ride', 'Cancels the ride the passenger requested.', { rideId: str() }), mcpSource),
    ];
    for (const a of results) {
      expect(a.categories, a.reasons.join(' | ')).toContain('financial');
      expect(a.level).toBe('high');
    }
  });

  it("deleting an order's record, or cancelling a work order, a sort order or a job, is not", () => {
    const results = [
      classifyTool(toolDef('delete_order', 'Delete an order record.', { orderId: str() }), mcpSource),
      classifyTool(toolDef('cancel_work_order', 'Cancel a maintenance work order.', { id: str() }), mcpSource),
      classifyTool(toolDef('cancel_job', 'Cancel a running job.', { id: str() }), mcpSource),
      classifyOperation('DELETE /orders/{id}', 'deleteOrder', 'Deletes the order.', { id: str() }),
      classifyOperation('DELETE /shipments/{id}', 'deleteShipment', 'Cancel an order so that it is not shipped.', {
        id: str(),
      }),
    ];
    for (const a of results) expect(a.categories, a.reasons.join(' | ')).not.toContain('financial');
  });
});
