import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditQuery,
  connectAgent,
  eventually,
  FIXTURES,
  type RunningGateway,
  startFixture,
  startGateway,
} from './harness.js';

let upstream: Awaited<ReturnType<typeof startFixture>>;
let gw: RunningGateway;
beforeAll(async () => {
  upstream = await startFixture(join(FIXTURES, 'failing-upstream.mjs'), []);
  gw = await startGateway(`
upstreams:
  flaky:
    transport: http
    url: http://127.0.0.1:${upstream.port}/mcp
agents:
  bot:
    tools: { allow: ["flaky_*"] }
users:
  alice: { roles: [admin] }
limits:
  breakers:
    backends:
      flaky: { consecutiveFailures: 3, openMs: 3000 } # the fail-fast checks run well inside this window
`);
}, 60_000);
afterAll(async () => {
  await gw?.stop();
  upstream?.stop();
});

const control = async (fail?: boolean) =>
  (await (
    await fetch(`http://127.0.0.1:${upstream.port}/control${fail === undefined ? '' : `?fail=${fail ? 1 : 0}`}`, {
      method: fail === undefined ? 'GET' : 'POST',
    })
  ).json()) as { toolCalls: number };
const circuit = async () => {
  const ready = (await (await fetch(`${gw.base}/readyz`)).json()) as { backends: { name: string; circuit?: string }[] };
  const api = (await (
    await fetch(`${gw.base}/api/v1/backends`, { headers: { authorization: `Bearer ${gw.keys.alice}` } })
  ).json()) as { backends: { name: string; circuit?: { state: string } }[] };
  const viaApi = api.backends.find((b) => b.name === 'flaky')?.circuit?.state;
  const viaReady = ready.backends.find((b) => b.name === 'flaky')?.circuit;
  expect(viaApi).toBe(viaReady);
  return viaReady;
};
const textOf = (r: { content: unknown }) => (r.content as { text: string }[])[0]!.text;

describe('circuit breaker per backend', () => {
  it('opens after consecutive failures, fails fast without reaching the upstream, half-opens and closes', async () => {
    const c = await connectAgent(gw.url, gw.keys.bot);
    expect(textOf(await c.callTool({ name: 'flaky_ping' }))).toBe('pong');
    expect(await circuit()).toBe('closed');

    await control(true);
    for (let i = 0; i < 3; i++) {
      const r = await c.callTool({ name: 'flaky_ping' });
      expect(r.isError).toBe(true);
      expect(textOf(r)).toMatch(/upstream "flaky"/);
    }
    expect(await circuit()).toBe('open');
    const reached = (await control()).toolCalls;
    const fast = await c.callTool({ name: 'flaky_ping' });
    expect(fast.isError).toBe(true);
    expect(textOf(fast)).toMatch(/Backend "flaky" is failing; .*circuit open, retry after \d+ s/);
    expect((await control()).toolCalls).toBe(reached); // failed fast: never reached the upstream

    await control(false);
    // Until openMs has passed, calls keep failing fast; the first one after it is the half-open probe, which the
    // now healthy upstream answers, and that closes the circuit. (Polled: no sleep sized to the machine's speed.)
    const probe = await eventually(async () => {
      const r = await c.callTool({ name: 'flaky_ping' });
      if (r.isError) expect(textOf(r)).toMatch(/circuit open, retry after \d+ s/);
      return r.isError ? undefined : r;
    });
    expect(textOf(probe!)).toBe('pong');
    expect((await control()).toolCalls).toBe(reached + 1); // only the probe reached the upstream
    expect(await circuit()).toBe('closed');
    await c.close();

    const types = () =>
      auditQuery(gw.configFile, '--backend', 'flaky')
        .map((r) => r.type)
        .filter((t) => t.startsWith('backend.circuit.'));
    await eventually(() => types().length === 3);
    expect(types()).toEqual(['backend.circuit.opened', 'backend.circuit.probed', 'backend.circuit.closed']);
  }, 60_000);
});
