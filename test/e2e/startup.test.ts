// Start-up failures are one clear line, before any upstream is spawned; config warnings are printed at start.
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, cli, eventually, startGateway, tempDir } from './harness.js';

const dir = tempDir('portcullis-startup-');
let blocker: Server;
let port: number;
beforeAll(async () => {
  blocker = createServer();
  await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', () => r()));
  port = (blocker.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise<void>((r) => blocker.close(() => r()));
  rmSync(dir, { recursive: true, force: true });
});

describe('start-up failures', () => {
  it('a port in use is one line naming host, port and the key to change, and no upstream is spawned', () => {
    const marker = join(dir, 'upstream-was-spawned');
    const cfg = join(dir, 'busy.yaml');
    writeFileSync(
      cfg,
      `dataDir: ./data
server: { host: 127.0.0.1, port: ${port} }
upstreams:
  spy:
    transport: stdio
    command: ${JSON.stringify(process.execPath)}
    args: ["-e", ${JSON.stringify(`require('fs').writeFileSync(${JSON.stringify(marker)}, 'x')`)}]
`,
    );
    const r = spawnSync(process.execPath, [CLI, 'serve', '--config', cfg], { encoding: 'utf8', timeout: 30_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toBe(
      `portcullis: cannot listen on 127.0.0.1:${port}: the port is in use by another process (set server.port or --port; 0 picks a free port)\n`,
    );
    expect(existsSync(marker)).toBe(false);
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });

  it('validate prints warnings on stderr and still exits 0', () => {
    const cfg = join(dir, 'warn.yaml');
    writeFileSync(cfg, 'upstreams:\n  gh: { transport: http, url: "http://mcp.example.com/mcp" }\n');
    const r = cli(['validate', '--config', cfg]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(
      `warning: ${cfg}:2:31: upstreams.gh.url: plain http:// to mcp.example.com sends data and credentials unencrypted; use https://\n`,
    );
    for (const section of ['dataDir', 'server', 'upstreams', 'openapi', 'agents', 'users', 'risk', 'audit'])
      expect(r.stdout).toMatch(new RegExp(`^  ${section}: `, 'm'));
  });

  it('a stdio upstream whose command is missing says which command and what to do, and no env value', async () => {
    const gw = await startGateway(`dataDir: ./data
upstreams:
  ghost:
    transport: stdio
    command: portcullis-e2e-no-such-command
    env: { GHOST_TOKEN: "ghost-token-value-77" }
agents: {}
`);
    try {
      const lines = await eventually(() => /backend ghost \(mcp\): down/.test(gw.stderr()) && gw.stderr());
      expect(lines).toContain(
        'backend ghost (mcp): down - command \\"portcullis-e2e-no-such-command\\" not found: install it, or give its full path',
      );
      expect(lines).not.toContain('ENOENT');
      expect(lines).not.toContain('ghost-token-value-77');
    } finally {
      await gw.stop();
    }
  });

  it('scan mcp of a missing command says which and what to do in one line (exit 2)', () => {
    const r = cli(['scan', 'mcp', '--', 'portcullis-e2e-no-such-command']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `portcullis: cannot list tools of 'portcullis-e2e-no-such-command': command "portcullis-e2e-no-such-command" not found: install it, or give its full path (it is looked up on the PATH of the Portcullis process)\n`,
    );
  });
});
