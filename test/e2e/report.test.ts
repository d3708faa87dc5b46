// `portcullis report` on a real deployment (a gateway that served a real call, its store and audit log), its
// formats and exit codes, and the funnel (`--spec`, `--mcp`) that deploys nothing.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FIXTURES,
  ROOT,
  auditQuery,
  cli,
  connectAgent,
  runToEnd,
  startGateway,
  tempDir,
  type RunningGateway,
} from './harness.js';

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
    acknowledgement?: { reason: string; by: string };
  }[];
  inventory: { tools: { name: string; risk: { level: string }; agents?: string[] }[] };
  audit?: { toolCalls: number; records: number; chainVerified: boolean | null };
}
const check = (r: JsonReport, id: string) => r.checks.find((c) => c.id === id)!;
type ScoreRecord = { type: string; user?: string; detail?: { at?: string; score?: number; via?: string } };
/** The audit records of stored scores, oldest first. */
const scoresRecorded = () => auditQuery<ScoreRecord>(gw.configFile).filter((e) => e.type === 'report.score.recorded');
/**
 * Most tests here run the CLI several times in a row (each run loads the deployment and verifies the audit chain):
 * about 1.5 s each on an idle machine, ten times that on a loaded 2-core CI box. vitest's 60 s default budget per
 * test is too short for five to eight such runs there; this one scales with them.
 */
const CLI_RUNS = (n: number) => ({ timeout: Math.max(60_000, n * 20_000) });

let gw: RunningGateway;
const dir = tempDir('portcullis-report-');
beforeAll(async () => {
  gw = await startGateway(`
upstreams:
  t:
    transport: stdio
    command: ${JSON.stringify(process.execPath)}
    args: [${JSON.stringify(join(FIXTURES, 'test-upstream.mjs'))}]
users:
  alice: { roles: [admin] }
  audrey: { roles: [auditor] }
owners:
  "t_*": platform-team
audit:
  retention: { maxAgeDays: 400 }
# The timer's recording is tested in report-recorder.test.ts; here the history changes only when a test asks.
report:
  recordEveryMinutes: 0
agents:
  bot:
    tools: { allow: ["t_echo", "t_cwd"] }
`);
  const client = await connectAgent(gw.url, gw.keys.bot);
  const r = await client.callTool({ name: 't_echo', arguments: { message: 'hello' } });
  expect(r.isError).toBeFalsy();
  await client.close();
}, CLI_RUNS(5).timeout); // three `agents create`, the gateway start, a call
afterAll(async () => {
  await gw?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('portcullis report (deployment)', () => {
  it(
    'JSON: schema-valid, computed from the config, the key store, the live catalog and the audit log',
    CLI_RUNS(1),
    () => {
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
      expect(check(report, 'authentication.key-age').evidence.counts).toEqual({ active: 3 }); // bot, alice, audrey
      expect(check(report, 'inventory.owners').status).toBe('pass');
      // The gateway pinned every definition on first sight (src/pins): the report reads the pin store's state.
      expect(check(report, 'inventory.reviewed').status).toBe('pass');
      expect(check(report, 'audit.retention').status).toBe('pass');
      expect(check(report, 'audit.sink').status).toBe('fail');
      expect(report.inventory.tools.find((t) => t.name === 't_echo')?.agents).toEqual(['bot']);
    },
  );

  it('Markdown to a file; --fail-under exits 3 below the threshold and 0 at or above it', CLI_RUNS(5), () => {
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

describe('acknowledgements and history', () => {
  it(
    'report ack stores a finding with its reason and expiry; the next report shows it; history keeps the scores',
    CLI_RUNS(12),
    () => {
      // A score stored before the acknowledgement (whatever ran before this case), so the history holds two after it.
      expect(cli(['report', '--format', 'json', '-c', gw.configFile]).code).toBe(0);
      const bad = cli(['report', 'ack', 'audit.nope', '--reason', 'x', '--expires', '2099-01-01', '-c', gw.configFile]);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toContain("checkId: one of the report's check ids");
      const past = cli([
        'report',
        'ack',
        'audit.sink',
        '--reason',
        'SIEM in Q3',
        '--expires',
        '2020-01-01',
        '-c',
        gw.configFile,
      ]);
      expect(past.stderr).toContain('expiresAt: must be in the future');
      const expires = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
      const ok = cli([
        'report',
        'ack',
        'audit.sink',
        '--reason',
        'SIEM in Q3',
        '--expires',
        expires,
        '--by',
        'alice',
        '-c',
        gw.configFile,
      ]);
      expect(ok.code, ok.stderr).toBe(0);
      const r = cli(['report', '--format', 'json', '-c', gw.configFile]);
      const report = JSON.parse(r.stdout) as JsonReport;
      const sink = report.checks.find((c) => c.id === 'audit.sink')!;
      expect(sink.acknowledgement).toMatchObject({ reason: 'SIEM in Q3', by: 'alice' });
      const history = JSON.parse(cli(['report', 'history', '--json', '-c', gw.configFile]).stdout) as {
        at: string;
        score: number;
      }[];
      expect(history.length).toBeGreaterThanOrEqual(2);
      expect(history.at(-1)!.score).toBe(report.score!.value);
      // The score the CLI stored has its audit record, as the gateway's recorder writes one.
      const recorded = scoresRecorded();
      expect(recorded.at(-1)).toMatchObject({
        detail: { at: history.at(-1)!.at, score: report.score!.value, via: 'cli' },
      });
      // --no-record leaves the history as it was, and records nothing.
      cli(['report', '--no-record', '--format', 'json', '-c', gw.configFile]);
      expect(JSON.parse(cli(['report', 'history', '--json', '-c', gw.configFile]).stdout)).toEqual(history);
      expect(scoresRecorded()).toHaveLength(recorded.length);
    },
  );
});

describe('/api/v1/report on the running gateway', () => {
  const get = (path: string, who: string) =>
    fetch(`${gw.base}${path}`, { headers: { authorization: `Bearer ${gw.keys[who]}` } });

  it('JSON for admin and auditor; HTML and Markdown; history; agents are refused', async () => {
    const res = await get('/api/v1/report', 'audrey');
    expect(res.status).toBe(200);
    const report = (await res.json()) as JsonReport;
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.audit!.toolCalls).toBe(1);
    const html = await get('/api/v1/report?format=html', 'alice');
    expect(html.headers.get('content-type')).toContain('text/html');
    expect(await html.text()).toContain('<h1>Portcullis security report</h1>');
    const md = await get('/api/v1/report?format=md', 'alice');
    expect(await md.text()).toContain('## Checks');
    expect((await get('/api/v1/report?format=doc', 'alice')).status).toBe(400);
    expect((await get('/api/v1/report', 'bot')).status).toBe(401);
  });

  it('GET never writes the history; POST /api/v1/report/history (admin) records the current score', async () => {
    type Entry = { at: string; score: number };
    const history = async () => (await (await get('/api/v1/report/history', 'audrey')).json()) as Entry[];
    const before = await history();
    for (let i = 0; i < 3; i++) expect((await get('/api/v1/report', 'audrey')).status).toBe(200);
    expect(await history()).toEqual(before);
    const post = (who: string) =>
      fetch(`${gw.base}/api/v1/report/history`, {
        method: 'POST',
        headers: { authorization: `Bearer ${gw.keys[who]}` },
      });
    expect((await post('audrey')).status).toBe(403);
    expect(await history()).toEqual(before);
    const recordedBefore = scoresRecorded().length;
    const ok = await post('alice');
    expect(ok.status).toBe(201);
    const body = (await ok.json()) as { score: { value: number }; latest: Entry };
    const after = await history();
    expect(after.at(-1)).toEqual(body.latest);
    expect(after.at(-1)!.score).toBe(body.score.value);
    // A stored score has its audit record naming who asked; a score not stored (unchanged within the hour) has none.
    const recorded = scoresRecorded().slice(recordedBefore);
    expect(recorded).toHaveLength(after.length - before.length);
    if (recorded.length > 0)
      expect(recorded[0]).toMatchObject({ user: 'alice', detail: { at: body.latest.at, via: 'api' } });
  });

  it('POST acknowledgements: admin only, validated', async () => {
    const post = (who: string, body: unknown) =>
      fetch(`${gw.base}/api/v1/report/acknowledgements`, {
        method: 'POST',
        headers: { authorization: `Bearer ${gw.keys[who]}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    expect((await post('audrey', { checkId: 'authentication.sso', reason: 'IdP in Q3', expiresAt })).status).toBe(403);
    const bad = await post('alice', { checkId: 'authentication.sso', reason: '', expiresAt });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/^reason:/);
    const ok = await post('alice', { checkId: 'authentication.sso', reason: 'IdP in Q3', expiresAt });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({
      checkId: 'authentication.sso',
      by: 'alice',
      reason: 'IdP in Q3',
      expiresAt,
    });
    const report = (await (
      await fetch(`${gw.base}/api/v1/report`, { headers: { authorization: `Bearer ${gw.keys.audrey}` } })
    ).json()) as {
      checks: { id: string; acknowledgement?: { by: string } }[];
    };
    expect(report.checks.find((c) => c.id === 'authentication.sso')?.acknowledgement?.by).toBe('alice');
  });
});

describe('HTML and PDF from the CLI (headless Chromium)', () => {
  it(
    '--format html writes a self-contained page; --format pdf prints it with Chromium (pdftotext reads it)',
    CLI_RUNS(3),
    () => {
      const html = join(dir, 'report.html');
      expect(cli(['report', '--format', 'html', '--out', html, '-c', gw.configFile]).code).toBe(0);
      const page = readFileSync(html, 'utf8');
      expect(page).not.toMatch(/<script|\son[a-z]+=|<link|src=/i);
      const pdf = join(dir, 'report.pdf');
      const r = cli(['report', '--format', 'pdf', '--out', pdf, '-c', gw.configFile]);
      expect(r.code, r.stderr).toBe(0);
      const text = runToEnd('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
      expect(text).toContain('Portcullis security report');
      expect(text).toContain('t_echo');
      expect(text).toContain('Records are shipped to a sink (SIEM)');
    },
  );
});

describe('portcullis report (funnel: nothing deployed)', () => {
  it('--spec: inventory, risk and side effects of an OpenAPI spec', CLI_RUNS(2), () => {
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

  it('--mcp -- COMMAND: the tools a stdio MCP server lists', CLI_RUNS(2), () => {
    const r = cli(['report', '--format', 'json', '--mcp', '--', process.execPath, join(FIXTURES, 'test-upstream.mjs')]);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.inventory.tools.map((t) => t.name)).toContain('test-upstream_echo');
  });
});
