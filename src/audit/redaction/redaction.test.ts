import { createHmac, generateKeyPairSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { detectors, ibanValid, luhnValid, type DetectorId } from './detectors.js';
import { createRedactor, parsePath } from './redactor.js';
import { SECRETLINT_EXAMPLES } from '../test-support/secretlint-examples.js';
import { issue11Shapes } from '../test-support/issue-11-shapes.js';

function detect(text: string): DetectorId[] {
  const found: DetectorId[] = [];
  let rest = text;
  for (const d of detectors) {
    d.pattern.lastIndex = 0;
    rest = rest.replace(d.pattern, (m) => {
      if (d.confirm && !d.confirm(m)) return m;
      found.push(d.id);
      return '#';
    });
  }
  return found;
}

describe('detectors', () => {
  it.each<[string, DetectorId[]]>([
    ['mail me at jane.doe+x@example.co.uk today', ['email']],
    ['call +1 415-555-0132 or (020) 7946 0958', ['phone', 'phone']],
    ['card 4111 1111 1111 1111 exp 12/29', ['card']],
    ['card 4111 1111 1111 1112 (bad Luhn, too long for a phone)', []],
    ['iban DE89 3704 0044 0532 0130 00', ['iban']],
    ['iban DE89 3704 0044 0532 0130 01 (bad checksum)', []],
    ['ssn 123-45-6789; 000-12-3456 is no SSN (but phone-shaped)', ['nationalId', 'phone']],
    ['nino AB 12 34 56 C', ['nationalId']],
    ['AKIAIOSFODNN7EXAMPLE', ['apiKey']],
    ['Authorization: Bearer abcdefghijklmnop1234', ['apiKey']],
    ['on 2026-11-21 06:04 from 10.0.12.200, order 1234567812345678, version 1.2.3', []],
  ])('%s', (text, expected) => {
    expect(detect(text)).toEqual(expected);
  });

  it('validates check digits', () => {
    expect(luhnValid('4111111111111111')).toBe(true);
    expect(luhnValid('4111111111111112')).toBe(false);
    expect(ibanValid('GB82 WEST 1234 5698 7654 32')).toBe(true);
    expect(ibanValid('GB82 WEST 1234 5698 7654 33')).toBe(false);
  });

  it('finds PEM private keys, including truncated ones', () => {
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(detect(`key: ${pem} end`)).toEqual(['privateKey']);
    expect(detect(pem.slice(0, 60))).toEqual(['privateKey']);
  });

  it('stays fast on hostile input', () => {
    const hostile = `${'1 '.repeat(20_000)}${'a@'.repeat(20_000)}${'eyJ'.repeat(10_000)}`;
    const started = Date.now();
    detect(hostile);
    // Generous bound: a catastrophic backtracking bug takes minutes, not seconds.
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe('createRedactor', () => {
  const ts = '2026-01-01T00:00:00.000Z';

  it('masks detector hits in free-text fields but leaves identity fields alone', () => {
    const r = createRedactor();
    const out = r.redact(
      {
        type: 'tool.call.failed',
        user: 'jane@example.com',
        arguments: { note: 'contact jane@example.com', nested: [{ card: '4111111111111111' }] },
        error: 'upstream said: 4111-1111-1111-1111 declined',
        reasons: ['ssn 123-45-6789 seen'],
      },
      ts,
    );
    expect(out.user).toBe('jane@example.com');
    expect(out.arguments).toEqual({ note: 'contact [REDACTED:email]', nested: [{ card: '[REDACTED:card]' }] });
    expect(out.error).toBe('upstream said: [REDACTED:card] declined');
    expect(out.reasons).toEqual(['ssn [REDACTED:nationalId] seen']);
    expect(out.timestamp).toBe(ts);
  });

  it('keeps an argument named __proto__ (an own key of the JSON the upstream receives) in the record', () => {
    // JSON.parse makes "__proto__" an own property, and JSON.stringify sends it on; a plain assignment to a fresh
    // object would set the copy's prototype instead and the record would lose the argument.
    const args = JSON.parse(
      '{"__proto__":{"isAdmin":true,"note":"mail jane@example.com"},"path":"x","rules":[{"__proto__":1}]}',
    );
    const r = createRedactor();
    for (const out of [
      r.redact({ type: 'tool.call.requested', tool: 't', arguments: args }, ts),
      r.redact({ type: 'tool.call.requested', tool: 't', arguments: args, custom: 1 } as never, ts),
    ]) {
      expect(Object.keys(out.arguments!)).toEqual(['__proto__', 'path', 'rules']);
      expect(JSON.parse(JSON.stringify(out.arguments))).toEqual(
        JSON.parse(
          '{"__proto__":{"isAdmin":true,"note":"mail [REDACTED:email]"},"path":"x","rules":[{"__proto__":1}]}',
        ),
      );
      expect(Object.getPrototypeOf(out.arguments)).toBe(Object.prototype);
    }
    const { canonical } = r.redactCanonical({ type: 'tool.call.requested', tool: 't', arguments: args }, ts);
    expect(canonical).toContain('"__proto__":{"isAdmin":true');
  });

  it('hmac mode gives equal values equal tags (correlation without disclosure)', () => {
    const key = randomBytes(32);
    const r = createRedactor({ config: { detectors: { email: 'hmac' } }, hmacKey: key });
    const a = r.redact(
      { type: 'tools.listed', detail: { x: 'a@example.com', y: 'a@example.com', z: 'b@example.com' } },
      ts,
    ).detail!;
    const expected = createHmac('sha256', key).update('a@example.com').digest('hex').slice(0, 32);
    expect(a.x).toBe(`[email:hmac:${expected}]`);
    expect(a.y).toBe(a.x);
    expect(a.z).not.toBe(a.x);
    expect(() => createRedactor({ config: { detectors: { email: 'hmac' } } })).toThrow(/hmac key/);
  });

  it('drop mode removes the field; sensitive keys are masked whatever their content', () => {
    const r = createRedactor({ config: { detectors: { jwt: 'drop' } } });
    const jwt = ['eyJhbGciOiJIUzI1NiJ9', 'eyJzdWIiOiIxIn0', 'c2lnbmF0dXJlLXNpZ25hdHVyZQ'].join('.');
    const out = r.redact(
      {
        type: 'tools.listed',
        arguments: {
          token_hint: `x ${jwt}`,
          keep: 1,
          password: 'p4ss',
          headers: { Authorization: 'abc' },
          max_tokens: 5,
        },
      },
      ts,
    );
    expect(out.arguments).toEqual({
      keep: 1,
      password: '[REDACTED:key]',
      headers: { Authorization: '[REDACTED:key]' },
      max_tokens: 5,
    });
  });

  it('removes vault values from every field, including identity fields and keys', () => {
    const r = createRedactor({ secretValues: () => ['s3cr3t-value', 'xy'] });
    const out = r.redact(
      { type: 'auth.failed', user: 'user-s3cr3t-value', detail: { 's3cr3t-value': 'as key', short: 'xy' } },
      ts,
    );
    expect(JSON.stringify(out)).not.toContain('s3cr3t-value');
    expect(out.user).toBe('user-[REDACTED:secret]');
    // Values shorter than 4 characters are ignored (they would mask everything).
    expect(out.detail).toEqual({ '[REDACTED:secret]': 'as key', short: 'xy' });
  });

  it('applies configured JSON paths per tool (exact name or glob)', () => {
    const r = createRedactor({
      config: {
        tools: {
          'crm.*': [
            { path: 'customer.reference', mode: 'mask' },
            { path: 'items[*].note', mode: 'drop' },
          ],
        },
      },
    });
    const args = {
      customer: { reference: 'REF-1', name: 'n' },
      items: [
        { note: 'a', id: 1 },
        { note: 'b', id: 2 },
      ],
    };
    expect(r.redact({ type: 'tool.call.requested', tool: 'crm.update', arguments: args }, ts).arguments).toEqual({
      customer: { reference: '[REDACTED:path]', name: 'n' },
      items: [{ id: 1 }, { id: 2 }],
    });
    expect(r.redact({ type: 'tool.call.requested', tool: 'other.update', arguments: args }, ts).arguments).toEqual(
      args,
    );
    expect(args.customer.reference).toBe('REF-1'); // input untouched
  });

  it('parses paths', () => {
    expect(parsePath('$.a.b[2].c[*]')).toEqual(['a', 'b', '2', 'c', '*']);
    expect(() => parsePath('a.b]')).toThrow();
  });

  it('makes events JSON-safe (non-finite numbers, bigint, dates, cycles)', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = cyclic;
    const out = createRedactor().redact(
      { type: 'tools.listed', latencyMs: Number.NaN, detail: { big: 12n, when: new Date(0), cyclic, fn: () => 1 } },
      ts,
    );
    expect(out.latencyMs).toBeNull();
    expect(out.detail).toEqual({
      big: '12',
      when: '1970-01-01T00:00:00.000Z',
      cyclic: { a: 1, self: '[REDACTED:circular]' },
    });
  });
});

describe('redactCanonical', () => {
  it('produces exactly the RFC 8785 form of the redacted event, including the index-like-key fallback', async () => {
    const { canonicalize } = await import('../canonical-json.js');
    const r = createRedactor({ secretValues: () => ['vault-value-1'] });
    const inputs = [
      {
        type: 'tools.listed' as const,
        detail: { z: 1, a: { y: [3, { c: 1, b: 2 }], x: 'é\u2028\ud83d\ude00' }, B: -0, e: 1e21 },
      },
      { type: 'tools.listed' as const, detail: { '10': 'a', '2': 'b', '1a': 'c', a: { '0': 1 } } },
      {
        type: 'tool.call.failed' as const,
        tool: 'x',
        arguments: { password: 'p', note: 'mail a@example.com', k: 'vault-value-1' },
        error: 'e',
      },
    ];
    for (const input of inputs) {
      const { event, canonical } = r.redactCanonical(input, '2026-01-01T00:00:00.000Z');
      expect(canonical).toBe(canonicalize(event));
    }
  });
});

describe('redactForLog (the log’s hot path)', () => {
  const ts = '2026-11-27T00:00:00.000Z';

  it('answers without a promise, for new text too, and masks a secretlint-only secret every time', async () => {
    const r = createRedactor();
    const tool = 'billing.create_refund_for_customer';
    const file = `/srv/reports/2026/q3-revenue-${Date.now()}.pdf`;
    const clean = { type: 'tool.call.requested' as const, tool, arguments: { file, note: 'short' } };
    // Nothing that could hold a secret: a value at once.
    expect(
      r.redactForLog({ type: 'tool.call.requested', tool: 'up_echo', arguments: { m: 'hi' } }, ts),
    ).not.toBeInstanceOf(Promise);
    // A text never scanned: the rules run on secretlint-host.ts, still a value; the same text again: the same record.
    const first = r.redactForLog(clean, ts);
    expect(first).not.toBeInstanceOf(Promise);
    const scanned = first as Awaited<typeof first>;
    const again = r.redactForLog(clean, ts);
    expect(again).not.toBeInstanceOf(Promise);
    expect((again as typeof scanned).canonical).toBe(scanned.canonical);
    expect((await r.redactCanonicalAsync(clean, ts)).canonical).toBe(scanned.canonical);
    // The same shape with a secret in it (one only secretlint knows) is another text: scanned and masked, every time.
    const token = issue11Shapes.huggingFaceToken;
    const dirty = { ...clean, arguments: { file: `${file}?${token}`, note: 'short' } };
    for (let i = 0; i < 2; i++) {
      const out = r.redactForLog(dirty, ts);
      expect(out).not.toBeInstanceOf(Promise);
      const { canonical } = await out;
      expect(canonical).not.toContain(token);
      expect(canonical).toContain('[REDACTED:secretlint]');
    }
  });

  it('masks every rule’s example secret in every field and position, new text every time, also after `secretlint-disable`', async () => {
    const r = createRedactor();
    let n = 0;
    for (const [rule, examples] of Object.entries(SECRETLINT_EXAMPLES)) {
      for (const secret of examples) {
        const unique = `/srv/run/${rule.slice(12)}-${n++}-${Date.now()}`;
        const events = [
          {
            type: 'tool.call.requested' as const,
            tool: 'github_create_pull_request',
            arguments: { path: unique, body: secret },
          },
          {
            type: 'tool.call.requested' as const,
            tool: 'github_create_pull_request',
            arguments: { a: 'secretlint-disable', path: unique, list: [`x ${secret} y`] },
          },
          {
            type: 'tool.call.requested' as const,
            tool: 'github_create_pull_request',
            arguments: { [`${unique}`]: { deep: `${secret}\n${unique}` } },
          },
          {
            type: 'tool.call.failed' as const,
            tool: 'github_create_pull_request',
            requestId: unique,
            error: `upstream said ${secret}`,
          },
        ];
        for (const event of events) {
          const out = r.redactForLog(event, ts);
          expect(out).not.toBeInstanceOf(Promise);
          const { canonical } = await out;
          // The secret's longest run of token characters (the key, the password of a URL, a PEM line) is gone.
          const needle = [...secret.matchAll(/[A-Za-z0-9+/_-]+/g)]
            .map((m) => m[0])
            .sort((a, b) => b.length - a.length)[0]!;
          expect(needle.length).toBeGreaterThanOrEqual(14);
          expect(canonical, rule).not.toContain(needle);
        }
      }
    }
  });

  it('builds the record in canonical order, also for fields outside the known set', async () => {
    const { canonicalize } = await import('../canonical-json.js');
    const r = createRedactor();
    const inputs = [
      { type: 'tools.listed', zeta: 1, aardvark: { b: 1, a: 2 }, detail: { target: 't', method: 'm', startedAt: 's' } },
      {
        type: 'tool.call.completed',
        requestId: 'r',
        tool: 'up_echo',
        decision: 'allow',
        resultStatus: 'ok',
        latencyMs: 1,
      },
      { type: 'tools.listed', detail: { '10': 'a', '2': 'b', c: { '1': 1, '0': 0 } } },
    ] as unknown as Array<Parameters<typeof r.redactForLog>[0]>;
    for (const input of inputs) {
      const { event, canonical } = await r.redactForLog(input, ts);
      expect(canonical).toBe(canonicalize(event));
      expect(JSON.parse(canonical)).toEqual({ ...input, timestamp: ts });
    }
  });

  it('a text found clean before is redacted again when a vault value appears in it, also behind NFKC', async () => {
    let vault: string[] = [];
    const r = createRedactor({ secretValues: () => vault });
    const event = (note: string) => ({ type: 'tool.call.requested' as const, arguments: { note } });
    const ascii = 'deploy with k-93jf-2210 now';
    const fullwidth = 'ｓ３ｃｒ３ｔ－ｖａｌｕｅ';
    const instant = '2026-11-28T00:41:02.123Z';
    for (const note of [ascii, fullwidth, instant])
      expect((await r.redactForLog(event(note), ts)).event.arguments).toEqual({ note });
    vault = ['k-93jf-2210', 's3cr3t-value', '00:41:02'];
    expect((await r.redactForLog(event(ascii), ts)).event.arguments).toEqual({
      note: 'deploy with [REDACTED:secret] now',
    });
    expect((await r.redactForLog(event(fullwidth), ts)).event.arguments).toEqual({ note: '[REDACTED:secret]' });
    expect((await r.redactForLog(event(instant), ts)).event.arguments).toEqual({
      note: '2026-11-28T[REDACTED:secret].123Z',
    });
  });

  it('a text with a finding is redacted every time; the same text found clean is kept as sent', async () => {
    const r = createRedactor();
    for (let i = 0; i < 3; i++) {
      const { event } = await r.redactForLog(
        { type: 'tool.call.requested', reasons: ['mail jane@example.com'], arguments: { n: 'mail jane at home' } },
        ts,
      );
      expect(event.reasons).toEqual(['mail [REDACTED:email]']);
      expect(event.arguments).toEqual({ n: 'mail jane at home' });
    }
  });

  it('truncates what is long whatever field holds it, and what only grew long when the scan masked it', async () => {
    const r = createRedactor({ config: { detectors: { secretlint: 'hmac' } }, hmacKey: randomBytes(32) });
    const longKey = 'ab '.repeat(100);
    const named = await r.redactForLog({ type: 'tool.call.requested', agent: 'a'.repeat(600) }, ts);
    expect(named.event.agent).toMatch(/^a{512}…\[truncated: 600 chars\]$/);
    const keyed = await r.redactForLog({ type: 'tool.call.requested', arguments: { [longKey]: 1 } }, ts);
    expect(Object.keys(keyed.event.arguments!)).toEqual([`${longKey.slice(0, 256)}…[truncated: 300 chars]`]);
    // A key of 250 characters holding a token only secretlint knows: its hmac tag makes it 263, over the keys' limit.
    const token = issue11Shapes.huggingFaceToken;
    const key = `${'k '.repeat((250 - token.length - 1) / 2)} ${token}`.padEnd(250, 'k');
    expect(key.length).toBe(250);
    const masked = await r.redactForLog({ type: 'tool.call.requested', arguments: { [key]: 1 } }, ts);
    const [k] = Object.keys(masked.event.arguments!);
    expect(k).not.toContain(token);
    expect(k).toMatch(/ \[secretlint:hmac:[0-9a-f]{26}…\[truncated: 263 chars\]$/);
  });
});
