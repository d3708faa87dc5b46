// An empty config file (nothing in it, only whitespace or only comments) is what a reader sees of a file being
// written in two steps (an editor truncating then writing, `>` redirection): it is a config error naming the file.
// At start-up the gateway does not start; a hot reload that reads it keeps the running config, says so in the log and
// the audit log, and applies the file once it is whole. The real CLI, a real SDK client, a real upstream.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CLI,
  auditQuery,
  cli,
  connectAgent,
  eventually,
  secretOf,
  startGateway,
  stdioUpstream,
  tempDir,
} from './harness.js';

const dir = tempDir('portcullis-empty-config-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const config = (allow: string) =>
  `upstreams:\n${stdioUpstream('t')}\nagents:\n  bot: { tools: { allow: [${allow}] } }\n`;

describe('an empty config file', () => {
  it('validate and serve refuse it, naming the file; nothing is created', () => {
    for (const [name, text] of [
      ['empty', ''],
      ['blank', '  \n\n\t\n'],
      ['comments', '# portcullis.yaml\n# (being written)\n'],
      ['null', '---\n~\n'],
    ] as const) {
      const sub = join(dir, name);
      mkdirSync(sub);
      const cfg = join(sub, 'portcullis.yaml');
      writeFileSync(cfg, text);
      const line = `portcullis: ${cfg}: (root): the config file has no settings (it is empty, or holds only comments): a gateway run from it would serve no upstream and admit no agent; if it is being written, try again once it is whole\n`;
      const v = cli(['validate', '--config', cfg]);
      expect([name, v.code, v.stderr]).toEqual([name, 2, line]);
      const s = spawnSync(process.execPath, [CLI, 'serve', '--config', cfg, '--port', '0'], {
        encoding: 'utf8',
        timeout: 30_000,
      });
      expect([name, s.status, s.stderr]).toEqual([name, 2, line]);
      expect(existsSync(join(sub, '.portcullis'))).toBe(false);
    }
  });

  it('read mid-write at start-up (the first of two steps) is refused; once written whole the gateway starts', async () => {
    const sub = join(dir, 'two-steps');
    mkdirSync(sub);
    const cfg = join(sub, 'portcullis.yaml');
    writeFileSync(cfg, '');
    // Bounded: a gateway that did start (serving nothing) is killed and the test fails.
    const s = spawnSync(process.execPath, [CLI, 'serve', '--config', cfg, '--port', '0'], {
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(s.status).toBe(2);
    expect(s.stderr).toContain(`${cfg}: (root): the config file has no settings`);
    expect(existsSync(join(sub, '.portcullis'))).toBe(false);
    writeFileSync(cfg, `dataDir: ./data\n${config('"t_echo"')}`);
    expect(cli(['validate', '--config', cfg]).code).toBe(0);
  });

  it('read by a hot reload mid-write: the running config stays (log and audit say why), the whole file applies', async () => {
    const gw = await startGateway(config('"t_echo"'));
    try {
      const c = await connectAgent(gw.url, gw.keys.bot);
      const names = async () => (await c.listTools()).tools.map((t) => t.name).sort();
      expect(await names()).toEqual(['t_echo']);

      // Step one: the file truncated (as `>` does before the writer writes).
      writeFileSync(gw.configFile, '');
      await eventually(() => gw.stderr().includes('config reload (file) rejected'));
      expect(gw.stderr()).toContain(`${gw.configFile}: (root): the config file has no settings`);
      // The running config stays: the agent is still known and its upstream still served.
      expect(await names()).toEqual(['t_echo']);
      // The config file is empty now: the audit is read through a copy of the running config (with the storage line
      // the harness adds on a PostgreSQL run).
      const queryFile = join(dirname(gw.configFile), 'query.yaml');
      writeFileSync(queryFile, `${gw.storageUrl ? `storage: ${gw.storageUrl}\n` : ''}${config('"t_echo"')}`);
      const failed = auditQuery<{ type: string; reasons: string[]; detail: { trigger: string } }>(
        queryFile,
        '--type',
        'config.reload.failed',
      );
      expect(failed).toHaveLength(1);
      expect(failed[0]!.detail.trigger).toBe('file');
      expect(failed[0]!.reasons.join('\n')).toContain(`${gw.configFile}: (root): the config file has no settings`);
      for (const secret of [gw.keys.bot!, secretOf(gw.keys.bot)]) expect(JSON.stringify(failed)).not.toContain(secret);

      // Step two: the writer writes the whole file; it applies.
      gw.rewriteConfig(config('"t_echo", "t_cwd"'));
      await eventually(async () => (await names()).includes('t_cwd'));
      const reloaded = auditQuery<{ detail: { removed: string[]; added: string[] } }>(
        gw.configFile,
        '--type',
        'config.reloaded',
      );
      // Never a reload that dropped the upstream (an empty config applied).
      expect(reloaded.map((r) => r.detail.removed)).toEqual(reloaded.map(() => []));
      await c.close();
    } finally {
      await gw.stop();
    }
  });

  it('written back to the running text after a rejected write: nothing to reload, nothing recorded as reloaded', async () => {
    const running = config('"t_echo"');
    const gw = await startGateway(running);
    try {
      const c = await connectAgent(gw.url, gw.keys.bot);
      gw.rewriteConfig('agents: ['); // a writer's first piece: rejected
      await eventually(() => gw.stderr().includes('config reload (file) rejected'));
      gw.rewriteConfig(running);
      await new Promise((r) => setTimeout(r, 2000)); // the watcher reads it (written together, the next hides it)
      // A real change still applies, after the reload before it (reloads run one at a time).
      gw.rewriteConfig(config('"t_echo", "t_cwd"'));
      await eventually(async () => (await c.listTools()).tools.some((t) => t.name === 't_cwd'));
      const reloaded = auditQuery<{ detail: { changed: string[] } }>(gw.configFile, '--type', 'config.reloaded');
      expect(reloaded).toHaveLength(1);
      await c.close();
    } finally {
      await gw.stop();
    }
  });
});
