// Every glob the config takes, checked against the compiler that builds it: a pattern the schema accepts is one its
// builder compiles (what `serve` and a reload build), and one a builder would throw on is refused when the config
// loads (what `validate` runs), naming the key, with a message that does not repeat the pattern whole. Before, a glob
// longer than picomatch's 65,536 characters passed `validate` and made `serve` exit at start-up with a stack trace.
import { describe, expect, it } from 'vitest';
import { MAX_GLOB_LENGTH } from '../core/glob-pattern.js';
import { createOperationFilter } from '../backends/openapi/filters.js';
import { createLimiter } from '../limits/limiter.js';
import { createMemoryLimitStore } from '../limits/memory-store.js';
import { compilePolicy } from '../policy/compile.js';
import { createPolicyEngine } from '../policy/engine.js';
import { compileGlob } from '../policy/glob.js';
import { applyOverrides } from '../risk/overrides.js';
import { createRedactor } from '../audit/redaction/redactor.js';
import type { PortcullisConfig } from './config.js';
import { ConfigError } from './errors.js';
import { parseConfigText } from './load.js';
import { configWarnings } from './warnings.js';

const FILE = '/etc/portcullis.yaml';
const agents = { bot: { tools: { allow: ['t_echo'] } } };
const upstreams = { t: { transport: 'stdio', command: 'node' } };

/** Builds the policy and decides a call with it: every agent and rule glob is compiled and matched. */
const decide = (c: PortcullisConfig) =>
  createPolicyEngine(compilePolicy(c.agents, c.policy)).evaluate(
    { agent: 'bot', method: 'api-key' },
    { kind: 'tool', name: 't_echo', backend: 't', risk: { level: 'low', categories: [], sideEffect: 'none' } },
  );
/** Builds the limiter and counts a call: every limit glob is compiled and matched. */
const limit = (c: PortcullisConfig) =>
  createLimiter(createMemoryLimitStore(), c.limits).check({ agent: 'bot', user: 'u', tool: 't_echo' });
/** Builds the importer's filter and runs it over an operation. */
const filter = (c: PortcullisConfig) =>
  createOperationFilter(
    c.openapi.api!.include,
    c.openapi.api!.exclude,
  )({
    method: 'GET',
    path: '/v1/x',
    operationId: 'getX',
    tags: ['x'],
    name: 'api_getX',
  });

/** Each glob setting: the config holding `p` there, where the schema reports it, and what builds and matches it. */
const settings: {
  name: string;
  config: (p: string) => object;
  path: string;
  build: (c: PortcullisConfig) => unknown;
}[] = [
  {
    name: 'agents.*.tools.allow',
    config: (p) => ({ upstreams, agents: { bot: { tools: { allow: ['t_echo', p] } } } }),
    path: 'agents.bot.tools.allow.1',
    // validate and serve both run the warnings, which match allow patterns with picomatch.
    build: (c) => (decide(c), configWarnings(FILE, '', c)),
  },
  {
    name: 'policy.rules.*.tools',
    config: (p) => ({
      upstreams,
      agents,
      policy: { rules: [{ id: 'r', effect: 'deny', agents: ['*'], tools: [p] }] },
    }),
    path: 'policy.rules.0.tools.0',
    build: decide,
  },
  {
    name: 'owners',
    config: (p) => ({ upstreams, agents, owners: { [p]: 'team' } }),
    path: 'owners.',
    build: (c) => Object.keys(c.owners).map((p) => compileGlob(p).test('t_echo')),
  },
  {
    name: 'limits.rate.*.tools',
    config: (p) => ({ upstreams, agents, limits: { rate: [{ name: 'r', tools: [p], limit: 1, per: 'minute' }] } }),
    path: 'limits.rate.0.tools.0',
    build: limit,
  },
  {
    name: 'limits.quotas.*.agents',
    config: (p) => ({ upstreams, agents, limits: { quotas: [{ name: 'q', agents: [p], daily: 1 }] } }),
    path: 'limits.quotas.0.agents.0',
    build: limit,
  },
  {
    name: 'risk.overrides.*.tools',
    config: (p) => ({ upstreams, agents, risk: { overrides: [{ tools: p, level: 'high', reason: 'x' }] } }),
    path: 'risk.overrides.0.tools',
    build: (c) => applyOverrides('t_echo', { level: 'low', categories: [], sideEffect: 'none', reasons: [] }, c.risk),
  },
  {
    name: 'audit.redaction.tools',
    config: (p) => ({ upstreams, agents, audit: { redaction: { tools: { [p]: [{ path: 'a', mode: 'mask' }] } } } }),
    path: 'audit.redaction.tools.',
    build: (c) =>
      createRedactor({ config: c.audit.redaction ?? {} }).redact(
        { type: 'tool.call.requested', tool: 't_echo', arguments: { a: 'x' } },
        new Date(0).toISOString(),
      ),
  },
  {
    name: 'openapi.*.include',
    config: (p) => ({ agents, openapi: { api: { spec: 'api.yaml', include: [`path:${p}`] } } }),
    path: 'openapi.api.include.0',
    build: filter,
  },
  {
    name: 'openapi.*.exclude',
    config: (p) => ({ agents, openapi: { api: { spec: 'api.yaml', exclude: [p] } } }),
    path: 'openapi.api.exclude.0',
    build: filter,
  },
];

/** What a build threw, bounded (a RegExp error quotes the whole expression), or undefined. */
const buildError = async (build: () => unknown): Promise<string | undefined> => {
  try {
    await build();
    return undefined;
  } catch (e) {
    return String(e).slice(-200);
  }
};
const parse = (config: object) => parseConfigText(JSON.stringify(config), FILE, {});
const issuesOf = (config: object) => {
  try {
    parse(config);
  } catch (e) {
    if (e instanceof ConfigError) return e.issues;
    throw e;
  }
  throw new Error('expected a ConfigError');
};

describe('glob settings: what the schema accepts, the builders compile', () => {
  for (const s of settings) {
    // `path:` of an OpenAPI include is part of the pattern: the longest accepted pattern is the whole string.
    const fit = (n: number) => (s.name.endsWith('include') ? 'a'.repeat(n - 'path:'.length) : 'a'.repeat(n));
    it(`${s.name}: the longest pattern accepted builds and matches`, async () => {
      expect(await buildError(() => s.build(parse(s.config(fit(MAX_GLOB_LENGTH)))))).toBeUndefined();
    });
    it(`${s.name}: a longer one is refused when the config loads, naming the key`, () => {
      const issues = issuesOf(s.config(fit(MAX_GLOB_LENGTH + 1)));
      expect(issues).toHaveLength(1);
      expect(issues[0]!.path.startsWith(s.path)).toBe(true);
      expect(issues[0]!.message).toContain(
        `${MAX_GLOB_LENGTH + 1} characters long; a glob has at most ${MAX_GLOB_LENGTH}`,
      );
      // Neither the message nor the key path repeats the pattern whole.
      expect(issues[0]!.message.length + issues[0]!.path.length).toBeLessThan(1000);
    });
  }

  it('a restricting glob is bounded in the form it is compiled in (folded: NFKC can make it longer)', async () => {
    // U+FDFA folds to 18 characters: 400 of them are 7,200 once folded, which the limiter's picomatch refused.
    const wide = '\uFDFA'.repeat(400);
    for (const s of settings.filter((x) => /limits|exclude|agents|policy|owners/.test(x.name))) {
      const issues = issuesOf(s.config(wide));
      expect(issues[0]!.message, s.name).toContain('7200 characters long once case-folded');
    }
    // Compiled as written (risk overrides, redaction rules), it is within bounds and builds.
    for (const s of settings.filter((x) => /risk|redaction/.test(x.name)))
      expect(await buildError(() => s.build(parse(s.config(wide)))), s.name).toBeUndefined();
  });

  it('the hardest patterns picomatch takes at that length build and match (4,096 "(" overflowed it at 8,192)', async () => {
    for (const s of settings.filter((x) => x.name === 'limits.rate.*.tools'))
      expect(await buildError(() => s.build(parse(s.config('('.repeat(MAX_GLOB_LENGTH))))), s.name).toBeUndefined();
  });

  it('a redaction path the redactor cannot parse is refused when the config loads', () => {
    const issues = issuesOf({
      upstreams,
      agents,
      audit: { redaction: { tools: { t_echo: [{ path: 'a]b', mode: 'mask' }] } } },
    });
    expect(issues).toMatchObject([{ path: 'audit.redaction.tools.t_echo.0.path' }]);
    expect(issues[0]!.message).toMatch(/^bad path "a\]b"/);
    // What the schema accepts, the redactor parses.
    const ok = parse({
      upstreams,
      agents,
      audit: { redaction: { tools: { t_echo: [{ path: '$.a[*].b', mode: 'mask' }] } } },
    });
    expect(() => createRedactor({ config: ok.audit.redaction ?? {} })).not.toThrow();
  });
});
