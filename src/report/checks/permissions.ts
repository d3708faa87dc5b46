import type { CompiledRule } from '../../policy/compile.js';
import { evidence, plural, type CheckDef } from '../context.js';

const EVERYTHING = new Set(['*', '**', '*_*', '**_*', '*_**']);
const BACKEND_WIDE = /^[A-Za-z0-9-]+_\*{1,2}$/;

const unrestricted = (r: CompiledRule) => !r.agents && !r.users && !r.groups && !r.roles;

export const permissionChecks: CheckDef[] = [
  {
    id: 'permissions.wildcards',
    area: 'permissions',
    title: 'No wildcard grants of every tool',
    weight: 2,
    inspected: ['config: agents.*.tools.allow', 'config: policy.rules (allow)'],
    remediation:
      'Grant tools by name or by a narrow verb glob (`billing_list*`), not `*` or a whole backend (`billing_*`): a wildcard also grants every tool the backend adds later.',
    run: ({ s }) => {
      const all: string[] = [];
      const wide: string[] = [];
      for (const [agent, a] of Object.entries(s.config.agents))
        for (const p of a.tools.allow) {
          if (EVERYTHING.has(p)) all.push(`agent ${agent}: "${p}"`);
          else if (BACKEND_WIDE.test(p)) wide.push(`agent ${agent}: "${p}"`);
        }
      s.config.policy.rules.forEach((r, i) => {
        if (r.effect !== 'allow' || r.prompts || r.resources) return;
        const label = `policy rule ${r.id ?? `#${i + 1}`}`;
        const scoped = r.backends || r.risk || r.categories || r.sideEffects;
        if (!r.tools) {
          if (!scoped) all.push(`${label}: every tool`);
          else if (r.backends) wide.push(`${label}: every tool of ${r.backends.join(', ')}`);
          return;
        }
        for (const p of r.tools) {
          if (EVERYTHING.has(p) && !scoped) all.push(`${label}: "${p}"`);
          else if (EVERYTHING.has(p) || BACKEND_WIDE.test(p)) wide.push(`${label}: "${p}"`);
        }
      });
      const counts = { everything: all.length, backendWide: wide.length };
      if (all.length > 0)
        return {
          status: 'fail',
          evidence: evidence(`${plural(all.length, 'grant')} of every tool`, [...all, ...wide], counts),
        };
      if (wide.length > 0)
        return {
          status: 'warn',
          evidence: evidence(`${plural(wide.length, 'grant')} of a whole backend`, wide, counts),
        };
      return {
        status: 'pass',
        evidence: evidence('tools are granted by name or narrow globs only', undefined, counts),
      };
    },
  },
  {
    id: 'permissions.least-privilege',
    area: 'permissions',
    title: 'Agents are granted only tools they use',
    weight: 2,
    inspected: [
      'policy decision: agent × tool (listing)',
      'audit log: tool.call.requested (agent, tool)',
      'config: report.windowDays',
    ],
    remediation:
      'Remove grants an agent has not used in the window (agents.<name>.tools.allow, policy rules); `portcullis policy matrix` shows what each agent may call.',
    run: (ctx) => {
      const { s, thresholds } = ctx;
      if (ctx.grants.length === 0)
        return { status: 'not_applicable', evidence: evidence('no agent is granted a tool') };
      if ('error' in s.audit)
        return {
          status: 'warn',
          evidence: evidence(`usage unknown: the audit log could not be read (${s.audit.error})`),
        };
      const called = s.audit.calledByAgent;
      const unused = ctx.grants.filter((g) => !(called[g.agent] ?? []).includes(g.tool.name));
      const items = ctx.agents
        .map((a) => ({ a, u: unused.filter((g) => g.agent === a).map((g) => g.tool.name), n: ctx.grantsOf(a).length }))
        .filter((x) => x.u.length > 0)
        .map(
          (x) =>
            `${x.a}: ${x.u.length} of ${x.n} granted tools unused (${x.u.slice(0, 8).join(', ')}${x.u.length > 8 ? ', …' : ''})`,
        );
      const counts = { grants: ctx.grants.length, unused: unused.length };
      return unused.length > 0
        ? {
            status: 'warn',
            evidence: evidence(
              `${unused.length} of ${plural(ctx.grants.length, 'grant')} not used in ${thresholds.windowDays} days`,
              items,
              counts,
            ),
          }
        : {
            status: 'pass',
            evidence: evidence(
              `every one of ${plural(ctx.grants.length, 'grant')} was used in ${thresholds.windowDays} days`,
              undefined,
              counts,
            ),
          };
    },
  },
  {
    id: 'permissions.visibility',
    area: 'permissions',
    title: 'Each agent sees a restricted tool list',
    weight: 2,
    inspected: ['policy decision: agent × tool (listing)', 'catalog: servable tools'],
    remediation:
      'Narrow the agents that see every tool to the tools their job needs; hidden tools look nonexistent to them.',
    run: (ctx) => {
      const total = ctx.servable.length;
      if (ctx.agents.length === 0 || total === 0)
        return {
          status: 'not_applicable',
          evidence: evidence(`${plural(ctx.agents.length, 'agent')}, ${plural(total, 'servable tool')}`),
        };
      const rows = ctx.agents.map((a) => ({ a, n: ctx.grantsOf(a).length }));
      const items = rows.map((r) => `${r.a}: sees ${r.n} of ${total}`);
      const everything = rows.filter((r) => r.n === total && total > 1);
      return everything.length > 0
        ? {
            status: 'fail',
            evidence: evidence(`${plural(everything.length, 'agent')} see every tool`, items, {
              agents: rows.length,
              seeAll: everything.length,
            }),
          }
        : {
            status: 'pass',
            evidence: evidence(`every agent sees a subset of the ${plural(total, 'tool')}`, items, {
              agents: rows.length,
              seeAll: 0,
            }),
          };
    },
  },
  {
    id: 'permissions.sensitive-hidden',
    area: 'permissions',
    title: 'High-risk tools stay hidden unless granted by name',
    weight: 3,
    inspected: ['policy decision: agent × tool (listing)', 'config: policy.rules (risk: high)', 'catalog: risk levels'],
    remediation:
      'Grant high-risk tools by exact name to the agents that need them; a rule that lists risk: [high] with a glob for everyone defeats sensitive-by-default.',
    run: (ctx) => {
      const high = ctx.servable.filter((t) => t.risk.level === 'high');
      if (high.length === 0)
        return { status: 'not_applicable', evidence: evidence('no high-risk tool in the catalog') };
      const rules = new Map(ctx.engine.policy.rules.map((r) => [r.id, r]));
      const grants = ctx.grants.filter((g) => g.tool.risk.level === 'high');
      const byGlob = grants.filter((g) => rules.get(g.rule)?.grantsHighByGlob);
      // A glob rule that allows a high-risk tool to every agent defeats sensitive-by-default; one that holds it (every
      // call waits for a person) or names its agents is a deliberate, narrower choice.
      const forAll = byGlob.filter((g) => g.approval === 'none' && unrestricted(rules.get(g.rule)!));
      const hidden = high.filter((t) => !grants.some((g) => g.tool.name === t.name));
      const items = grants.map(
        (g) =>
          `${g.tool.name} → ${g.agent} (${byGlob.includes(g) ? `glob in rule ${g.rule}` : 'by name'}${g.approval !== 'none' ? `, approval ${g.approval}` : ''})`,
      );
      const counts = {
        high: high.length,
        hidden: hidden.length,
        byName: grants.length - byGlob.length,
        byGlob: byGlob.length,
      };
      if (forAll.length > 0)
        return {
          status: 'fail',
          evidence: evidence(
            `${plural(forAll.length, 'high-risk grant')} by a glob rule that allows it to every agent`,
            items,
            counts,
          ),
        };
      if (byGlob.length > 0)
        return {
          status: 'warn',
          evidence: evidence(
            `${plural(byGlob.length, 'high-risk grant')} by glob (rule lists risk: high)`,
            items,
            counts,
          ),
        };
      return {
        status: 'pass',
        evidence: evidence(
          hidden.length === high.length
            ? `all ${plural(high.length, 'high-risk tool')} hidden from every agent`
            : `${hidden.length} of ${plural(high.length, 'high-risk tool')} hidden from every agent; the rest granted by exact name`,
          items,
          counts,
        ),
      };
    },
  },
];
