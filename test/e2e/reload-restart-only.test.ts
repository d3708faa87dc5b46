// A reload tells the operator exactly which settings did not take effect, and never falsely. Before, a gateway started
// with `--port` (every `serve` here is: `--port 0`) logged "server.host/port/tls changes take effect after a restart"
// on every reload though the file's server section had not changed, and a `vault:` or `storage:` change was not named
// at all. The real CLI, a real SDK client, a real upstream.
import { afterAll, describe, expect, it } from 'vitest';
import { connectAgent, eventually, startGateway, stdioUpstream } from './harness.js';

const config = (allow: string, extra = '') =>
  `upstreams:\n${stdioUpstream('t')}\nagents:\n  bot: { tools: { allow: [${allow}] } }\n${extra}`;
const restartLines = (stderr: string) =>
  stderr
    .split('\n')
    .filter((l) => /restart/.test(l))
    .map((l) => (JSON.parse(l) as { msg: string }).msg);

describe('restart-only settings on a reload', () => {
  const stops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const s of stops) await s();
  });

  it('a reload changing none names none (with --port); a vault change is named, the running provider stays', async () => {
    const gw = await startGateway(config('"t_echo"'));
    stops.push(() => gw.stop());
    const c = await connectAgent(gw.url, gw.keys.bot);
    const names = async () => (await c.listTools()).tools.map((t) => t.name).sort();

    gw.rewriteConfig(config('"t_echo", "t_cwd"'));
    await eventually(async () => (await names()).includes('t_cwd'));
    await eventually(() => gw.stderr().includes('config reloaded (file)'));
    expect(restartLines(gw.stderr())).toEqual([]);

    // vault and audit are read at start-up: the reload applies the rest and names exactly these two.
    gw.rewriteConfig(config('"t_echo"', 'vault:\n  provider: env\naudit:\n  checkpointEvery: { records: 50 }\n'));
    await eventually(async () => !(await names()).includes('t_cwd'));
    await eventually(() => restartLines(gw.stderr()).length > 0);
    expect(restartLines(gw.stderr())).toEqual([
      'config reload: audit.checkpointEvery, vault.provider changed; not applied (the running values stay until a restart)',
    ]);
    await c.close();
  });
});
