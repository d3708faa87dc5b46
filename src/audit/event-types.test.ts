import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { auditEventTypes } from './event-types.js';

const doc = readFileSync(new URL('../../docs/audit-events.md', import.meta.url), 'utf8');
/** Types documented as table rows: | `type.name` | owner | description | */
const documented = [...doc.matchAll(/^\| `([a-z][a-z0-9_.]*)` \| ([a-z]+) \|/gm)].map((m) => ({
  type: m[1]!,
  owner: m[2]!,
}));

describe('audit event types', () => {
  it('every registered type is documented with its owner, and every documented type is registered', () => {
    const registered = Object.entries(auditEventTypes).map(([type, v]) => ({ type, owner: v.owner }));
    expect([...documented].sort((a, b) => a.type.localeCompare(b.type))).toEqual(
      [...registered].sort((a, b) => a.type.localeCompare(b.type)),
    );
  });

  it('names are past tense with dots', () => {
    for (const type of Object.keys(auditEventTypes)) {
      expect(type).toMatch(/^[a-z]+(\.[a-z]+)+$/);
      expect(type.split('.').pop()).toMatch(/(ed|listed)$/);
    }
  });
});
