import { describe, expect, it } from 'vitest';
import type { ApiKeyRecord } from '../repositories.js';
import { createKeyCache } from './key-cache.js';

const rec: ApiKeyRecord = { id: 'aaaaaaaaaaaa', kind: 'agent', agent: 'crm', hash: 'ab', createdAt: 't' };

describe('key cache', () => {
  it('serves hits and misses until they expire, and nothing while the change feed is down', () => {
    let now = 0;
    const c = createKeyCache({ ttlMs: 5000, maxEntries: 10, now: () => now });
    c.set('x', rec, c.generation());
    expect(c.get('x')).toBeUndefined(); // not live yet
    c.setLive(true);
    c.set('x', rec, c.generation());
    c.set('y', null, c.generation());
    expect(c.get('x')).toEqual(rec);
    expect(c.get('y')).toBeNull();
    now = 5000;
    expect(c.get('x')).toBeUndefined();
    c.set('x', rec, c.generation());
    c.setLive(false);
    expect(c.get('x')).toBeUndefined();
  });

  it('a lookup that started before a change does not cache what it read', () => {
    const c = createKeyCache({ ttlMs: 5000, maxEntries: 10 });
    c.setLive(true);
    const before = c.generation();
    c.clear(); // a revocation arrives while the lookup's query is in flight
    c.set('x', rec, before);
    expect(c.get('x')).toBeUndefined();
  });

  it('stays bounded', () => {
    const c = createKeyCache({ ttlMs: 5000, maxEntries: 2 });
    c.setLive(true);
    for (const id of ['a', 'b', 'c']) c.set(id, null, c.generation());
    expect([c.get('a'), c.get('b'), c.get('c')].filter((v) => v !== undefined)).toHaveLength(1);
  });
});
