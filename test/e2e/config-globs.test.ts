// What `serve` refuses, `validate` refuses, with the same error (file, line, key path), and a reload refuses it too,
// keeping the running config. Before, a glob longer than picomatch takes (70,000 characters) passed `validate` and
// made `serve` exit 1 with a stack trace; so did a redaction path the redactor cannot parse; and a long agent glob
// crashed `validate` itself (its warnings matched the pattern with picomatch).
// The real CLI (`validate`, `serve`), a real SDK client, a real upstream.
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { auditQuery, cli, connectAgent, eventually, startGateway, stdioUpstream, tempDir } from './harness.js';

const dir = tempDir('portcullis-config-globs-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const long = 'a'.repeat(70_000);
const base = (agentExtra = '') =>
  `upstreams:\n${stdioUpstream('t')}\nagents:\n  bot: { tools: { allow: ["t_echo"${agentExtra}] } }\n`;
/** Each setting the schema let through and the gateway's builders refused, and the error both must now give. */
const cases = [
  {
    name: 'a limits glob',
    text: `${base()}limits:\n  rate:\n    - { name: huge, tools: ["${long}"], limit: 5, per: minute }\n`,
    error: /:10:29: limits\.rate\.0\.tools\.0: pattern "a{60}"\.\.\.: 70000 characters long; a glob has at most 4096/,
  },
  {
    name: 'a risk override glob',
    text: `${base()}risk:\n  overrides:\n    - { tools: "${long}", level: high, reason: reviewed }\n`,
    error: /:10:16: risk\.overrides\.0\.tools: pattern "a{60}"\.\.\.: 70000 characters long/,
  },
  {
    name: 'a redaction rule glob',
    text: `${base()}audit:\n  redaction:\n    tools: { "${long}": [{ path: a, mode: mask }] }\n`,
    error:
      /:10:14: audit\.redaction\.tools\.a{60}\.\.\.: invalid name "a{60}\.\.\.": pattern "a{60}"\.\.\.: 70000 characters long/,
  },
  {
    name: 'a redaction path',
    text: `${base()}audit:\n  redaction:\n    tools: { "t_*": [{ path: "args]x", mode: mask }] }\n`,
    error: /:10:30: audit\.redaction\.tools\.t_\*\.0\.path: bad path "args\]x"/,
  },
  {
    name: 'an agent glob',
    text: base(`, "${long}"`),
    error: /:7:37: agents\.bot\.tools\.allow\.1: pattern "a{60}"\.\.\.: 70000 characters long/,
  },
];

describe('config settings the gateway cannot build', () => {
  for (const c of cases) {
    it(`${c.name}: validate and serve refuse it alike, naming file, line and key`, () => {
      const file = join(dir, `${c.name.replace(/\W+/g, '-')}.yaml`);
      writeFileSync(file, c.text);
      const validate = cli(['validate', '--config', file]);
      const serve = cli(['serve', '--config', file, '--port', '0']);
      expect({ validate: validate.code, serve: serve.code }).toEqual({ validate: 2, serve: 2 });
      expect(validate.stderr).toMatch(c.error);
      expect(validate.stderr).toContain(file);
      // The same error, and a readable one: never the 70,000-character setting, never a stack trace.
      expect(serve.stderr).toBe(validate.stderr);
      expect(validate.stderr.length).toBeLessThan(1000);
      expect(validate.stderr).not.toMatch(/\n\s+at /);
    });
  }

  it('a reload refuses it as config.reload.failed, keeping the running config; the next good one applies', async () => {
    const gw = await startGateway(base());
    try {
      const c = await connectAgent(gw.url, gw.keys.bot);
      const names = async () => (await c.listTools()).tools.map((t) => t.name).sort();
      expect(await names()).toEqual(['t_echo']);
      // The new config would also grant t_cwd; its limits glob cannot be compiled.
      gw.rewriteConfig(cases[0]!.text.replace('["t_echo"]', '["t_echo", "t_cwd"]'));
      await eventually(() => gw.stderr().includes('config reload (file) rejected'));
      // (The log line is JSON: its quotes are escaped.)
      expect(gw.stderr()).toMatch(/limits\.rate\.0\.tools\.0: pattern \\"a{60}\\"\.\.\.: 70000 characters long/);
      expect(gw.stderr()).not.toContain('a'.repeat(1000));
      expect(gw.proc.exitCode).toBeNull();
      expect(await names()).toEqual(['t_echo']);
      const r = await c.callTool({ name: 't_echo', arguments: { message: 'still here' } });
      expect(JSON.stringify(r.content)).toContain('still here');
      const failed = auditQuery<{ reasons: string[]; detail: Record<string, string> }>(
        gw.configFile,
        '--type',
        'config.reload.failed',
      );
      expect(failed).toHaveLength(1);
      expect(failed[0]!.detail).toEqual({ trigger: 'file' });
      expect(failed[0]!.reasons.join('\n')).toMatch(
        /limits\.rate\.0\.tools\.0: pattern "a{60}"\.\.\.: 70000 characters/,
      );
      expect(JSON.stringify(failed)).not.toContain('a'.repeat(1000));

      gw.rewriteConfig(base(', "t_cwd"'));
      await eventually(async () => (await names()).includes('t_cwd'));
      expect(auditQuery(gw.configFile, '--type', 'config.reloaded')).toHaveLength(1);
      await c.close();
    } finally {
      await gw.stop();
    }
  });
});
