import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedactor } from '../audit/redaction/redactor.js';
import { parseConfigText, type LoadedConfig } from '../config/load.js';
import { envProvider } from '../vault/providers.js';
import { createSecretResolver } from '../vault/references.js';
import { auditOptionsOf, secretValuesOf } from './audit-options.js';

const dir = mkdtempSync(join(tmpdir(), 'pc-audit-options-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('audit options from the config', () => {
  it("a syslog sink's tls.ca names a PEM file (relative to the config file): TLS gets the file's text, not its path", () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    writeFileSync(join(dir, 'syslog-ca.pem'), pem);
    const config = parseConfigText(
      `audit:\n  sinks:\n    - { type: syslog, host: 127.0.0.1, port: 6514, tls: { ca: ./syslog-ca.pem, servername: logs } }\n    - { type: file, path: ./audit.jsonl }\n`,
      join(dir, 'portcullis.yaml'),
      {},
    );
    const opts = auditOptionsOf(
      { file: join(dir, 'portcullis.yaml'), baseDir: dir, dataDir: join(dir, 'data'), config },
      { log: () => undefined },
    );
    expect(opts.sinks?.[0]).toMatchObject({ type: 'syslog', tls: { ca: pem, servername: 'logs' } });
    expect(opts.sinks?.[1]).toMatchObject({ type: 'file', path: join(dir, 'audit.jsonl') });
  });
});

describe('the secret values for redaction and leak scans (ADR 0017, Decision 30)', () => {
  const file = join(dir, 'portcullis.yaml');
  const configOf = (token: string, header: string): LoadedConfig => ({
    file,
    baseDir: dir,
    dataDir: join(dir, 'data'),
    config: parseConfigText(
      `upstreams:
  local:
    transport: stdio
    command: node
    env: { API_TOKEN: "${token}", LOG_LEVEL: debug }
  remote:
    transport: http
    url: https://mcp.example.test/mcp
    headers: { authorization: "${header}", accept: application/json }
openapi:
  shop:
    spec: ./spec.yaml
    auth:
      bearerAuth: { credential: SHOP_TOKEN }
  crm:
    spec: ./spec.yaml
    auth:
      apiKey: { credential: CRM_KEY }
`,
      file,
      {},
    ),
  });
  // What the values were before Decision 30, read afresh on every use: the reference each answer is held to.
  const fresh = (cfg: LoadedConfig, env: NodeJS.ProcessEnv, known: Iterable<string>, onlySecretHeaders: boolean) => {
    const out = [...known];
    for (const u of Object.values(cfg.config.upstreams)) {
      if (u.transport === 'stdio') {
        for (const [k, v] of Object.entries(u.env))
          if (/token|secret|passw|key|credential|auth|cookie|session/i.test(k)) out.push(v);
      } else {
        for (const [k, v] of Object.entries(u.headers))
          if (!onlySecretHeaders || /token|secret|passw|key|credential|auth|cookie|session/i.test(k)) out.push(v);
      }
    }
    for (const o of Object.values(cfg.config.openapi))
      for (const a of Object.values(o.auth ?? {})) if (env[a.credential]) out.push(env[a.credential]!);
    return out.sort();
  };

  it('equals a fresh read after every resolution, rotation, reload and environment change, over 1,500 random steps', async () => {
    const vaultEnv: NodeJS.ProcessEnv = {};
    const resolver = createSecretResolver(envProvider(vaultEnv));
    const env: NodeJS.ProcessEnv = { SHOP_TOKEN: 'shop-token-0' };
    let cfg = configOf('tok-0', 'Bearer hdr-0');
    for (const onlySecretHeaders of [false, true]) {
      const values = secretValuesOf(() => cfg, env, resolver, { onlySecretHeaders });
      let seed = 11;
      const rnd = (n: number) => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return (seed >>> 16) % n; // the high bits: an LCG's low bits repeat with a short period
      };
      for (let i = 0; i < 1500; i++) {
        const k = rnd(8);
        if (k === 0) vaultEnv[`S${rnd(4)}`] = `vault-value-${i}`; // rotated in the vault
        if (k <= 1) await resolver.resolve(`\${secret:S${rnd(4)}}`).catch(() => undefined); // resolved (again)
        if (k === 2) cfg = configOf(`tok-${i}`, `Bearer hdr-${rnd(3)}`); // a reload
        if (k === 3) cfg = { ...cfg }; // a reload with the same content: another object
        if (k === 4) env.SHOP_TOKEN = rnd(2) ? `shop-token-${i}` : undefined;
        if (k === 5) env.CRM_KEY = rnd(2) ? `crm-key-${i}` : '';
        if (k === 6) env.UNRELATED = `x-${i}`; // not a credential: the copy may stay
        const got = values();
        expect(Object.isFrozen(got)).toBe(true);
        expect([...got].sort()).toEqual(fresh(cfg, env, resolver.known(), onlySecretHeaders));
      }
    }
  });

  it('answers with the same frozen copy while nothing moved, and masks a rotated value from the next event on', async () => {
    const vaultEnv: NodeJS.ProcessEnv = { UPSTREAM_KEY: 'first-secret-value-1' };
    const resolver = createSecretResolver(envProvider(vaultEnv));
    let reads = 0;
    const counted = {
      known: () => {
        reads++;
        return resolver.known();
      },
      generation: () => resolver.generation(),
    };
    const cfg = configOf('tok-a', 'Bearer hdr-a');
    const env: NodeJS.ProcessEnv = {};
    const values = secretValuesOf(() => cfg, env, counted);
    const r = createRedactor({ secretValues: values });
    const note = (text: string) =>
      (
        r.redact({ type: 'tool.call.requested', arguments: { note: text } }, '2026-11-28T10:00:00.000Z').arguments as {
          note: string;
        }
      ).note;
    expect(await resolver.resolve('${secret:UPSTREAM_KEY}')).toBe('first-secret-value-1');
    expect(note('a first-secret-value-1 b')).toBe('a [REDACTED:secret] b');
    const copy = values();
    await resolver.resolve('${secret:UPSTREAM_KEY}'); // the same value again: nothing new to look for
    expect(values()).toBe(copy);
    expect(note('x')).toBe('x');
    expect(reads).toBe(1);
    // Rotated in the vault: the outbound path resolves the new value, and the very next event masks it.
    vaultEnv.UPSTREAM_KEY = 'second-secret-value-2';
    expect(await resolver.resolve('${secret:UPSTREAM_KEY}')).toBe('second-secret-value-2');
    expect(note('a second-secret-value-2 b')).toBe('a [REDACTED:secret] b');
    expect(note('a first-secret-value-1 b')).toBe('a [REDACTED:secret] b'); // rotated-out values are kept
    expect(reads).toBe(2);
    // An OpenAPI credential set in the environment after start: looked for from the next event on.
    env.SHOP_TOKEN = 'shop-credential-3';
    expect(note('a shop-credential-3 b')).toBe('a [REDACTED:secret] b');
    // A resolver without a generation is read every time.
    let plainReads = 0;
    const plain = secretValuesOf(() => cfg, env, {
      known: () => {
        plainReads++;
        return ['v-1234'];
      },
    });
    plain();
    plain();
    expect(plainReads).toBe(2);
  });
});
