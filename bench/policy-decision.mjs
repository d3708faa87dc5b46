// Policy decision benchmark: evaluate(principal, target) with 1,000 tools and 200 rules (per-agent globs, role and
// group rules, risk/category/backend filters, 20 CEL conditions on arguments). Imports the built output.
// Prints p50/p99 per decision for: cached decisions (no argument condition involved, the hot path), the first
// decision of each (principal, tool) pair (cache cold), and decisions that evaluate CEL over arguments (never cached).
import { configSchema } from '../dist/config/config.js';
import { compilePolicy } from '../dist/policy/compile.js';
import { createPolicyEngine } from '../dist/policy/engine.js';

const BACKENDS = 20;
const TOOLS = 1000;
const levels = ['low', 'low', 'medium', 'high'];
const cats = [[], ['financial'], ['personal-data'], ['destructive'], ['external-communication']];
const tools = Array.from({ length: TOOLS }, (_, i) => {
  const level = levels[i % levels.length];
  return {
    kind: 'tool',
    name: `b${i % BACKENDS}_${['get', 'list', 'create', 'delete', 'send'][i % 5]}_thing${i}`,
    backend: `b${i % BACKENDS}`,
    risk: { level, categories: cats[i % cats.length], sideEffect: level === 'low' ? 'none' : 'data-change' },
  };
});

// 200 rules: 40 agents × (allow + deny) shorthand = 80, and 120 policy rules.
const agents = {};
for (let a = 0; a < 40; a++)
  agents[`agent${a}`] = {
    tools: { allow: [`b${a % BACKENDS}_*`, `b${(a + 1) % BACKENDS}_get_*`], deny: [`b${a % BACKENDS}_delete_*`] },
  };
const rules = [];
for (let r = 0; r < 120; r++) {
  const rule = { id: `rule${r}`, effect: r % 7 === 0 ? 'deny' : 'allow' };
  if (r % 3 === 0) rule.roles = [`role${r % 10}`];
  else if (r % 3 === 1) rule.groups = [`group${r % 12}`];
  else rule.agents = [`agent${r % 40}`];
  rule.tools = [`b${r % BACKENDS}_${['get', 'list', 'create', 'send'][r % 4]}_*`];
  if (r % 5 === 0) rule.risk = ['high'];
  if (r % 11 === 0) rule.categories = ['financial', 'destructive'];
  if (r % 6 === 0) rule.when = `has(args.amount) && args.amount <= ${r}.0 && "group${r % 12}" in principal.groups`;
  rules.push(rule);
}
const roles = {};
for (let i = 0; i < 10; i++) roles[`role${i}`] = { groups: [`group${i}`], agents: [`agent${i * 3}`] };
const config = configSchema.parse({ agents, policy: { roles, rules } });
const compiled = compilePolicy(config.agents, config.policy);
const engine = createPolicyEngine(compiled);
const ruleCount = compiled.rules.length;

const principals = Array.from({ length: 60 }, (_, i) =>
  i < 40
    ? { agent: `agent${i}`, method: 'api-key' }
    : {
        agent: `agent${i % 40}`,
        user: `user${i}`,
        groups: [`group${i % 12}`, `group${(i + 5) % 12}`],
        method: 'oauth',
      },
);

function percentiles(ns) {
  const s = Float64Array.from(ns).sort();
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))] / 1000;
  return { p50: at(0.5), p99: at(0.99), n: s.length };
}
function run(n, pick) {
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    const [p, t] = pick(i);
    const t0 = process.hrtime.bigint();
    engine.evaluate(p, t);
    out[i] = Number(process.hrtime.bigint() - t0);
  }
  return out;
}

// Warm up the JIT, then measure.
const pickAny = (i) => [principals[i % principals.length], tools[(i * 7919) % TOOLS]];
run(200_000, pickAny);
const hot = percentiles(run(500_000, pickAny));

const coldSamples = [];
for (let round = 0; round < 5; round++) {
  engine.invalidate();
  for (let i = 0; i < 20_000; i++) {
    const p = principals[(i + round) % principals.length];
    const t = tools[(i * 104729 + round) % TOOLS];
    const t0 = process.hrtime.bigint();
    engine.evaluate(p, t);
    coldSamples.push(Number(process.hrtime.bigint() - t0));
  }
}
const cold = percentiles(coldSamples);

// Calls whose decision reads arguments: tools matched by CEL rules, with arguments.
const condTools = tools.filter((t) => compiled.rules.some((r) => r.when && r.names?.some((g) => g.test(t.name))));
const withArgs = percentiles(
  run(200_000, (i) => {
    const p = principals[40 + (i % 20)];
    const t = condTools[i % condTools.length];
    return [p, { ...t, args: { amount: i % 200 } }];
  }),
);

const fmt = (x) => x.toFixed(2);
process.stdout.write(
  `Decision latency of \`evaluate(principal, target)\` with ${TOOLS} tools, ${ruleCount} rules (${
    compiled.rules.filter((r) => r.when).length
  } with CEL conditions), ${Object.keys(roles).length} roles, ${principals.length} principals. Target: p99 ≤ 20 µs.\n\n` +
    `| case | decisions | p50 (µs) | p99 (µs) |\n|---|---:|---:|---:|\n` +
    `| cached: no argument condition involved (hot path) | ${hot.n} | ${fmt(hot.p50)} | ${fmt(hot.p99)} |\n` +
    `| first decision per (principal, tool): all rules scanned | ${cold.n} | ${fmt(cold.p50)} | ${fmt(cold.p99)} |\n` +
    `| argument conditions: CEL evaluated per call (${condTools.length} tools) | ${withArgs.n} | ${fmt(withArgs.p50)} | ${fmt(withArgs.p99)} |\n`,
);
