import { describe, expect, it } from 'vitest';
import { checkParamHeaders } from './param-headers.js';

const schema = {
  type: 'object',
  properties: {
    region: { type: 'string', 'x-mcp-header': 'Region' },
    n: { type: 'integer', 'x-mcp-header': 'N' },
    q: { type: 'string' },
  },
};

describe('Mcp-Param header validation (SEP-2243)', () => {
  it('accepts matching literal and Base64 values', () => {
    expect(
      checkParamHeaders(schema, { region: 'eu', n: 3 }, { 'mcp-param-region': 'eu', 'mcp-param-n': '3' }),
    ).toBeUndefined();
    const b64 = Buffer.from('Hello wörld').toString('base64');
    expect(
      checkParamHeaders(schema, { region: 'Hello wörld' }, { 'mcp-param-region': `=?base64?${b64}?=` }),
    ).toBeUndefined();
  });
  it('rejects a missing header, a mismatch and bad Base64', () => {
    expect(checkParamHeaders(schema, { region: 'eu' }, {})).toMatch(/required/);
    expect(checkParamHeaders(schema, { region: 'eu' }, { 'mcp-param-region': 'us' })).toMatch(/does not match/);
    expect(checkParamHeaders(schema, { region: 'Hello' }, { 'mcp-param-region': '=?base64?SGVsbG8?=' })).toMatch(
      /Base64/,
    );
    expect(checkParamHeaders(schema, { region: 'Hello' }, { 'mcp-param-region': '=?base64?SGVs!!!bG8=?=' })).toMatch(
      /Base64/,
    );
  });
  it('ignores unannotated and absent arguments', () => {
    expect(checkParamHeaders(schema, { q: 'x' }, {})).toBeUndefined();
  });
});
