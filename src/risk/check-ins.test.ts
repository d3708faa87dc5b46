/**
 * A check-in (http-action.ts, ADR 0008): "check in" is a phrasal verb, recording an arrival or presence, not a check;
 * a POST named for it changes state. Invented operations.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { api, str, toolDef } from './test-support/schema-builders.js';

describe('a POST check-in records an event', () => {
  it('checking a guest or a worker in is a change', () => {
    const guest = classifyTool(
      toolDef('POST /stays/{id}/checkin', 'Check in the guest of a stay.', { id: str() }),
      api('POST', '/stays/{id}/checkin', 'checkInGuest'),
    );
    expect(guest.sideEffect).toBe('data-change');
    const worker = classifyTool(
      toolDef('POST /workers/{id}/check-in-note', 'Check in with a note; the shift timer restarts.', { note: str() }),
      api('POST', '/workers/{id}/check-in-note', 'Shift_CheckInWithNote'),
    );
    expect(worker.sideEffect).toBe('data-change');
  });

  it('a POST check of something else still only reads', () => {
    const health = classifyTool(
      toolDef('POST /health/check', 'Check the health of the cluster.', {}),
      api('POST', '/health/check', 'checkHealth'),
    );
    expect(health.sideEffect).toBe('none');
    const inventory = classifyTool(
      toolDef('POST /stock/check', 'Check items in stock.', { sku: str() }),
      api('POST', '/stock/check', 'checkInventory'),
    );
    expect(inventory.sideEffect).toBe('none');
  });
});
