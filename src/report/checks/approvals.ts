import type { RiskCategory } from '../../risk/types.js';
import { approvalOfTool, evidence, plural, type CheckContext, type CheckDef } from '../context.js';
import type { ToolFacts } from '../snapshot.js';

const changes = (t: ToolFacts) => t.risk.sideEffect === 'data-change' || t.risk.sideEffect === 'irreversible';

/** State-changing tools of a category that some agent may call. */
const callable = (ctx: CheckContext, category: RiskCategory) =>
  ctx.servable.filter((t) => t.risk.categories.includes(category) && changes(t) && ctx.grantsFor(t.name).length > 0);

function coverage(category: RiskCategory, id: string, label: string, weight: 2 | 3): CheckDef {
  return {
    id,
    area: 'approvals',
    title: `${label} calls need a human approval`,
    weight,
    inspected: [
      'config: policy.rules (effect: hold)',
      'config: policy.approvals (default categories, waivers)',
      'policy decision: agent × tool (listing)',
      'catalog: risk categories',
    ],
    remediation: `Add a hold rule for the ${label.toLowerCase()} tools agents may call (policy.rules with effect: hold, categories: [${category}]), or a threshold on the arguments with a when: condition.`,
    run: (ctx) => {
      const tools = callable(ctx, category);
      if (tools.length === 0)
        return {
          status: 'not_applicable',
          evidence: evidence(`no agent may call a state-changing ${label.toLowerCase()} tool`),
        };
      const rows = tools.map((t) => ({ t, a: approvalOfTool(ctx, t.name)! }));
      const open = rows.filter((r) => r.a === 'none');
      const items = rows.map(
        (r) =>
          `${r.t.name}: ${
            r.a === 'none'
              ? `no approval (callable by ${ctx
                  .grantsFor(r.t.name)
                  .filter((g) => g.approval === 'none')
                  .map((g) => g.agent)
                  .join(', ')})`
              : r.a === 'always'
                ? 'approval on every call'
                : 'approval above a threshold'
          }`,
      );
      const counts = { tools: tools.length, withoutApproval: open.length };
      const holdRules =
        ctx.s.config.policy.rules.filter((r) => r.effect === 'hold').length +
        (ctx.s.config.policy.approvals.categories.length > 0 ? 1 : 0);
      return open.length > 0
        ? {
            status: 'fail',
            evidence: evidence(
              `${open.length} of ${plural(tools.length, `callable ${label.toLowerCase()} tool`)} run without approval${holdRules === 0 ? ' (no approval rules configured)' : ''}`,
              items,
              counts,
            ),
          }
        : {
            status: 'pass',
            evidence: evidence(
              `every callable ${label.toLowerCase()} tool (${tools.length}) needs an approval`,
              items,
              counts,
            ),
          };
    },
  };
}

export const approvalChecks: CheckDef[] = [
  coverage('financial', 'approvals.financial', 'Refund and payment', 3),
  coverage('destructive', 'approvals.delete', 'Destructive (delete)', 3),
  coverage('administrative', 'approvals.administrative', 'Administrative', 2),
  {
    id: 'approvals.threshold',
    area: 'approvals',
    title: 'Payments above a threshold need approval',
    weight: 2,
    inspected: [
      'config: policy.rules (effect: hold, when: args)',
      'config: policy.approvals (default categories, waivers)',
      'policy decision: agent × tool (listing)',
      'catalog: risk categories',
    ],
    remediation:
      "Hold financial calls above an amount: a policy rule with effect: hold, categories: [financial] and when: 'has(args.amount) && args.amount > 500.0'.",
    run: (ctx) => {
      const tools = callable(ctx, 'financial');
      if (tools.length === 0)
        return { status: 'not_applicable', evidence: evidence('no agent may call a state-changing financial tool') };
      const rows = tools.map((t) => ({ t, a: approvalOfTool(ctx, t.name)! }));
      const items = rows.map((r) => `${r.t.name}: ${r.a}`);
      const counts = {
        tools: tools.length,
        threshold: rows.filter((r) => r.a === 'threshold').length,
        always: rows.filter((r) => r.a === 'always').length,
      };
      if (rows.some((r) => r.a === 'none'))
        return {
          status: 'fail',
          evidence: evidence(
            `${rows.filter((r) => r.a === 'none').length} of ${plural(tools.length, 'financial tool')} run without a threshold or an approval`,
            items,
            counts,
          ),
        };
      return {
        status: 'pass',
        evidence: evidence(
          `every callable financial tool is held above a threshold (${counts.threshold}) or always (${counts.always})`,
          items,
          counts,
        ),
      };
    },
  },
  {
    id: 'approvals.waivers',
    area: 'approvals',
    title: 'Sensitive tools without approval are waived with a reason',
    weight: 1,
    inspected: [
      'config: policy.rules (effect: hold)',
      'config: policy.approvals (default categories, waivers)',
      'policy decision: agent × tool (listing)',
      'catalog: risk categories',
    ],
    remediation:
      'For each sensitive tool that runs without approval, add a hold rule, or record why not: a waiver under policy.approvals.waivers (tools, categories, reason).',
    run: (ctx) => {
      const waivers = ctx.engine.policy.approvals.waivers;
      const listed = waivers.map(
        (w) =>
          `waiver ${w.id}: ${w.tools ? w.tools.join(', ') : 'every tool'}${w.categories ? ` (${w.categories.join(', ')})` : ''}: "${w.reason}"`,
      );
      const tools = (['financial', 'destructive', 'administrative'] as const)
        .flatMap((c) => callable(ctx, c))
        .filter((t, i, a) => a.indexOf(t) === i);
      if (tools.length === 0)
        return {
          status: 'not_applicable',
          evidence: evidence('no agent may call a state-changing sensitive tool', listed, { waivers: waivers.length }),
        };
      const waiverOf = (t: ToolFacts) =>
        waivers.find(
          (w) => (!w.names || w.names.some((g) => g.test(t.name))) && t.risk.categories.some((c) => w.waived.has(c)),
        );
      const open = ctx.grants.filter((g) => tools.includes(g.tool) && g.approval === 'none');
      const unexplained = open.filter((g) => !waiverOf(g.tool));
      const items = [
        ...open.map((g) => {
          const w = waiverOf(g.tool);
          return w
            ? `${g.tool.name} → ${g.agent}: waived by ${w.id} ("${w.reason}")`
            : `${g.tool.name} → ${g.agent}: no approval and no waiver (${g.rule})`;
        }),
        ...listed,
      ];
      const counts = {
        sensitive: tools.length,
        withoutApproval: open.length,
        unexplained: unexplained.length,
        waivers: waivers.length,
      };
      if (open.length === 0)
        return {
          status: 'pass',
          evidence: evidence(`every sensitive tool (${tools.length}) needs approval`, listed, counts),
        };
      return unexplained.length === 0
        ? {
            status: 'pass',
            evidence: evidence(
              `${plural(open.length, 'grant')} without approval, each covered by a waiver with a reason`,
              items,
              counts,
            ),
          }
        : {
            status: 'fail',
            evidence: evidence(
              `${unexplained.length} of ${plural(open.length, 'grant')} without approval have no waiver`,
              items,
              counts,
            ),
          };
    },
  },
];
