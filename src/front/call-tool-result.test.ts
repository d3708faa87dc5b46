import { isCallToolResult } from '@modelcontextprotocol/server';
import { describe, expect, it } from 'vitest';
import { isValidCallToolResult } from './call-tool-result.js';

const text = (t: unknown) => ({ type: 'text', text: t });
const samples: unknown[] = [
  { content: [] },
  { content: [text('a')] },
  { content: [text('a'), text('b')], isError: true },
  { content: [text('a')], isError: false, structuredContent: { n: 1 } },
  { content: [text('a')], structuredContent: [1, 2] },
  { content: [text(1)] },
  { content: [{ type: 'text' }] },
  { content: [{ type: 'image', data: 'AAAA', mimeType: 'image/png' }] },
  { content: [{ type: 'image', data: 'not base64!', mimeType: 'image/png' }] },
  { content: [{ ...text('a'), annotations: { priority: 0.5 } }] },
  { content: [{ ...text('a'), annotations: { priority: 'high' } }] },
  { content: [text('a')], isError: 'yes' },
  { content: [text('a')], _meta: { a: 1 } },
  { content: [text('a')], _meta: 'x' },
  { content: [text('a')], extra: 1 },
  { content: 'a' },
  { content: [null] },
  { isError: true },
  {},
  null,
  [],
  'text',
];

describe('isValidCallToolResult', () => {
  it('answers exactly as the SDK check does', () => {
    for (const s of samples) expect([s, isValidCallToolResult(s)]).toEqual([s, isCallToolResult(s)]);
  });
});
