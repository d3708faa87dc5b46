import { describe, expect, it } from 'vitest';
import { TOOL_NAME_RE, namespacedName } from './naming.js';

describe('namespacedName', () => {
  it('prefixes with the backend name', () => {
    expect(namespacedName('github', 'create_issue')).toBe('github_create_issue');
  });
  it('keeps every name valid, including odd characters and very long names', () => {
    const cases = ['a.b', 'a/b', 'ünïcode tool', '', 'x'.repeat(200), 'get-sum', 'tool:with:colons'];
    for (const t of cases) expect(namespacedName('srv', t)).toMatch(TOOL_NAME_RE);
  });
  it('is deterministic and keeps distinct originals distinct', () => {
    const names = ['a.b', 'a/b', 'a-b', 'a b'].map((t) => namespacedName('s', t));
    expect(new Set(names).size).toBe(4);
    expect(namespacedName('s', 'a.b')).toBe(names[0]);
    const long1 = namespacedName('s', `${'x'.repeat(80)}1`);
    const long2 = namespacedName('s', `${'x'.repeat(80)}2`);
    expect(long1).not.toBe(long2);
    expect(long1.length).toBe(64);
  });
});
