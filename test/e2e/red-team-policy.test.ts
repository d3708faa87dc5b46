// Red-team pass on policy and identity (third pass), as a hostile agent or insider over real sockets with the real
// CLI and the official SDK client. Each `it` is one attempt that must fail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAgent, startGateway, stdioUpstream, type RunningGateway } from './harness.js';

describe('red team: a deny, hold or limit written by an administrator is not dodged by the case of a tool name', () => {
  // The upstream offers env under more names: t_Env and t_ENV do what t_env does. Pinning would quarantine both as
  // look-alikes of t_env (test/e2e/pins.test.ts); it is off here so that the policy alone stands between them and the
  // agent.
  const MARK = 'rt3-mark-7c2e51';
  const config = `
upstreams:
${stdioUpstream('t')}
    env: { RT_MARK: "${MARK}", TEST_UPSTREAM_ALIASES: "Env,ENV" }
agents:
  low:
    tools: { allow: ["t_*", "t_Env", "t_ENV"], deny: ["*env*"] }
  ruled: {}
  held: {}
  limited:
    tools: { allow: ["t_Env"] }
policy:
  approvals:
    wait: 1s
    waivers: [{ tools: ["t_*"], reason: "test upstream: only the hold rules below ask for a person" }]
  rules:
    - { id: ruled-all, effect: allow, agents: [ruled], tools: ["t_*"], risk: [low, medium, high] }
    - { id: no-env, effect: deny, agents: [ruled], tools: ["t_env"] }
    - { id: held-all, effect: allow, agents: [held], tools: ["t_*"], risk: [low, medium, high] }
    - { id: env-needs-a-person, effect: hold, agents: [held], tools: ["t_env"] }
pins:
  enabled: false
limits:
  rate:
    - { name: one-env-a-minute, agents: [limited], tools: ["t_env"], limit: 1, per: minute }
`;
  let g: RunningGateway;
  beforeAll(async () => {
    g = await startGateway(config);
  });
  afterAll(async () => {
    await g?.stop();
  });

  const attempt = async (agent: string, name: string) => {
    const c = await connectAgent(g.url, g.keys[agent]);
    try {
      const listed = (await c.listTools()).tools.map((t) => t.name);
      const out = await c.callTool({ name, arguments: { name: 'RT_MARK' } }).then(
        (r) => JSON.stringify(r),
        (e: unknown) => String(e),
      );
      return { listed, out };
    } finally {
      await c.close();
    }
  };

  it('a shorthand deny glob (*env*) hides t_Env and t_ENV too, although the allow names them exactly', async () => {
    for (const name of ['t_env', 't_Env', 't_ENV']) {
      const { listed, out } = await attempt('low', name);
      expect(listed).not.toContain(name);
      expect(out, name).not.toContain(MARK);
      expect(out, name).toMatch(/Unknown tool/);
    }
  });

  it('a policy deny rule naming t_env exactly also stops t_Env', async () => {
    const { listed, out } = await attempt('ruled', 't_Env');
    expect(listed).toContain('t_echo');
    expect(listed).not.toContain('t_Env');
    expect(out).not.toContain(MARK);
  });

  it('a hold rule naming t_env exactly also holds t_Env', async () => {
    const { out } = await attempt('held', 't_Env');
    expect(out).not.toContain(MARK);
    expect(out).toMatch(/approval/i);
  });

  it('a rate limit on t_env counts t_Env as well', async () => {
    const first = await attempt('limited', 't_Env');
    expect(first.out).toContain(MARK);
    const second = await attempt('limited', 't_Env');
    expect(second.out).not.toContain(MARK);
    expect(second.out).toMatch(/rate limit/i);
  });
});
