/**
 * Signed tool descriptions, end to end: the built gateway signs what it serves (tools and prompts) with Ed25519 over
 * canonical JSON and publishes its keys; a real SDK client over 127.0.0.1 lists the definitions and checks them with
 * the function the package exports (imported by package name, through the exports map) and with the CLI
 * (`portcullis tools verify`); any changed byte fails. An upstream that signs its own definitions is checked against
 * the configured key: a bad signature quarantines its tools. `tools rotate-key` keeps the old key published.
 */
import { generateKeyPairSync } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, connectAgent, eventually, FIXTURES, startGateway, tempDir, type RunningGateway } from './harness.js';

// The verifier as a client gets it: from the package, by name (self-reference through package.json "exports").
// (Names in variables: the package ships JavaScript without type declarations; the types come from the sources.)
const pkg = 'portcullis';
const pkgVerify = 'portcullis/verify';
const { verifyDefinitionList, verifyToolDefinition, fetchSigningKeys } = (await import(
  pkg
)) as typeof import('../../src/index.js');
const { verifyToolList } = (await import(pkgVerify)) as typeof import('../../src/signing/verify.js');

const UPSTREAM = join(FIXTURES, 'pins-upstream.mjs');
const keysDir = tempDir('portcullis-sign-keys-');
const keyPair = () => generateKeyPairSync('ed25519');
const vendor = keyPair();
const imposter = keyPair();
const pemFile = (name: string, k: ReturnType<typeof keyPair>) => {
  const f = join(keysDir, name);
  writeFileSync(f, k.privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  return f;
};
// As an operator would configure it: the public key alone (a single key without a kid is tried for any kid).
const vendorJwk = vendor.publicKey.export({ format: 'jwk' });

const stdio = (...args: string[]) => `
    transport: stdio
    command: ${JSON.stringify(process.execPath)}
    args: ${JSON.stringify([UPSTREAM, ...args])}`;

const config = `
upstreams:
  notes:${stdio()}
  vendor:${stdio('--sign', pemFile('vendor.pem', vendor))}
  fake:${stdio('--sign', pemFile('imposter.pem', imposter))}
agents:
  bot:
    tools: { allow: ["notes_*", "vendor_*", "fake_*"] }
    prompts: { allow: ["notes_*"] }
users:
  audrey: { roles: [auditor] }
pins:
  refreshMs: 200
  upstreamKeys:
    vendor: [${JSON.stringify(vendorJwk)}]
    fake: [${JSON.stringify(vendorJwk)}]
`;

let gw: RunningGateway;
let agent: Client;
beforeAll(async () => {
  gw = await startGateway(config);
  agent = await connectAgent(gw.url, gw.keys.bot);
}, 60_000);
const tempDirs = [keysDir];
afterAll(async () => {
  await agent?.close();
  await gw?.stop();
  for (const d of tempDirs) rmSync(d, { recursive: true, force: true });
});

/** Polls until `fn` yields a value. */
const until = async <T>(fn: () => Promise<T | undefined>, ms?: number): Promise<T> => (await eventually(fn, ms)) as T;
const jwksUrl = () => `${gw.base}/.well-known/portcullis/tool-signing-keys`;
const listing = async () => ({ tools: (await agent.listTools()).tools, prompts: (await agent.listPrompts()).prompts });
const audit = async (type: string) =>
  (
    (await (
      await fetch(`${gw.base}/api/v1/audit?type=${type}`, { headers: { authorization: `Bearer ${gw.keys.audrey}` } })
    ).json()) as { records: { tool?: string; reasons?: string[]; detail?: Record<string, unknown> }[] }
  ).records;

describe('signed tool descriptions', () => {
  it('publishes its public key as an unauthenticated JWK set, and nothing private', async () => {
    const res = await fetch(jwksUrl());
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/jwk-set+json');
    const set = (await res.json()) as { keys: Record<string, unknown>[] };
    expect(set.keys).toHaveLength(1);
    expect(Object.keys(set.keys[0]!).sort()).toEqual(['alg', 'crv', 'kid', 'kty', 'use', 'x']);
    expect(set.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA' });
    expect((await fetch(jwksUrl(), { method: 'POST' })).status).toBe(405);
    // The key is never logged.
    expect(gw.stderr()).not.toMatch(/PRIVATE KEY/);
  });

  it('every served tool and prompt verifies on the client; any changed byte fails', async () => {
    const keys = await fetchSigningKeys(gw.url);
    const served = await listing();
    expect(served.tools.map((t) => t.name)).toEqual(expect.arrayContaining(['notes_read_file', 'vendor_read_file']));
    expect(served.prompts.map((p) => p.name)).toContain('notes_summarize');
    const r = verifyDefinitionList(served, keys);
    expect(r.definitions.filter((d) => !d.ok)).toEqual([]);
    expect(r.ok).toBe(true);
    expect(verifyToolList({ tools: served.tools }, keys).ok).toBe(true);
    const sig = served.tools[0]!._meta?.['io.portcullis/signature'] as { kid: string; alg: string };
    expect(sig).toMatchObject({ kid: keys.keys[0]!.kid, alg: 'EdDSA' });

    // Flip bytes of one served definition as it came over the wire: every change that is still JSON, and not
    // just whitespace between tokens, fails.
    const text = JSON.stringify(served.tools.find((t) => t.name === 'notes_read_file'));
    const same = JSON.stringify(JSON.parse(text));
    let tried = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text[i] === 'a' ? 'b' : 'a';
      let changed: unknown;
      try {
        changed = JSON.parse(text.slice(0, i) + c + text.slice(i + 1));
      } catch {
        continue;
      }
      if (JSON.stringify(changed) === same) continue; // whitespace between tokens: the same JSON
      tried++;
      expect(verifyToolDefinition(changed, keys).ok, `byte ${i}`).toBe(false);
    }
    expect(tried).toBeGreaterThan(100);
  });

  it('`portcullis tools verify` checks a live gateway, and fails a saved listing with one changed byte', async () => {
    const live = cli(['tools', 'verify', '--url', gw.url], { env: { PORTCULLIS_AGENT_KEY: gw.keys.bot } });
    expect(live.code, live.stderr).toBe(0);
    expect(live.stdout).toMatch(/^OK\s+tool\s+notes_read_file\s+/m);
    expect(live.stdout).toMatch(/^OK\s+prompt\s+notes_summarize\s+/m);
    expect(live.stdout).toMatch(/(\d+) of \1 definitions verified/);

    const dir = tempDir('portcullis-verify-');
    tempDirs.push(dir);
    const file = join(dir, 'tools.json');
    const served = await listing();
    writeFileSync(file, JSON.stringify({ tools: served.tools }));
    const ok = cli(['tools', 'verify', '--file', file, '--jwks', jwksUrl(), '--json']);
    expect(ok.code, ok.stderr).toBe(0);
    const tampered = JSON.stringify({ tools: served.tools }).replace('Read a file.', 'Read a file!');
    writeFileSync(file, tampered);
    const bad = cli(['tools', 'verify', '--file', file, '--jwks', jwksUrl()]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/^FAIL\s+tool\s+notes_read_file\s+signature does not verify$/m);
  });

  it('serves an upstream signed by its configured key; quarantines one whose signature fails', async () => {
    const served = (await agent.listTools()).tools.map((t) => t.name);
    expect(served).toContain('vendor_read_file');
    expect(served.filter((n) => n.startsWith('fake_'))).toEqual([]);
    const call = await agent.callTool({ name: 'fake_read_file', arguments: { path: '/x' } });
    expect(call.isError).toBe(true);
    const rows = (
      (await (
        await fetch(`${gw.base}/api/v1/tools`, { headers: { authorization: `Bearer ${gw.keys.audrey}` } })
      ).json()) as { tools: { name: string; quarantined: boolean; pin?: { state: string; reason?: string } }[] }
    ).tools;
    const fake = rows.find((t) => t.name === 'fake_read_file')!;
    expect(fake).toMatchObject({ quarantined: true, pin: { state: 'quarantined' } });
    expect(fake.pin!.reason).toMatch(/upstream signature check failed: signature does not verify/);
    const events = await until(async () => {
      const e = (await audit('tool.quarantined')).filter((x) => x.tool?.startsWith('fake_'));
      return e.length > 0 ? e : undefined;
    });
    expect(events[0]!.reasons?.join(' ')).toMatch(/upstream signature check failed/);
    // What the gateway serves for the vendor's tools carries the gateway's own signature, not the vendor's.
    const keys = await fetchSigningKeys(gw.url);
    const v = (await agent.listTools()).tools.find((t) => t.name === 'vendor_read_file');
    expect(verifyToolDefinition(v, keys).ok).toBe(true);
  });

  it('rotate-key: the new key signs after a reload, the old one stays published so older listings verify', async () => {
    const before = await listing();
    const oldKid = (await fetchSigningKeys(gw.url)).keys[0]!.kid;
    const r = cli(['tools', 'rotate-key', '--config', gw.configFile]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/New tool signing key (\S+) in .*tool-signing-key\.pem; (\S+) retired/);
    gw.proc.kill('SIGHUP');
    const after = await until(async () => {
      const now = await agent.listTools();
      const kid = (now.tools[0]?._meta?.['io.portcullis/signature'] as { kid?: string } | undefined)?.kid;
      return kid && kid !== oldKid ? now : undefined;
    }, 20_000);
    const keys = await until(async () => {
      const k = await fetchSigningKeys(gw.url);
      return k.keys.length === 2 ? k : undefined;
    }, 20_000);
    expect(keys.keys[1]!.kid).toBe(oldKid);
    expect(verifyDefinitionList(before, keys).ok).toBe(true);
    expect(verifyToolList(after, keys).ok).toBe(true);
    const rotated = await until(async () => {
      const e = await audit('signing.key.rotated');
      return e.length > 0 ? e : undefined;
    });
    expect(rotated[0]!.detail).toMatchObject({ previousKid: oldKid, via: 'cli' });
  });
});
