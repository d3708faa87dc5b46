// A hot reload whose config passes validation but fails while it is applied (here: a limits glob longer than the glob
// compiler takes, which the schema lets through) keeps the running config whole, says so in the log and the audit
// log, and does not stop the reloads after it. Before, the failure rejected the reload chain: the process ended on
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
  `upstreams:\n${stdioUpstream('t')}\n${extra}agents:\n  bot: { tools: { allow: [${allow}] } }\n`;
/** Valid to the schema; the glob compiler refuses it (longer than 65,536 characters) when the limits are applied. */
const uncompilable = `limits:\n  rate:\n    - { name: huge, tools: ["${'a'.repeat(70_000)}"], limit: 5, per: minute }\n`;

describe('a config reload that fails while it is applied', () => {
  it('keeps the running config (log and audit say why), and a later good reload applies', async () => {
    const gw = await startGateway(config('"t_echo"'));
    try {
      const c = await connectAgent(gw.url, gw.keys.bot);
      const names = async () => (await c.listTools()).tools.map((t) => t.name).sort();
      expect(await names()).toEqual(['t_echo']);

      // The new config would allow t_cwd, change upstream t (its timeout) and add an upstream u; it is valid.
      const changed = config(
        '"t_echo", "t_cwd", "u_echo"',
        `    timeoutMs: 45000\n${stdioUpstream('u')}\n${uncompilable}`,
      );
      writeFileSync(join(dir, 'changed.yaml'), changed);
      expect(cli(['validate', '--config', join(dir, 'changed.yaml')]).code).toBe(0);
      gw.rewriteConfig(changed);
      await eventually(() => gw.stderr().includes('config reload (file) failed'));
      expect(gw.proc.exitCode).toBeNull();
      expect(gw.stderr()).toContain('exceeds maximum allowed length');
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
      // Which part failed, and why; not the 70,000-character setting.
      expect(failed[0]!.reasons).toEqual(['limits: Input length: 70000, exceeds maximum allowed length: 65536']);
      for (const secret of [gw.keys.bot!, secretOf(gw.keys.bot)]) expect(JSON.stringify(failed)).not.toContain(secret);
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
