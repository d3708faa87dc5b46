import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  secretOf,
  dumpStore,
  FIXTURES,
  ROOT,
  cli,
  eventually,
  startGateway,
  tempDir,
  type RunningGateway,
  connectAgent,
} from './harness.js';
import { initializeRaw } from './support/raw-mcp.js';

const upstream = `
upstreams:
  t:
    transport: stdio
    command: ${JSON.stringify(process.execPath)}
    args: [${JSON.stringify(join(FIXTURES, 'test-upstream.mjs'))}]
`;
const config = (allow: string) => `${upstream}
agents:
  bot:
    tools:
      allow: [${allow}]
policy:
  approvals:
    waivers:
      - tools: ["t_env"]
        reason: the fixture only echoes a test variable; held calls are tested in approvals.test.ts
`;

describe('portcullis validate', () => {
  it('accepts a valid file and rejects an invalid one naming file, line and key (exit 2)', () => {
    const dir = tempDir();
    const good = join(dir, 'good.yaml');
    writeFileSync(good, config('"t_echo"'));
    const ok = cli(['validate', '--config', good]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('valid (1 upstream(s), 1 agent(s))');

    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, `server:\n  port: 99999\nagents:\n  bot:\n    tools:\n      alow: ["x"]\n`);
    const r = cli(['validate', '--config', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}:2:9: server.port:`);
    expect(r.stderr).toContain(`${bad}:6:7: agents.bot.tools.alow: unknown key "alow"`);
    rmSync(dir, { recursive: true, force: true });
  });

  it('explains a missing config file', () => {
    const r = cli(['validate', '--config', '/nonexistent/portcullis.yaml']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('config file not found: /nonexistent/portcullis.yaml');
  });
});

describe('key management without backend credentials', () => {
  it('agents and users commands run without the environment that holds the backends’ keys', () => {
    const dir = tempDir();
    const file = join(dir, 'portcullis.yaml');
    writeFileSync(
      file,
      `upstreams:\n  t:\n    transport: http\n    url: http://127.0.0.1:1/mcp\n    headers:\n      Authorization: "Bearer \${BACKEND_TOKEN_ONLY_ADMINS_HAVE}"\n` +
        `agents:\n  bot:\n    tools: { allow: ["t_echo"] }\nusers:\n  ann: { roles: [auditor] }\n`,
    );
    const env = { BACKEND_TOKEN_ONLY_ADMINS_HAVE: '' };
    try {
      // Starting the gateway needs the credential; validating says which one is missing.
      const v = cli(['validate', '--config', file], { env });
      expect(v.code).toBe(2);
      expect(v.stderr).toMatch(
        /upstreams\.t\.headers\.Authorization: environment variable BACKEND_TOKEN_ONLY_ADMINS_HAVE/,
      );
      // Managing keys does not.
      const created = cli(['agents', 'create', 'bot', '--config', file], { env });
      expect(created.code, created.stderr).toBe(0);
      expect(created.stdout.trim()).toMatch(/^pcl_/);
      // The audit log's own warnings (here: the signing key is kept in dataDir) are prefixed once.
      expect(created.stderr).toContain('portcullis: audit: the checkpoint signing key is inside dataDir');
      expect(created.stderr).not.toContain('audit: audit:');
      expect(cli(['agents', 'list', '--config', file], { env }).code).toBe(0);
      expect(cli(['users', 'create', 'ann', '--config', file], { env }).code).toBe(0);
      // An agent that is not in the config is still refused.
      expect(cli(['agents', 'create', 'ghost', '--config', file], { env }).code).not.toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the published JSON Schema', () => {
  it('is up to date with the config model (regenerate with `portcullis schema > schema/portcullis.schema.json`)', () => {
    const r = cli(['schema']);
    expect(r.code).toBe(0);
    expect(JSON.parse(readFileSync(join(ROOT, 'schema', 'portcullis.schema.json'), 'utf8'))).toEqual(
      JSON.parse(r.stdout),
    );
  });
});

describe('agents and reload against a running gateway', () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await startGateway(config('"t_echo"'));
  });
  afterAll(async () => {
    await gw?.stop();
  });

  const connect = async (key: string) => {
    const c = await connectAgent(gw.url, key);
    return c;
  };
  const status = async (key: string) => (await initializeRaw(gw.url, key)).status;

  it('create refuses agents missing from config; list never shows secrets; rotate and revoke take effect at once', async () => {
    const missing = cli(['agents', 'create', 'ghost', '--config', gw.configFile]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('agent "ghost" is not in the config');

    const oldKey = gw.keys.bot!;
    expect(await status(oldKey)).toBe(200);
    const list = cli(['agents', 'list', '--config', gw.configFile]);
    expect(list.stdout).toMatch(/bot\t1 active key/);
    expect(list.stdout).not.toContain(secretOf(oldKey));

    const rotated = cli(['agents', 'rotate', 'bot', '--config', gw.configFile]);
    expect(rotated.code).toBe(0);
    const newKey = rotated.stdout.trim();
    expect(newKey).toMatch(/^pcl_/);
    expect(await status(oldKey)).toBe(401);
    expect(await status(newKey)).toBe(200);

    const revoked = cli(['agents', 'revoke', 'bot', '--config', gw.configFile]);
    expect(revoked.code).toBe(0);
    expect(await status(newKey)).toBe(401);

    // Each key change is in the audit log the running gateway writes too, with key ids and never a secret.
    const audit = cli(['audit', 'query', '--config', gw.configFile, '--agent', 'bot', '--order', 'asc']);
    const types = audit.stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { type: string }).type);
    expect(types).toEqual(expect.arrayContaining(['agent.created', 'agent.key.rotated', 'agent.revoked']));
    expect(audit.stdout).not.toContain(secretOf(newKey));
    expect(cli(['audit', 'verify', '--config', gw.configFile]).code).toBe(0);
    gw.keys.bot = cli(['agents', 'create', 'bot', '--config', gw.configFile]).stdout.trim();
  });

  it('stores only hashes of keys', async () => {
    const stored = await dumpStore(gw);
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.includes(secretOf(gw.keys.bot))).toBe(false);
  });

  it('reloads on file change; a bad new config is rejected and the old one stays; SIGHUP reloads too', async () => {
    const c = await connect(gw.keys.bot!);
    const names = async () => (await c.listTools()).tools.map((t) => t.name).sort();
    expect(await names()).toEqual(['t_echo']);

    gw.rewriteConfig(config('"t_echo", "t_env"'));
    await eventually(async () => (await names()).includes('t_env'));

    gw.rewriteConfig(`${config('"t_*"')}\nbogus: true\n`);
    await eventually(() => gw.stderr().includes('config reload (file) rejected'));
    // The gateway logs JSON lines (pino): the message is read back from the warn-level record.
    const rejected = gw
      .stderr()
      .split('\n')
      .filter((l) => l.includes('config reload (file) rejected'))
      .map((l) => JSON.parse(l) as { level: string; msg: string });
    expect(rejected[0]?.level).toBe('warn');
    expect(rejected[0]?.msg).toMatch(/bogus: unknown key "bogus"/);
    expect(await names()).toEqual(['t_echo', 't_env']);

    gw.rewriteConfig(config('"t_echo", "t_env", "t_slow"'));
    await eventually(async () => (await names()).includes('t_slow'));
    // In-flight calls survive reloads: one from a file change, one from SIGHUP, while the call runs.
    // The reloads start once the upstream has reported progress: the call is under way (no sleep sized to the machine).
    let running: () => void = () => undefined;
    const underWay = new Promise<void>((r) => (running = r));
    const call = c.callTool({ name: 't_slow', arguments: { steps: 8, ms: 100 } }, { onprogress: () => running() });
    await underWay;
    gw.rewriteConfig(config('"t_echo", "t_env", "t_slow", "t_cwd"'));
    gw.proc.kill('SIGHUP');
    const r = await call;
    expect(r.isError).toBeFalsy();
    expect(r.content).toEqual([{ type: 'text', text: 'done after 8 steps' }]);
    await eventually(() => gw.stderr().includes('config reloaded (SIGHUP)'));
    await c.close();
  });
});
