// Risk engine in the gateway: poisoned upstream tools are quarantined; served tools carry the assessment.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { FIXTURES, cli, eventually, startGateway, type RunningGateway, connectAgent } from './harness.js';

const config = (accept: string) => `
upstreams:
  calc:
    transport: stdio
    command: ${JSON.stringify(process.execPath)}
    args: [${JSON.stringify(join(FIXTURES, 'poisoned-upstream.mjs'))}]
  t:
    transport: stdio
    command: ${JSON.stringify(process.execPath)}
    args: [${JSON.stringify(join(FIXTURES, 'test-upstream.mjs'))}]
risk:
  overrides:
    - tools: "t_echo"
      level: high
      categories: [external-communication]
      reason: echoes reach a customer-facing channel in this deployment
  accept: [${accept}]
agents:
  bot:
    tools: { allow: ["*", "t_echo"] } # t_echo is overridden to high: only its exact name grants it
`;

let gw: RunningGateway;
beforeAll(async () => {
  gw = await startGateway(config(''));
});
afterAll(async () => {
  await gw?.stop();
});

const connect = async () => {
  const c = await connectAgent(gw.url, gw.keys.bot);
  return c;
};

describe('risk engine in the gateway', () => {
  it('quarantines a poisoned tool: hidden from every agent, uncallable, logged', async () => {
    const c = await connect();
    const names = (await c.listTools()).tools.map((t) => t.name);
    expect(names).toContain('calc_add');
    expect(names).not.toContain('calc_add_fancy');
    await expect(c.callTool({ name: 'calc_add_fancy', arguments: { a: 1, b: 2 } })).rejects.toThrow(/Unknown tool/);
    expect(gw.stderr()).toMatch(/tool calc_add_fancy quarantined/);
    await c.close();
  });

  it('serves annotations and _meta from the assessment, and shows overrides as such', async () => {
    const c = await connect();
    const { tools } = await c.listTools();
    const echo = tools.find((t) => t.name === 't_echo')!;
    const risk = echo._meta?.['io.portcullis/risk'] as {
      level: string;
      categories: string[];
      override?: { reason: string };
    };
    expect(risk.level).toBe('high');
    expect(risk.categories).toContain('external-communication');
    expect(risk.override?.reason).toMatch(/customer-facing/);
    const crash = tools.find((t) => t.name === 't_crash')!;
    expect(crash.annotations?.readOnlyHint).toBe(false);
    await c.close();
  });

  it('an administrator can accept the finding with a reason (config reload), which un-quarantines the tool', async () => {
    writeFileSync(gw.configFile, config('{ tool: "calc_add_fancy", reason: "reviewed in SEC-123: test fixture" }'));
    const c = await connect();
    await eventually(async () => (await c.listTools()).tools.some((t) => t.name === 'calc_add_fancy'));
    await c.close();
  });

  it('portcullis scan mcp reports the same finding without deploying', () => {
    const r = cli(['scan', 'mcp', '--format', 'json', '--', process.execPath, join(FIXTURES, 'poisoned-upstream.mjs')]);
    const out = JSON.parse(r.stdout) as { tools: { name: string; findings: { severity: string }[] }[] };
    const fancy = out.tools.find((t) => t.name === 'add_fancy')!;
    expect(fancy.findings.some((f) => f.severity === 'critical')).toBe(true);
    expect(out.tools.find((t) => t.name === 'add')!.findings.filter((f) => f.severity === 'critical')).toEqual([]);
  });
});
