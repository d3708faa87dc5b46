// A local file the config names (an OpenAPI spec, TLS material, a key file, a stdio upstream's cwd) that is missing
// is the operator's mistake: validate exits 2, serve and stdio do not start, a hot reload keeps the running config.
import { copyFileSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  FIXTURES,
  auditQuery,
  cli,
  connectAgent,
  eventually,
  serve,
  startGateway,
  stdioUpstream,
  tempDir,
} from './harness.js';

const dir = tempDir('portcullis-local-files-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const PETSTORE = join(FIXTURES, 'specs', 'openapi', 'petstore.yaml');

describe('a missing local file named by the config', () => {
  it('validate exits 2 naming file, line, key path and the resolved file (a remote spec is not an error)', () => {
    const cfg = join(dir, 'validate.yaml');
    writeFileSync(
      cfg,
      `openapi:
  remote: { spec: "https://api.example.com/openapi.json" }
  billing:
    spec: ./billing.yaml
server:
  tls:
    cert: ./tls/cert.pem
    key: ./tls/key.pem
`,
    );
    const r = cli(['validate', '--config', cfg]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `portcullis: ${cfg}:4:11: openapi.billing.spec: OpenAPI spec ${join(dir, 'billing.yaml')} does not exist\n` +
        `${cfg}:7:11: server.tls.cert: TLS certificate ${join(dir, 'tls', 'cert.pem')} does not exist\n` +
        `${cfg}:8:10: server.tls.key: TLS private key ${join(dir, 'tls', 'key.pem')} does not exist\n`,
    );
  });

  it('serve and stdio refuse to start: one error, no upstream spawned, no data directory created', () => {
    const sub = join(dir, 'serve');
    mkdirSync(sub);
    const marker = join(sub, 'upstream-was-spawned');
    const cfg = join(sub, 'portcullis.yaml');
    writeFileSync(
      cfg,
      `dataDir: ./data
upstreams:
  spy:
    transport: stdio
    command: ${JSON.stringify(process.execPath)}
    args: ["-e", ${JSON.stringify(`require('fs').writeFileSync(${JSON.stringify(marker)}, 'x')`)}]
openapi:
  billing: { spec: ./billing.yaml }
agents:
  bot: { tools: { allow: ["spy_*"] } }
`,
    );
    const line = `portcullis: ${cfg}:8:20: openapi.billing.spec: OpenAPI spec ${join(sub, 'billing.yaml')} does not exist\n`;
    const s = cli(['serve', '--config', cfg, '--port', '0']);
    expect(s.code).toBe(2);
    expect(s.stderr).toBe(line);
    const io = cli(['stdio', '--agent', 'bot', '--config', cfg]);
    expect(io.code).toBe(2);
    expect(io.stderr).toBe(line);
    expect(existsSync(marker)).toBe(false);
    expect(existsSync(join(sub, 'data'))).toBe(false);
  });

  it('a hot reload naming a missing spec is rejected and says why; the running config stays until the file exists', async () => {
    const base = (extra: string, allow: string) =>
      `upstreams:\n${stdioUpstream('t')}\n${extra}agents:\n  bot: { tools: { allow: [${allow}] } }\n` +
      `policy:\n  approvals:\n    waivers:\n      - { tools: ["t_env"], reason: "the fixture echoes a test variable" }\n`;
    const gw = await startGateway(base('', '"t_echo"'));
    try {
      const c = await connectAgent(gw.url, gw.keys.bot);
      const names = async () => (await c.listTools()).tools.map((t) => t.name).sort();
      expect(await names()).toEqual(['t_echo']);

      gw.rewriteConfig(base('openapi:\n  pets: { spec: ./specs/petstore.yaml }\n', '"t_echo", "t_env", "pets_*"'));
      await eventually(() => gw.stderr().includes('config reload (file) rejected'));
      const spec = join(gw.dir, 'specs', 'petstore.yaml');
      expect(gw.stderr()).toContain(`openapi.pets.spec: OpenAPI spec ${spec} does not exist`);
      expect(await names()).toEqual(['t_echo']);
      const failed = auditQuery<{ type: string; reasons: string[] }>(gw.configFile, '--type', 'config.reload.failed');
      expect(failed).toHaveLength(1);
      expect(failed[0]!.reasons.join('\n')).toContain(`openapi.pets.spec: OpenAPI spec ${spec} does not exist`);

      // The operator puts the file in place and asks for a reload (the config text is unchanged): now it applies.
      mkdirSync(join(gw.dir, 'specs'));
      copyFileSync(PETSTORE, spec);
      gw.proc.kill('SIGHUP');
      await eventually(async () => (await names()).includes('t_env'));
      await eventually(async () => (await names()).some((n) => n.startsWith('pets_')));
      await c.close();
    } finally {
      await gw.stop();
    }
  });

  it("a stdio upstream's relative cwd is relative to the config file, not to where the gateway was started", async () => {
    const sub = join(dir, 'cwd');
    mkdirSync(join(sub, 'work'), { recursive: true });
    const cfg = join(sub, 'portcullis.yaml');
    writeFileSync(
      cfg,
      `dataDir: ./data\nupstreams:\n${stdioUpstream('t')}\n    cwd: ./work\nagents:\n  bot: { tools: { allow: ["t_cwd"] } }\n`,
    );
    const key = cli(['agents', 'create', 'bot', '--config', cfg]);
    expect(key.code).toBe(0);
    // Started from another directory (the harness's default cwd is the repository root).
    const gw = await serve(cfg);
    try {
      const c = await connectAgent(gw.url, key.stdout.trim());
      const r = await c.callTool({ name: 't_cwd', arguments: {} });
      expect(r.isError).toBeFalsy();
      expect(r.content).toEqual([{ type: 'text', text: join(sub, 'work') }]);
      await c.close();
    } finally {
      await gw.stop();
    }
  });

  it('a spec that is there but is not OpenAPI is the same error: validate exits 2 naming it, serve does not start', () => {
    const sub = join(dir, 'unparseable');
    mkdirSync(sub);
    writeFileSync(join(sub, 'broken.json'), '{\n  "openapi": "3.0.3",\n  "paths": {,}\n}\n');
    writeFileSync(join(sub, 'broken.yaml'), 'openapi: 3.0.3\npaths:\n  /a: [unclosed\n');
    writeFileSync(join(sub, 'notes.yaml'), 'title: not an API\nitems: [1, 2]\n');
    copyFileSync(PETSTORE, join(sub, 'petstore.yaml'));
    const cfg = join(sub, 'portcullis.yaml');
    writeFileSync(
      cfg,
      `dataDir: ./data
openapi:
  a: { spec: ./broken.json }
  b: { spec: ./broken.yaml }
  c: { spec: ./notes.yaml }
  pets: { spec: ./petstore.yaml }
`,
    );
    const r = cli(['validate', '--config', cfg]);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(
      new RegExp(
        `${cfg}:3:14: openapi\\.a\\.spec: OpenAPI spec ${join(sub, 'broken.json')} is not valid JSON at line 3, column 13`,
      ),
    );
    expect(lines[1]).toContain(
      `${cfg}:4:14: openapi.b.spec: OpenAPI spec ${join(sub, 'broken.yaml')} is not valid JSON or YAML`,
    );
    expect(lines[1]).toMatch(/line 3|at line/);
    expect(lines[2]).toBe(
      `${cfg}:5:14: openapi.c.spec: OpenAPI spec ${join(sub, 'notes.yaml')} is not an OpenAPI document (neither an "openapi" nor a "swagger: 2.0" field)`,
    );
    const s = cli(['serve', '--config', cfg, '--port', '0']);
    expect(s.code).toBe(2);
    expect(s.stderr).toContain('openapi.a.spec');
    expect(existsSync(join(sub, 'data'))).toBe(false);
  });
});
