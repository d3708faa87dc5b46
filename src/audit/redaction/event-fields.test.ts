import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AuditEventInput } from '../types.js';
import { buildEvent, EVENT_FIELDS, FREE_TEXT_FIELDS, isEventField } from './event-fields.js';
import { createRedactor, type RedactionConfig } from './redactor.js';

/** An event with every field set (what buildEvent is asked about, field by field). */
const FULL: Required<AuditEventInput> = {
  type: 'tool.call.requested',
  requestId: 'r-1',
  agent: 'agent-a',
  user: 'alice',
  sourceAddress: '127.0.0.1',
  tool: 'github_create_issue',
  backend: 'github',
  risk: { level: 'low', categories: ['read'] },
  arguments: { title: 't' },
  decision: 'allow',
  rule: 'r1',
  reasons: ['why'],
  approvalId: 'ap-1',
  resultStatus: 'ok',
  latencyMs: 1.5,
  error: 'e',
  detail: { method: 'tools/call' },
};

describe('the redactor builds a known event with named stores (event-fields.ts)', () => {
  it('asks for every field but type and timestamp, once, in RFC 8785 order, with detection on exactly the free-text fields', () => {
    const asked: Array<[string, boolean]> = [];
    const out = buildEvent(FULL, '2026-11-29T13:00:00.000Z', (field, value, detect) => {
      asked.push([field, detect]);
      expect(value).toBe(FULL[field]);
      return `<${field}>`;
    });
    expect(asked.map(([f]) => f)).toEqual(EVENT_FIELDS.filter((f) => f !== 'type' && f !== 'timestamp'));
    for (const [field, detect] of asked) expect(detect, field).toBe(FREE_TEXT_FIELDS.has(field));
    expect(Object.keys(out)).toEqual(EVENT_FIELDS);
    expect(out.type).toBe('tool.call.requested');
    expect(out.timestamp).toBe('2026-11-29T13:00:00.000Z');
  });

  it('leaves out a field the event lacks or whose redaction is undefined', () => {
    const out = buildEvent({ type: 'auth.failed', agent: 'a', tool: 't' }, 'ts', (field) =>
      field === 'tool' ? undefined : 'x',
    );
    expect(out).toEqual({ agent: 'x', timestamp: 'ts', type: 'auth.failed' });
  });

  it('knows exactly the fields of an event', () => {
    for (const f of EVENT_FIELDS) expect(isEventField(f), f).toBe(true);
    for (const f of ['', 'constructor', '__proto__', 'toString', 'Agent', 'agent ', 'seq', 'hash', 'prev'])
      expect(isEventField(f), f).toBe(false);
    expect(Object.keys(FULL).length + 1).toBe(EVENT_FIELDS.length);
  });
});

/** The PII corpus's texts (redaction-corpus.test.ts), to put in every field. */
function corpus(): string[] {
  const raw = JSON.parse(readFileSync(new URL('../testdata/pii-corpus.json', import.meta.url), 'utf8')) as {
    samples: Array<{ value?: string; parts?: string[] }>;
  };
  return raw.samples.map((s) => s.value ?? s.parts!.join(''));
}

function eventsOf(text: string, i: number): AuditEventInput[] {
  return [
    { ...FULL, arguments: { message: text, nested: [{ password: text }, i, `${i}`], 10: text }, reasons: [text] },
    { ...FULL, tool: text, error: text, detail: { method: 'tools/call', note: text, [text.slice(0, 40)]: 1 } },
    {
      type: 'tool.call.completed',
      requestId: `r-${i}`,
      agent: text,
      user: text,
      decision: 'allow',
      latencyMs: 1e9 + i,
    },
    { type: 'auth.failed', sourceAddress: text, detail: { key: text.slice(0, 12), big: 12345678901 + i } },
  ];
}

const CONFIGS: Array<[string, RedactionConfig]> = [
  ['defaults', {}],
  [
    'hmac everywhere',
    { sensitiveKeys: 'hmac', secretValues: 'hmac', detectors: { email: 'hmac', secretlint: 'hmac' } },
  ],
  ['drop', { sensitiveKeys: 'drop', secretValues: 'drop', detectors: { email: 'drop', jwt: 'drop' } }],
  ['path rules', { tools: { 'github_*': [{ path: 'message', mode: 'mask' }] } }],
];

describe('named stores give the same records as the generic path', () => {
  it.each(CONFIGS)('%s: every corpus text in every field, with and without vault values', async (_, config) => {
    const texts = corpus();
    for (const vault of [[], [texts[3]!, 'vault-value-0123456789']]) {
      const redactor = createRedactor({ config, secretValues: () => vault, hmacKey: randomBytes(32) });
      for (const [i, text] of texts.entries())
        for (const event of eventsOf(text, i)) {
          const ts = '2026-11-29T13:00:00.000Z';
          const known = await redactor.redactCanonicalAsync(event, ts);
          // An own field outside the known set (undefined, so left out) sends the event down the generic path.
          const generic = await redactor.redactCanonicalAsync(
            { ...event, zzUnknown: undefined } as AuditEventInput,
            ts,
          );
          expect(known.canonical).toBe(generic.canonical);
          expect(known.event).toEqual(generic.event);
          expect(redactor.redact(event, ts)).toEqual(
            redactor.redact({ ...event, zzUnknown: undefined } as AuditEventInput, ts),
          );
        }
    }
  });

  it('a value seen twice is copied twice; a cycle is cut where it closes', () => {
    const redactor = createRedactor();
    const shared = { a: 'x' };
    const cyclic: Record<string, unknown> = { name: 'c' };
    cyclic.self = cyclic;
    const out = redactor.redact(
      { type: 'tool.call.requested', arguments: { one: shared, two: [shared, cyclic] } },
      't',
    );
    expect(out.arguments).toEqual({ one: { a: 'x' }, two: [{ a: 'x' }, { name: 'c', self: '[REDACTED:circular]' }] });
  });
});
