/**
 * A check-in (http-action.ts, ADR 0008): "check in" is a phrasal verb, recording an arrival or presence, not a check;
 * a POST named for it changes state. Invented operations.
 */
import { describe, expect, it } from 'vitest';
import { classifyOperation, str } from './test-support/schema-builders.js';

describe('a POST check-in records an event', () => {
  it('checking a guest or a worker in is a change', () => {
    const guest = classifyOperation('POST /stays/{id}/checkin', 'checkInGuest', 'Check in the guest of a stay.', {
      id: str(),
    });
    expect(guest.sideEffect).toBe('data-change');
    const worker = classifyOperation(
      'POST /workers/{id}/check-in-note',
      'Shift_CheckInWithNote',
      'Check in with a note; the shift timer restarts.',
      { note: str() },
    );
    expect(worker.sideEffect).toBe('data-change');
  });

  it('a POST check of something else still only reads', () => {
    const health = classifyOperation('POST /health/check', 'checkHealth', 'Check the health of the cluster.', {});
    expect(health.sideEffect).toBe('none');
    const inventory = classifyOperation('POST /stock/check', 'checkInventory', 'Check items in stock.', { sku: str() });
    expect(inventory.sideEffect).toBe('none');
  });
});
