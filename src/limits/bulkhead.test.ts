import { describe, expect, it } from 'vitest';
import { createBulkhead } from './bulkhead.js';

describe('bulkhead', () => {
  it('caps calls in flight per agent and per backend, and frees slots when calls end', () => {
    const b = createBulkhead({ perBackend: 3, perAgent: 2 });
    const a1 = b.enter('a');
    const a2 = b.enter('a');
    expect(b.enter('a')).toEqual({ ok: false, cap: 'agent', limit: 2 });
    const c1 = b.enter('c');
    expect(b.enter('d')).toEqual({ ok: false, cap: 'backend', limit: 3 });
    expect(b.inFlight()).toBe(3);
    if (!a1.ok || !a2.ok || !c1.ok) throw new Error('expected slots');
    a1.leave();
    a1.leave(); // idempotent
    expect(b.inFlight()).toBe(2);
    expect(b.enter('d').ok).toBe(true);
    expect(b.enter('a').ok).toBe(false); // backend full again
  });
});
