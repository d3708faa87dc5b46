// `portcullis policy explain|test|matrix` drive the real decision (real config, real upstream, real risk engine).
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { FIXTURES, cli, tempDir } from './harness.js';

const dir = tempDir('portcullis-policy-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const configFile = join(dir, 'portcullis.yaml');
writeFileSync(
  configFile,
  `
upstreams:
  t:
    transport: stdio
    command: ${JSON.stringify(process.execPath)}
    args: [${JSON.stringify(join(FIXTURES, 'test-upstream.mjs'))}]
risk:
  overrides:
    - tools: "t_env"
      level: high
      categories: [credential-access]
      reason: reads the gateway's environment
agents:
  wild:
    tools: { allow: ["*"] }
  prompter:
    prompts: { allow: ["t_greet"] }
policy:
  roles:
    finance: { groups: [finance] }
  rules:
    - id: finance-echo
      effect: allow
      roles: [finance]
      tools: ["t_echo"]
      when: 'args.message.size() <= 5'
    - id: no-long-echo
      effect: deny
      tools: ["t_echo"]
      when: 'args.message.size() > 20'
`,
);
const casesFile = (cases: unknown) => {
  const f = join(dir, `cases-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(f, JSON.stringify({ cases }));
  return f;
};

describe('portcullis policy', () => {
  it('explain prints effect, rule and reasons from the real decision', () => {
    const high = cli(['policy', 'explain', '--agent', 'wild', '--tool', 't_env', '--config', configFile]);
    expect(high.code, high.stderr).toBe(0);
    expect(high.stdout).toMatch(/^effect: deny\nrule: +sensitive-default\ntarget: tool t_env \(backend t, risk high/);
    expect(high.stdout).toMatch(/lists risk "high"/);
    const user = cli(
      ['policy', 'explain', '--agent', 'other', '--user', 'ann', '--group', 'finance', '--tool', 't_echo'].concat([
        '--args',
        '{"message":"hi"}',
        '--config',
        configFile,
      ]),
    );
    expect(user.stdout).toMatch(/^effect: allow\nrule: +finance-echo/);
    const json = cli([
      'policy',
      'explain',
      '--agent',
      'wild',
      '--tool',
      't_echo',
      '--args',
      '{"message":"' + 'x'.repeat(30) + '"}',
      '--json',
      '--config',
      configFile,
    ]);
    expect(JSON.parse(json.stdout)).toMatchObject({ decision: { effect: 'deny', rule: 'no-long-echo' } });
    // completion/complete is decided as the prompt it references.
    const complete = (prompt: string) =>
      cli(['policy', 'explain', '--agent', 'prompter', '--prompt', prompt, '--completion', '--config', configFile]);
    expect(complete('t_greet').stdout).toMatch(/^effect: allow\n[\s\S]*target: completion of prompt t_greet/);
    expect(complete('t_other').stdout).toMatch(/^effect: deny\n/);
    const refused = cli([
      'policy',
      'explain',
      '--agent',
      'wild',
      '--tool',
      't_echo',
      '--completion',
      '--config',
      configFile,
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--completion needs --prompt or --resource/);
  }, 60_000);

  it('test passes a right table and fails (exit 1) on a wrong expectation', () => {
    const good = casesFile([
      { agent: 'wild', tool: 't_echo', args: { message: 'hello' }, expect: 'allow' },
      { agent: 'wild', tool: 't_env', expect: { effect: 'deny', rule: 'sensitive-default' } },
      { agent: 'x', user: 'ann', groups: ['finance'], tool: 't_echo', args: { message: 'hi' }, expect: 'allow' },
      { agent: 'x', user: 'bob', groups: ['sales'], tool: 't_echo', args: { message: 'hi' }, expect: 'deny' },
      { agent: 'prompter', prompt: 't_greet', completion: true, expect: 'allow' },
      { agent: 'prompter', prompt: 't_other', completion: true, expect: 'deny' },
    ]);
    const ok = cli(['policy', 'test', good, '--config', configFile]);
    expect(ok.code, ok.stdout + ok.stderr).toBe(0);
    expect(ok.stdout).toMatch(/6 passed, 0 failed/);

    const bad = casesFile([
      { name: 'high tool under a wildcard', agent: 'wild', tool: 't_env', expect: 'allow' },
      { agent: 'wild', tool: 't_echo', args: { message: 'hello' }, expect: 'allow' },
    ]);
    const fail = cli(['policy', 'test', bad, '--config', configFile]);
    expect(fail.code).toBe(1);
    expect(fail.stdout).toMatch(/FAIL high tool under a wildcard: expected allow, got deny \(sensitive-default\)/);
    expect(fail.stdout).toMatch(/1 passed, 1 failed/);
  }, 60_000);

  it('test --offline decides from the risk a case gives, without backends', () => {
    const f = casesFile([
      { agent: 'wild', tool: 'pay_send', risk: { level: 'high', categories: ['financial'] }, expect: 'deny' },
      { agent: 'wild', tool: 'pay_list', risk: { level: 'low' }, expect: 'allow' },
    ]);
    const r = cli(['policy', 'test', f, '--offline', '--config', configFile]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });

  it('matrix exports agent × tool with effect and rule as CSV and JSON', () => {
    const csv = cli(['policy', 'matrix', '--config', configFile]);
    expect(csv.code, csv.stderr).toBe(0);
    const lines = csv.stdout.trim().split('\n');
    expect(lines[0]).toBe('agent,tool,backend,risk,effect,visible,rule');
    expect(lines).toContain('wild,t_env,t,high,deny,false,sensitive-default');
    expect(lines).toContain('wild,t_add_tool,t,medium,allow,true,agents.wild.tools.allow');
    const json = JSON.parse(cli(['policy', 'matrix', '--format', 'json', '--config', configFile]).stdout) as {
      rows: { agent: string; tool: string; effect: string }[];
    };
    expect(json.rows.find((r) => r.tool === 't_env')).toMatchObject({ agent: 'wild', effect: 'deny' });
  }, 60_000);
});
