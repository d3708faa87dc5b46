// `portcullis report` on a real deployment (a gateway that served a real call, its store and audit log), its
// formats and exit codes, and the funnel (`--spec`, `--mcp`) that deploys nothing.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, cli, connectAgent, startGateway, tempDir, type RunningGateway } from './harness.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const validate = addFormats(new Ajv2020({ allErrors: true, strictRequired: false })).compile(
  JSON.parse(readFileSync(join(ROOT, 'schema', 'report.schema.json'), 'utf8')) as object,
);

interface JsonReport {
  kind: string;
  score?: { value: number; grade: string };
  checks: {
    id: string;
    status: string;
    evidence: { summary: string; items?: string[]; counts?: Record<string, number> };
  }[];
  inventory: { tools: { name: string; risk: { level: string }; agents?: string[] }[] };
  audit?: { toolCalls: number; records: number; chainVerified: boolean | null };
}
const check = (r: JsonReport, id: string) => r.checks.find((c) => c.id === id)!;

let gw: RunningGateway;
const dir = tempDir('portcullis-report-');
beforeAll(async () => {
  gw = await startGateway(`
upstreams:
  t:
    transport: stdio
    command: ${JSON.stringify(process.execPath)}
    args: [${JSON.stringify(join(FIXTURES, 'test-upstream.mjs'))}]
owners:
  "t_*": platform-team
audit:
  retention: { maxAgeDays: 400 }
agents:
  bot:
    tools: { allow: ["t_echo", "t_cwd"] }
`);
  const client = await connectAgent(gw.url, gw.keys.bot);
  const r = await client.callTool({ name: 't_echo', arguments: { message: 'hello' } });
  expect(r.isError).toBeFalsy();
  await client.close();
}, 60_000);
afterAll(async () => {
  await gw?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('portcullis report (deployment)', () => {
  it('JSON: schema-valid, computed from the config, the key store, the live catalog and the audit log', () => {
    const r = cli(['report', '--format', 'json', '--config', gw.configFile]);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.kind).toBe('deployment');
    expect(r.stderr).toContain(`security score ${report.score!.value}/100 (grade ${report.score!.grade})`);
    // The call above is in the log, the chain verifies, and the agent's unused grant is named.
    expect(report.audit!.toolCalls).toBe(1);
    expect(report.audit!.chainVerified).toBe(true);
    expect(check(report, 'audit.chain').status).toBe('pass');
    expect(check(report, 'permissions.least-privilege').evidence.items).toEqual([
      'bot: 1 of 2 granted tools unused (t_cwd)',
    ]);
    expect(check(report, 'authentication.key-age').evidence.counts).toEqual({ active: 1 });
    expect(check(report, 'inventory.owners').status).toBe('pass');
    expect(check(report, 'audit.retention').status).toBe('pass');
    expect(check(report, 'audit.sink').status).toBe('fail');
    expect(report.inventory.tools.find((t) => t.name === 't_echo')?.agents).toEqual(['bot']);
  });

  it('Markdown to a file; --fail-under exits 3 below the threshold and 0 at or above it', () => {
    const out = join(dir, 'report.md');
    const low = cli(['report', '--out', out, '--fail-under', '0', '--config', gw.configFile]);
    expect(low.code, low.stderr).toBe(0);
    const md = readFileSync(out, 'utf8');
    const score = Number(/## Score: (\d+)\/100/.exec(md)?.[1]);
    expect(score).toBeGreaterThan(0);
    expect(cli(['report', '--format', 'json', '--fail-under', String(score), '--config', gw.configFile]).code).toBe(0);
    const high = cli(['report', '--format', 'json', '--fail-under', String(score + 1), '--config', gw.configFile]);
    expect(high.code).toBe(3);
    expect(high.stderr).toContain(`score ${score} is below --fail-under ${score + 1}`);
    expect(cli(['report', '--fail-under', '101', '--config', gw.configFile]).code).toBe(2);
  });
});

describe('portcullis report (funnel: nothing deployed)', () => {
  it('--spec: inventory, risk and side effects of an OpenAPI spec', () => {
    const r = cli(['report', '--spec', join(FIXTURES, 'specs', 'openapi', 'stripe.json'), '--format', 'json'], {
      cwd: dir,
    });
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.kind).toBe('inventory');
    expect(report.score).toBeUndefined();
    expect(report.inventory.tools.length).toBeGreaterThan(100);
    expect(check(report, 'risk.financial').status).not.toBe('not_applicable');
    expect(cli(['report', '--spec', 'x.json', '--fail-under', '50']).code).toBe(2);
  });

  it('--mcp -- COMMAND: the tools a stdio MCP server lists', () => {
    const r = cli(['report', '--format', 'json', '--mcp', '--', process.execPath, join(FIXTURES, 'test-upstream.mjs')]);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.inventory.tools.map((t) => t.name)).toContain('test-upstream_echo');
  });
});
