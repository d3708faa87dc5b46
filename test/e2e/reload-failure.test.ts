// A hot reload whose config passes validation but fails while it is applied (here: a tool signing key read from the
// secret provider that holds no key, which `validate` cannot see; until the schema bounded globs, the trigger was a
// limits glob too long to compile) keeps the running config whole, says so in the log and the audit log, and does not
// stop the reloads after it. Before, the failure rejected the reload chain: the process ended on
// the unhandled rejection (or, had it lived, every later reload would have waited on the rejected chain).
// The real CLI, a real SDK client, a real upstream.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  auditQuery,
  cli,
  connectAgent,
  eventually,
  secretOf,
  startGateway,
  stdioUpstream,
  tempDir,
} from './harness.js';

const dir = tempDir('portcullis-reload-failure-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const config = (allow: string, extra = '') =>
  `vault:\n  provider: env\nupstreams:\n${stdioUpstream('t')}\n${extra}agents:\n  bot: { tools: { allow: [${allow}] } }\n`;
/** What the gateway's secret provider (its environment) holds under TOOL_SIGNING_KEY: text that is no key. */
const NOT_A_KEY = 'notakey-Q7vX2mL9pR4sT8wY';
/** Valid to the schema (a secret's value is not the config's); the key does not load when the reload is applied. */
const unloadable = `pins:\n  signing: { enabled: true, key: "\${secret:TOOL_SIGNING_KEY}" }\n`;

describe('a config reload that fails while it is applied', () => {
  it('keeps the running config (log and audit say why), and a later good reload applies', async () => {
    const gw = await startGateway(config('"t_echo"'), { env: { TOOL_SIGNING_KEY: NOT_A_KEY } });
    try {
      const c = await connectAgent(gw.url, gw.keys.bot);
      const names = async () => (await c.listTools()).tools.map((t) => t.name).sort();
      expect(await names()).toEqual(['t_echo']);

      // The new config would allow t_cwd, change upstream t (its timeout) and add an upstream u; it is valid.
      const changed = config(
        '"t_echo", "t_cwd", "u_echo"',
        `    timeoutMs: 45000\n${stdioUpstream('u')}\n${unloadable}`,
      );
      writeFileSync(join(dir, 'changed.yaml'), changed);
      expect(cli(['validate', '--config', join(dir, 'changed.yaml')]).code).toBe(0);
      gw.rewriteConfig(changed);
      await eventually(() => gw.stderr().includes('config reload (file) failed'));
      expect(gw.proc.exitCode).toBeNull();
      expect(gw.stderr()).toContain('does not hold an Ed25519 private key');
      expect(gw.stderr()).not.toContain(NOT_A_KEY);
      // Fail closed: nothing the new config would have changed applies; the running config serves on.
      expect(await names()).toEqual(['t_echo']);
      const r = await c.callTool({ name: 't_echo', arguments: { message: 'still here' } });
      expect(JSON.stringify(r.content)).toContain('still here');
      const failed = auditQuery<{ type: string; reasons: string[]; detail: { trigger: string; stage: string } }>(
        gw.configFile,
        '--type',
        'config.reload.failed',
      );
      expect(failed).toHaveLength(1);
      expect(failed[0]!.detail).toEqual({ trigger: 'file', stage: 'apply' });
      // Which part failed, and why; never the secret's value.
      // (The audit log's redactor masks the reference's name as it masks key-like text.)
      expect(failed[0]!.reasons).toHaveLength(1);
      expect(failed[0]!.reasons[0]).toMatch(
        /^tool signing: pins\.signing\.key: \$\{secret:.+ does not hold an Ed25519 private key \(PKCS#8 PEM\)$/,
      );
      for (const secret of [gw.keys.bot!, secretOf(gw.keys.bot), NOT_A_KEY])
        expect(JSON.stringify(failed)).not.toContain(secret);
      expect(auditQuery(gw.configFile, '--type', 'config.reloaded')).toHaveLength(0);

      // SIGHUP reads the same file again: it fails the same way, and the chain still does not stop.
      gw.proc.kill('SIGHUP');
      await eventually(() => gw.stderr().includes('config reload (SIGHUP) failed'));
      const again = auditQuery<{ detail: { trigger: string } }>(gw.configFile, '--type', 'config.reload.failed');
      expect(again.map((f) => f.detail.trigger)).toEqual(['file', 'SIGHUP']);
      expect(await names()).toEqual(['t_echo']);

      // The next reload still runs, and applies.
      gw.rewriteConfig(config('"t_echo", "t_cwd"'));
      await eventually(async () => (await names()).includes('t_cwd'));
      expect(await names()).toEqual(['t_cwd', 't_echo']);
      expect(auditQuery(gw.configFile, '--type', 'config.reloaded')).toHaveLength(1);
      await c.close();
    } finally {
      await gw.stop();
    }
  });
});
