import { describe, expect, it } from 'vitest';
import { isSensitiveKey } from './key-names.js';
import { createRedactor } from './redactor.js';
import { issue11Events, issue11Needles, issue11Shapes } from '../test-support/issue-11-shapes.js';

describe('key names', () => {
  it.each([
    'dbPassword',
    'awsSecretAccessKey',
    'password1',
    'mysecret',
    'db_passwd',
    'X-Api-Key',
    'signingKey',
    'client_secret',
    'refreshToken',
    'Authorization',
    'Proxy-Authorization',
    'set-cookie',
    'session_id',
    'ＰＡＳＳＷＯＲＤ',
  ])('%s is a secret name', (k) => expect(isSensitiveKey(k)).toBe(true));

  it.each(['max_tokens', 'tokenCount', 'passenger', 'secretary', 'keyboard', 'author', 'id', 'primaryKey'])(
    '%s is not',
    (k) => expect(isSensitiveKey(k)).toBe(false),
  );
});

describe('redaction of the shapes issue 11 found leaking', () => {
  const secretValues = () => [`Bearer ${issue11Shapes.bareHeaderToken}`];

  it('none survives (async path, with the secretlint rule set), and the text around them does', async () => {
    const r = createRedactor({ secretValues });
    const out = await Promise.all(issue11Events().map((e) => r.redactCanonicalAsync(e, '2026-11-27T00:00:00.000Z')));
    const text = out.map((o) => o.canonical).join('\n');
    for (const [name, needle] of Object.entries(issue11Needles))
      expect([name, text.includes(needle)]).toEqual([name, false]);
    expect(text).toContain('connect with password=[REDACTED:key]');
    expect(text).toContain('db passwd: [REDACTED:key]');
    expect(text).toContain('https://admin:'); // only the credential part of the URL goes
    expect(text).toContain('Unknown tool: [REDACTED:apiKey]');
    expect(JSON.parse(out[0]!.canonical)).toMatchObject({ arguments: { contact: 'mail [REDACTED:email] today' } });
  });

  it('formats only secretlint knows are caught by the async path (the sync detectors alone miss them)', async () => {
    const r = createRedactor();
    const event = issue11Events()[0]!;
    const sync = r.redactCanonical(event, 't').canonical;
    const full = (await r.redactCanonicalAsync(event, 't')).canonical;
    expect(sync).toContain(issue11Shapes.huggingFaceToken);
    expect(full).not.toContain(issue11Shapes.huggingFaceToken);
    expect(full).not.toContain(issue11Shapes.linearKey);
    expect(full).toContain('pull with [REDACTED:secretlint]');
  });

  it('leaves ordinary values alone', async () => {
    const r = createRedactor();
    const args = {
      max_tokens: 1000,
      tokenCount: 5,
      passenger: 'Bob',
      when: '2026-11-26T22:50:19.123Z',
      version: '1.2.3',
      ratio: 'a: b = c',
    };
    const { event } = await r.redactCanonicalAsync({ type: 'tool.call.requested', arguments: args }, 't');
    expect(event.arguments).toEqual(args);
  });

  it('truncates long caller strings with a length marker (a 200 KB tool name is not stored whole)', async () => {
    const r = createRedactor();
    const tool = 'x'.repeat(200_000);
    const { event, canonical } = await r.redactCanonicalAsync(
      { type: 'tool.call.denied', tool, arguments: { blob: 'y'.repeat(100_000), ['k'.repeat(1000)]: 1 } },
      't',
    );
    expect(event.tool).toMatch(/^x{512}…\[truncated: 200000 chars\]$/);
    expect(String(event.arguments!.blob)).toMatch(/…\[truncated: 100000 chars\]$/);
    expect(canonical.length).toBeLessThan(12_000);
    expect(Object.keys(event.arguments!).some((k) => k.endsWith('[truncated: 1000 chars]'))).toBe(true);
  });
});
