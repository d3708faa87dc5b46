import { describe, expect, it } from 'vitest';
import { configSchema } from '../config/config.js';
import type { Principal } from '../core/principal.js';
import type { ResourceTarget, Target, ToolTarget } from '../core/decision.js';
import { compilePolicy } from './compile.js';
import { createPolicyEngine } from './engine.js';

const engineOf = (cfg: unknown) => {
  const c = configSchema.parse(cfg);
  return createPolicyEngine(compilePolicy(c.agents, c.policy));
};
const tool = (name: string, level = 'low', extra: Partial<ToolTarget> = {}): ToolTarget => ({
  kind: 'tool',
  name,
  backend: name.split('_')[0]!,
  risk: {
    level,
    categories: level === 'high' ? ['financial'] : [],
    sideEffect: level === 'low' ? 'none' : 'data-change',
  },
  ...extra,
});
const key = (agent: string): Principal => ({ agent, method: 'api-key' });
const oauth = (agent: string, user: string, groups: string[]): Principal => ({
  agent,
  user,
  groups,
  claims: { email: `${user}@example.com` },
  method: 'oauth',
});

const config = {
  agents: {
    'ci-bot': { tools: { allow: ['github_get_*', 'billing_refund'], deny: ['github_get_secret*'] } },
    wild: { tools: { allow: ['*'] } },
    named: { tools: { allow: ['*', 'any_delete'] } },
    helper: {},
  },
  policy: {
    // These cases are about rule semantics; the approval default for critical categories has its own tests below.
    approvals: {
      waivers: [{ categories: ['financial'], reason: 'rule-semantics cases: the default is tested apart' }],
    },
    roles: {
      finance: { groups: ['finance'], agents: ['ledger-bot'] },
    },
    rules: [
      { id: 'finance-read', effect: 'allow', roles: ['finance'], tools: ['billing_*'], risk: ['low', 'medium'] },
      {
        id: 'finance-refunds',
        effect: 'allow',
        roles: ['finance'],
        tools: ['billing_*'],
        risk: ['high'],
        categories: ['financial'],
        when: 'args.amount <= 100.0',
      },
      {
        id: 'big-refunds-held',
        effect: 'hold',
        roles: ['finance'],
        tools: ['billing_refund'],
        when: 'args.amount > 100.0',
      },
      {
        id: 'helper-claims',
        effect: 'allow',
        agents: ['helper'],
        tools: ['docs_*'],
        when: 'principal.claims.email.endsWith("@example.com")',
      },
      { id: 'broken', effect: 'allow', agents: ['helper'], tools: ['broken_*'], when: 'args.count > 1' },
      { id: 'no-prod-deletes', effect: 'deny', tools: ['**'], sideEffects: ['irreversible'], backends: ['prod'] },
    ],
  },
};

type Case = { name: string; who: Principal; what: Target; effect: 'allow' | 'deny' | 'hold'; rule: string };
const cases: Case[] = [
  {
    name: 'key: glob allows a low tool',
    who: key('ci-bot'),
    what: tool('github_get_issue'),
    effect: 'allow',
    rule: 'agents.ci-bot.tools.allow',
  },
  {
    name: 'key: deny beats allow',
    who: key('ci-bot'),
    what: tool('github_get_secret_x'),
    effect: 'deny',
    rule: 'agents.ci-bot.tools.deny',
  },
  {
    name: 'key: glob never grants high',
    who: key('ci-bot'),
    what: tool('github_get_admin', 'high'),
    effect: 'deny',
    rule: 'sensitive-default',
  },
  {
    name: 'key: exact name grants high',
    who: key('ci-bot'),
    what: tool('billing_refund', 'high', { args: {} }),
    effect: 'allow',
    rule: 'agents.ci-bot.tools.allow',
  },
  {
    name: 'wildcard: low tool visible',
    who: key('wild'),
    what: tool('any_thing'),
    effect: 'allow',
    rule: 'agents.wild.tools.allow',
  },
  {
    name: 'wildcard: high tool hidden',
    who: key('wild'),
    what: tool('any_delete', 'high'),
    effect: 'deny',
    rule: 'sensitive-default',
  },
  {
    name: 'unknown agent: default deny',
    who: key('nobody'),
    what: tool('github_get_issue'),
    effect: 'deny',
    rule: 'default-deny',
  },
  {
    name: 'user in group gets role',
    who: oauth('helper', 'ann', ['finance']),
    what: tool('billing_list', 'low'),
    effect: 'allow',
    rule: 'finance-read',
  },
  {
    name: 'user without group denied',
    who: oauth('helper', 'bob', ['sales']),
    what: tool('billing_list', 'low'),
    effect: 'deny',
    rule: 'default-deny',
  },
  {
    name: 'CEL on args allows small refund',
    who: oauth('x', 'ann', ['finance']),
    what: tool('billing_refund', 'high', { args: { amount: 50 } }),
    effect: 'allow',
    rule: 'finance-refunds',
  },
  {
    name: 'CEL on args holds big refund',
    who: oauth('x', 'ann', ['finance']),
    what: tool('billing_refund', 'high', { args: { amount: 500 } }),
    effect: 'hold',
    rule: 'big-refunds-held',
  },
  {
    name: 'agent role (no user)',
    who: key('ledger-bot'),
    what: tool('billing_refund', 'high', { args: { amount: 5 } }),
    effect: 'allow',
    rule: 'finance-refunds',
  },
  {
    name: 'CEL on claims',
    who: oauth('helper', 'ann', []),
    what: tool('docs_read'),
    effect: 'allow',
    rule: 'helper-claims',
  },
  {
    name: 'failing rule denies',
    who: key('helper'),
    what: tool('broken_x', 'low', { args: { count: 'many' } }),
    effect: 'deny',
    rule: 'broken',
  },
  {
    name: 'deny by backend + side effect',
    who: key('wild'),
    what: tool('prod_drop', 'medium', {
      backend: 'prod',
      risk: { level: 'medium', categories: [], sideEffect: 'irreversible' },
    }),
    effect: 'deny',
    rule: 'no-prod-deletes',
  },
];

describe('evaluate(principal, target)', () => {
  const engine = engineOf(config);
  it.each(cases)('$name', ({ who, what, effect, rule }) => {
    const d = engine.evaluate(who, what);
    expect({ effect: d.effect, rule: d.rule }).toEqual({ effect, rule });
    expect(d.reasons.length).toBeGreaterThan(0);
  });

  it('says why a failing rule denied', () => {
    const d = engine.evaluate(key('helper'), tool('broken_x', 'low', { args: { count: 'many' } }));
    expect(d.reasons[0]).toMatch(/failed to evaluate/);
  });

  it('hides high tools from a wildcard listing but shows argument-conditional grants', () => {
    expect(engine.visible(key('wild'), tool('any_delete', 'high'))).toBe(false);
    expect(engine.visible(oauth('x', 'ann', ['finance']), tool('billing_refund', 'high'))).toBe(true);
    expect(engine.visible(oauth('x', 'bob', ['sales']), tool('billing_refund', 'high'))).toBe(false);
  });

  it('decides the same from the cache and never caches argument conditions', () => {
    const ann = oauth('x', 'ann', ['finance']);
    for (let i = 0; i < 3; i++) {
      expect(engine.evaluate(ann, tool('billing_refund', 'high', { args: { amount: 50 } })).effect).toBe('allow');
      expect(engine.evaluate(ann, tool('billing_refund', 'high', { args: { amount: 500 } })).effect).toBe('hold');
    }
  });

  it('matches resources by normalised URI, * never crossing /', () => {
    const e = engineOf({
      agents: { a: { resources: { allow: ['fs:file:///srv/public/*'], deny: ['fs:file:///srv/public/.env'] } } },
    });
    const res = (uri: string): ResourceTarget => ({ kind: 'resource', server: 'fs', uri });
    expect(e.evaluate(key('a'), res('file:///srv/public/a.txt')).effect).toBe('allow');
    expect(e.evaluate(key('a'), res('file:///srv/public/sub/a.txt')).effect).toBe('deny');
    expect(e.evaluate(key('a'), res('file:///srv/secret/x')).effect).toBe('deny');
    expect(e.evaluate(key('a'), res('file:///srv/public/.env')).effect).toBe('deny');
    expect(e.evaluate(key('a'), { kind: 'completion', ref: res('file:///srv/public/a.txt') }).effect).toBe('allow');
  });

  it('prompts by name, with the prompt shorthand', () => {
    const e = engineOf({ agents: { a: { prompts: { allow: ['docs_*'] } } } });
    expect(e.evaluate(key('a'), { kind: 'prompt', server: 'docs', name: 'docs_summary' }).effect).toBe('allow');
    expect(e.evaluate(key('a'), { kind: 'prompt', server: 'ops', name: 'ops_summary' }).effect).toBe('deny');
  });
});

describe('policy config', () => {
  const issues = (policy: unknown) => {
    const r = configSchema.safeParse({ policy });
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };
  it('refuses a CEL condition that does not parse, naming the path', () => {
    expect(issues({ rules: [{ effect: 'allow', tools: ['x'], when: 'args.a >' }] })[0]).toMatch(
      /^policy\.rules\.0\.when: CEL/,
    );
  });
  it('refuses unknown variables, unknown roles and duplicate ids', () => {
    expect(issues({ rules: [{ effect: 'allow', tools: ['x'], when: 'user.x == 1' }] })[0]).toMatch(/unknown variable/);
    expect(issues({ rules: [{ effect: 'allow', roles: ['nope'], tools: ['x'] }] })[0]).toMatch(/unknown role "nope"/);
    expect(
      issues({
        rules: [
          { id: 'a', effect: 'allow' },
          { id: 'a', effect: 'deny' },
        ],
      })[0],
    ).toMatch(/duplicate rule id/);
  });
});

describe('approval rules', () => {
  const hr = (name: string, categories: string[], args?: Record<string, unknown>): ToolTarget => ({
    kind: 'tool',
    name,
    backend: name.split('_')[0]!,
    risk: { level: 'high', categories, sideEffect: 'irreversible' },
    ...(args ? { args } : {}),
  });
  const e = engineOf({
    agents: { ops: { tools: { allow: ['pay_refund', 'pay_delete', 'ops_exec', 'ops_run', 'ops_env', 'docs_read'] } } },
    users: { ann: { roles: ['approver'], groups: ['finance'] } },
    notifications: { channels: { slack: { type: 'slack', url: 'https://hooks.example.com/x' } } },
    policy: {
      approvals: {
        timeout: '10m',
        waivers: [
          { tools: ['ops_env'], reason: 'reads only the non-secret build environment' },
          { tools: ['ops_*'], categories: ['code-execution'], reason: 'sandboxed runner, reviewed by security' },
        ],
      },
      rules: [
        {
          id: 'big-refunds',
          effect: 'hold',
          tools: ['pay_refund'],
          when: 'args.amount > 1000.0',
          approval: { groups: ['finance', 'security'], timeout: '1h', channels: ['slack'] },
        },
        {
          id: 'refunds',
          effect: 'hold',
          tools: ['pay_refund'],
          when: 'args.amount > 50.0',
          approval: { approvers: { groups: ['managers'] }, quorum: 2 },
        },
      ],
    },
  });
  const ops = key('ops');

  it('holds by threshold over arguments, the first matching hold rule deciding what it needs', () => {
    const big = e.evaluate(ops, hr('pay_refund', ['financial'], { amount: 5000 }));
    expect(big).toMatchObject({ effect: 'hold', rule: 'big-refunds' });
    expect(big.approval).toEqual({
      quorum: 2,
      groups: ['finance', 'security'],
      timeoutMs: 3_600_000,
      channels: ['slack'],
    });
    const mid = e.evaluate(ops, hr('pay_refund', ['financial'], { amount: 100 }));
    expect(mid).toMatchObject({ effect: 'hold', rule: 'refunds' });
    expect(mid.approval).toEqual({
      quorum: 2,
      approvers: { users: [], groups: ['managers'] },
      timeoutMs: 600_000,
      channels: [],
    });
  });

  it('holds allowed calls to critical-category tools by default (below every threshold too)', () => {
    const small = e.evaluate(ops, hr('pay_refund', ['financial'], { amount: 10 }));
    expect(small).toMatchObject({ effect: 'hold', rule: 'approvals.critical' });
    expect(small.approval).toEqual({ quorum: 1, timeoutMs: 600_000, channels: [] });
    expect(small.reasons.join(' ')).toMatch(/financial tools need a person's approval by default/);
    expect(e.evaluate(ops, hr('pay_delete', ['destructive'])).effect).toBe('hold');
    // Waived: the whole tool, or one category of it; a category not waived still holds.
    expect(e.evaluate(ops, hr('ops_env', ['credential-access'])).effect).toBe('allow');
    expect(e.evaluate(ops, hr('ops_exec', ['code-execution'])).effect).toBe('allow');
    expect(e.evaluate(ops, hr('ops_run', ['code-execution', 'destructive'])).rule).toBe('approvals.critical');
    // Other categories are not held by default.
    expect(e.evaluate(ops, hr('docs_read', ['personal-data'])).effect).toBe('allow');
  });

  it('the critical default never grants: a tool the agent may not use stays denied and hidden', () => {
    expect(e.evaluate(key('other'), hr('pay_delete', ['destructive'])).effect).toBe('deny');
    expect(e.visible(key('other'), hr('pay_delete', ['destructive']))).toBe(false);
    expect(e.visible(ops, hr('pay_delete', ['destructive']))).toBe(true);
  });

  it('exposes every waiver with its reason (for the security report)', () => {
    expect(e.policy.approvalWaivers).toEqual([
      { id: 'policy.approvals.waivers.0', tools: ['ops_env'], reason: 'reads only the non-secret build environment' },
      {
        id: 'policy.approvals.waivers.1',
        tools: ['ops_*'],
        categories: ['code-execution'],
        reason: 'sandboxed runner, reviewed by security',
      },
    ]);
  });

  it('refuses waivers without a reason, approval specs on rules that do not hold, unknown channels', () => {
    expect(() =>
      engineOf({ policy: { rules: [{ effect: 'hold', tools: ['x_y'], approval: { channels: ['slak'] } }] } }),
    ).toThrow(/channel .*slak.* is not defined under notifications.channels/);
    expect(() => engineOf({ policy: { approvals: { waivers: [{ categories: ['financial'], reason: '' }] } } })).toThrow(
      /say why/,
    );
    expect(() =>
      engineOf({ policy: { rules: [{ effect: 'allow', tools: ['x_y'], approval: { quorum: 2 } }] } }),
    ).toThrow(/approval applies to rules with effect: hold/);
  });
});

describe('names that differ only by case or Unicode compatibility form', () => {
  const e = engineOf({
    agents: {
      low: { tools: { allow: ['t_*', 't_Env', 't_ｅnv'], deny: ['*env*'] } },
      plain: { tools: { allow: ['t_*'] } },
    },
    policy: {
      rules: [
        { id: 'ops-all', effect: 'allow', agents: ['ops'], tools: ['t_*'], risk: ['low', 'medium', 'high'] },
        { id: 'ops-no-env', effect: 'deny', agents: ['ops'], tools: ['t_env'] },
        { id: 'fin-pay', effect: 'allow', agents: ['fin'], tools: ['t_Pay'] },
        { id: 'fin-pay-held', effect: 'hold', agents: ['fin'], tools: ['t_pay'] },
        { id: 'fin-wire-held', effect: 'hold', agents: ['fin'], tools: ['t_wire*'] },
        { id: 'fin-wire', effect: 'allow', agents: ['fin'], tools: ['t_wire_out'] },
      ],
    },
  });

  it('a deny covers every case and compatibility form of the names it matches', () => {
    for (const name of ['t_env', 't_Env', 't_ENV', 't_ｅnv', 't_\u212Anv'.replace('\u212A', 'E')]) {
      expect(e.evaluate(key('low'), tool(name)), name).toMatchObject({ effect: 'deny', rule: 'agents.low.tools.deny' });
      expect(e.evaluate(key('ops'), tool(name)), name).toMatchObject({ effect: 'deny', rule: 'ops-no-env' });
    }
    expect(e.evaluate(key('ops'), tool('t_Env')).reasons[0]).toMatch(/in another case or compatibility form/);
    // The Kelvin sign folds to k: a deny for t_kill covers t_\u212Aill.
    const k = engineOf({ agents: { a: { tools: { allow: ['t_*'], deny: ['t_kill'] } } } });
    expect(k.evaluate(key('a'), tool('t_\u212Aill')).effect).toBe('deny');
  });

  it('an allow still grants only the exact form it names', () => {
    const only = engineOf({ agents: { a: { tools: { allow: ['t_echo', 'x_*'] } } } });
    expect(only.evaluate(key('a'), tool('t_echo')).effect).toBe('allow');
    expect(only.evaluate(key('a'), tool('t_Echo')).effect).toBe('deny');
    expect(only.evaluate(key('a'), tool('X_y')).effect).toBe('deny');
  });

  it('a hold covers other forms of what another rule grants, and grants nothing by itself', () => {
    expect(e.evaluate(key('fin'), tool('t_Pay'))).toMatchObject({ effect: 'hold', rule: 'fin-pay-held' });
    expect(e.evaluate(key('fin'), tool('t_PAY'))).toMatchObject({ effect: 'deny', rule: 'default-deny' });
  });

  it('a hold glob without risk [high] still holds a high-risk tool that another rule grants by its exact name', () => {
    expect(e.evaluate(key('fin'), tool('t_wire_out', 'high'))).toMatchObject({
      effect: 'hold',
      rule: 'fin-wire-held',
    });
    // ... and grants nothing itself: a high-risk tool no allow names stays hidden by the sensitive default.
    expect(e.evaluate(key('fin'), tool('t_wire_in', 'high'))).toMatchObject({
      effect: 'deny',
      rule: 'sensitive-default',
    });
  });
});

describe('who a rule names (users, groups, roles) in another case or compatibility form', () => {
  const e = engineOf({
    agents: { desk: { tools: { allow: ['t_*'] } } },
    policy: {
      roles: { outside: { groups: ['Contractors'], users: ['Eve@Example.com'] } },
      rules: [
        { id: 'no-alice', effect: 'deny', users: ['Alice@Example.com'], tools: ['t_env'] },
        { id: 'no-contractors', effect: 'deny', groups: ['Contractors'], tools: ['t_echo'] },
        { id: 'no-outside', effect: 'deny', roles: ['outside'], tools: ['t_cwd'] },
        { id: 'hold-carol', effect: 'hold', users: ['Carol@*'], tools: ['t_pay'] },
        { id: 'bob-slow', effect: 'allow', users: ['Bob@Example.com'], tools: ['x_slow'] },
        { id: 'ops-wide', effect: 'allow', groups: ['Ops'], tools: ['y_*'] },
        { id: 'admins', effect: 'allow', roles: ['outside'], tools: ['z_*'] },
      ],
    },
  });

  it('a deny of a user, a group or a role held through either matches every spelling of the name', () => {
    for (const user of ['alice@example.com', 'ALICE@EXAMPLE.COM', 'ａlice@example.com'])
      expect(e.evaluate(oauth('desk', user, []), tool('t_env')), user).toMatchObject({ rule: 'no-alice' });
    for (const group of ['contractors', 'CONTRACTORS', 'ｃontractors']) {
      const p = oauth('desk', 'dave', [group]);
      expect(e.evaluate(p, tool('t_echo')), group).toMatchObject({ effect: 'deny', rule: 'no-contractors' });
      expect(e.evaluate(p, tool('t_cwd')), group).toMatchObject({ effect: 'deny', rule: 'no-outside' });
    }
    expect(e.evaluate(oauth('desk', 'eve@example.com', []), tool('t_cwd'))).toMatchObject({ rule: 'no-outside' });
    // Not every name: others still get the tools.
    expect(e.evaluate(oauth('desk', 'alicia@example.com', ['contract']), tool('t_env')).effect).toBe('allow');
  });

  it('a hold matches every spelling too', () => {
    expect(e.evaluate(oauth('desk', 'CAROL@example.com', []), tool('t_pay'))).toMatchObject({ effect: 'hold' });
  });

  it('an allow of a user, a group or a role stays exact: another spelling is not granted', () => {
    expect(e.evaluate(oauth('desk', 'Bob@Example.com', []), tool('x_slow')).effect).toBe('allow');
    expect(e.evaluate(oauth('desk', 'bob@example.com', []), tool('x_slow')).effect).toBe('deny');
    expect(e.evaluate(oauth('desk', 'u', ['Ops']), tool('y_a')).effect).toBe('allow');
    expect(e.evaluate(oauth('desk', 'u', ['ops']), tool('y_a')).effect).toBe('deny');
    expect(e.evaluate(oauth('desk', 'u', ['Contractors']), tool('z_a')).effect).toBe('allow');
    expect(e.evaluate(oauth('desk', 'u', ['contractors']), tool('z_a')).effect).toBe('deny');
  });
});
