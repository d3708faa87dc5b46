// A hot reload that names a tool signing key the gateway cannot load fails whole: `config.reload.failed`, the running
// config (and its signer) kept, a later good reload applies. A key file that is there but holds no key, or is readable
// by others, is refused as the config loads (as `validate` and `serve` refuse it), before anything is applied. Before, the
// keyring logged "tool signing key not changed" and the rest of the new config applied: a reload that turned signing
// on served every tool unsigned (at start-up the same file refuses to start), and one that rotated to a key it could
// not load kept signing with the key the operator meant to replace, with no record of either.
// The real CLI, a real SDK client, a real upstream; signatures read and checked as a client would.
import { generateKeyPairSync } from 'node:crypto';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyToolList, type JwkSet } from '../../src/signing/verify.js';
import { auditQuery, cli, connectAgent, eventually, startGateway, stdioUpstream, tempDir } from './harness.js';

const dir = tempDir('portcullis-reload-signing-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Text that looks like a key file and is not one; none of it may reach a log line or an audit record. */
const NOT_A_KEY = 'NOTAKEYxK9sQ2vL7mZp4RtY8wB3nC6';
const keyFile = (name: string, opts: { mode?: number; garbage?: boolean } = {}) => {
  const f = join(dir, name);
  const pem = opts.garbage
    ? `-----BEGIN PRIVATE KEY-----\n${NOT_A_KEY}\n-----END PRIVATE KEY-----\n`
    : generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  writeFileSync(f, pem, { mode: opts.mode ?? 0o600 });
  return { file: f, pem };
};
const config = (allow: string, signing: string) =>
  `upstreams:\n${stdioUpstream('t')}\nagents:\n  bot: { tools: { allow: [${allow}] } }\npins:\n  signing:\n${signing}`;
const signingOn = (file: string) => `    enabled: true\n    keyFile: ${JSON.stringify(file)}\n`;

type Failed = { reasons: string[]; detail: { trigger: string; stage: string } };
const kidOf = (t: { _meta?: Record<string, unknown> }) =>
  (t._meta?.['io.portcullis/signature'] as { kid?: string } | undefined)?.kid;
const keysOf = async (base: string) =>
  (await (await fetch(`${base}/.well-known/portcullis/tool-signing-keys`)).json()) as JwkSet;
const served = async (c: Client) => {
  const tools = (await c.listTools()).tools;
  return { names: tools.map((t) => t.name).sort(), kids: [...new Set(tools.map(kidOf))], tools };
};

describe('a config reload whose tool signing key cannot be loaded', () => {
  it('turning signing on: fails whole (nothing unsigned is served as if signed on), a later good key applies', async () => {
    const gw = await startGateway(config('"t_echo"', '    enabled: false\n'));
    try {
      const c = await connectAgent(gw.url, gw.keys.bot);
      expect(await served(c)).toMatchObject({ names: ['t_echo'], kids: [undefined] });

      // The key file holds no key: at start-up this file refuses to start, and `validate` refuses it with the same
      // error (it used to pass, exit 0, checking only that the file was there); a reload refuses it as it loads.
      const bad = keyFile('bad.pem', { garbage: true });
      const turnOn = config('"t_echo", "t_cwd"', signingOn(bad.file));
      writeFileSync(join(dir, 'on.yaml'), turnOn);
      const refusal = `pins.signing.keyFile: tool signing key ${bad.file} does not hold an Ed25519 private key (PKCS#8 PEM)`;
      const validate = cli(['validate', '--config', join(dir, 'on.yaml')]);
      expect(validate.code).toBe(2);
      expect(validate.stderr).toContain(refusal);
      gw.rewriteConfig(turnOn);
      await eventually(() => gw.stderr().includes('config reload (file) rejected'));
      // Nothing of the new config applies: t_cwd is not served, and what is served is not presented as signed.
      expect(await served(c)).toMatchObject({ names: ['t_echo'], kids: [undefined] });
      const failed = auditQuery<Failed>(gw.configFile, '--type', 'config.reload.failed');
      expect(failed).toHaveLength(1);
      expect(failed[0]!.detail).toEqual({ trigger: 'file' });
      // (file:line:column first; the line moves when the e2e run puts a storage: line on top)
      expect(failed[0]!.reasons).toEqual([expect.stringMatching(/^[^:]+:\d+:14: /)]);
      expect(failed[0]!.reasons[0]).toBe(`${failed[0]!.reasons[0]!.split(': ')[0]}: ${refusal}`);
      expect(failed[0]!.reasons[0]).toContain(`${gw.configFile}:`);
      expect(auditQuery(gw.configFile, '--type', 'config.reloaded')).toHaveLength(0);
      for (const text of [JSON.stringify(failed), gw.stderr()]) {
        expect(text).not.toContain(NOT_A_KEY);
        expect(text).not.toMatch(/PRIVATE KEY/);
      }

      // A good key: the reload applies, and every served tool is signed by it and verifies against the published set.
      const good = keyFile('good.pem');
      gw.rewriteConfig(config('"t_echo", "t_cwd"', signingOn(good.file)));
      await eventually(async () => (await served(c)).names.includes('t_cwd'));
      const after = await served(c);
      const keys = await keysOf(gw.base);
      expect(after.kids).toEqual([keys.keys[0]!.kid]);
      expect(verifyToolList({ tools: after.tools }, keys).ok).toBe(true);
      expect(auditQuery(gw.configFile, '--type', 'config.reloaded')).toHaveLength(1);
      expect(gw.stderr()).not.toContain(good.pem.split('\n')[1]!);
      await c.close();
    } finally {
      await gw.stop();
    }
  });

  it('rotating to a key file it refuses: fails whole, the running key keeps signing, a later good rotation applies', async () => {
    const a = keyFile('a.pem');
    const gw = await startGateway(config('"t_echo"', signingOn(a.file)));
    try {
      const c = await connectAgent(gw.url, gw.keys.bot);
      const first = await served(c);
      const kidA = (await keysOf(gw.base)).keys[0]!.kid;
      expect(first.kids).toEqual([kidA]);

      // A real key, but readable by others: refused (at start-up too).
      const open = keyFile('open.pem', { mode: 0o644 });
      gw.rewriteConfig(config('"t_echo", "t_cwd"', signingOn(open.file)));
      await eventually(() => gw.stderr().includes('config reload (file) rejected'));
      expect(await served(c)).toMatchObject({ names: ['t_echo'], kids: [kidA] });
      expect((await keysOf(gw.base)).keys.map((k) => k.kid)).toEqual([kidA]);
      const failed = auditQuery<Failed>(gw.configFile, '--type', 'config.reload.failed');
      expect(failed.map((f) => f.reasons)).toEqual([
        [
          expect.stringMatching(
            /^[^:]+:\d+:14: pins\.signing\.keyFile: tool signing key .+ is readable by others \(mode 644\); chmod 600 it$/,
          ),
        ],
      ]);
      expect(failed[0]!.reasons[0]).toContain(`${gw.configFile}:`);
      expect(failed[0]!.reasons[0]).toContain(open.file);
      expect(auditQuery(gw.configFile, '--type', 'signing.key.rotated')).toHaveLength(0);
      expect(JSON.stringify(failed)).not.toContain(open.pem.split('\n')[1]!);

      const b = keyFile('b.pem');
      gw.rewriteConfig(config('"t_echo", "t_cwd"', signingOn(b.file)));
      await eventually(async () => (await served(c)).names.includes('t_cwd'));
      const after = await served(c);
      const keys = await keysOf(gw.base);
      expect(keys.keys.map((k) => k.kid)).toEqual([after.kids[0], kidA]);
      expect(after.kids[0]).not.toBe(kidA);
      expect(verifyToolList({ tools: after.tools }, keys).ok).toBe(true);
      expect(auditQuery(gw.configFile, '--type', 'signing.key.rotated')).toHaveLength(1);
      await c.close();
    } finally {
      await gw.stop();
    }
  });
});
