// ${secret:NAME} in upstream headers: resolved per request (rotation without reconnect), never sent literally.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCaptureServer, type CaptureServer } from '../openapi/test-support/capture-server.js';
import { createUpstreamTransport } from './transports.js';

let server: CaptureServer;
beforeAll(async () => {
  server = await startCaptureServer();
  server.setHandler((_req, res) => res.writeHead(202).end());
});
afterAll(() => server.close());

describe('upstream transports with secret references', () => {
  it('resolves header references on every request', async () => {
    let value = 'first-upstream-token';
    const secrets = { resolve: (t: string) => Promise.resolve(t.replace('${secret:UP}', value)) };
    const t = await createUpstreamTransport(
      {
        transport: 'http',
        url: `${server.url}/mcp`,
        headers: { authorization: 'Bearer ${secret:UP}', 'x-fixed': 'plain' },
      } as never,
      '.',
      secrets,
    );
    await t.start();
    await t.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    value = 'second-upstream-token';
    await t.send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    await t.close();
    expect(server.requests.filter((r) => r.method === 'POST').map((r) => r.headers.authorization)).toEqual([
      'Bearer first-upstream-token',
      'Bearer second-upstream-token',
    ]);
    expect(server.requests.every((r) => r.headers['x-fixed'] === 'plain')).toBe(true);
    expect(server.requests.every((r) => r.headers.authorization?.startsWith('Bearer ') === true)).toBe(true);
    expect(JSON.stringify(server.requests.map((r) => r.headers))).not.toContain('${secret:');
  });

  it('refuses to build a transport whose reference cannot be resolved', async () => {
    const failing = { resolve: () => Promise.reject(new Error('secret UP is not set (provider: vault)')) };
    await expect(
      createUpstreamTransport(
        { transport: 'stdio', command: 'node', args: [], env: { TOKEN: '${secret:UP}' } } as never,
        '.',
        failing,
      ),
    ).rejects.toThrow('UP is not set');
    await expect(
      createUpstreamTransport(
        { transport: 'stdio', command: 'node', args: [], env: { TOKEN: '${secret:UP}' } } as never,
        '.',
      ),
    ).rejects.toThrow('no provider');
  });
});

describe('a stdio upstream that cannot be started', () => {
  const start = async (cfg: Record<string, unknown>) => {
    const t = await createUpstreamTransport(
      { transport: 'stdio', args: [], env: { TOKEN: 'stdio-secret-value' }, maxResultBytes: 1024, ...cfg } as never,
      tmpdir(),
    );
    return t.start().then(
      () => t.close().then(() => 'started'),
      (e: unknown) => (e as Error).message,
    );
  };

  it('names the missing command and what to do, not ENOENT', async () => {
    expect(await start({ command: 'portcullis-no-such-command' })).toBe(
      `command "portcullis-no-such-command" not found: install it, or give its full path (it is looked up on the PATH of the Portcullis process)`,
    );
  });

  it('names a working directory removed since the config was validated, not the command', async () => {
    const gone = join(tmpdir(), `portcullis-gone-${process.pid}`);
    expect(await start({ command: process.execPath, cwd: gone })).toBe(
      `working directory ${gone} does not exist: set cwd (relative to the config file) to one that does`,
    );
  });

  it('says a command that is not executable cannot be run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'portcullis-noexec-'));
    const script = join(dir, 'server.js');
    writeFileSync(script, '', { mode: 0o644 });
    try {
      expect(await start({ command: script })).toBe(
        `command "${script}" cannot be run (permission denied): make it executable, or run it through its interpreter (command: node, the script in args)`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
