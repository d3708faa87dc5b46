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
      const holdRules = ctx.s.config.policy.rules.filter((r) => r.effect === 'hold').length;
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
      'policy decision: agent × tool (listing)',
      'catalog: risk categories',
    ],
    remediation:
      'For each sensitive tool that runs without approval, either add a hold rule or record why not (a described allow rule naming the tool exactly: its description is the waiver reason).',
    run: (ctx) => {
      const tools = (['financial', 'destructive', 'administrative'] as const)
        .flatMap((c) => callable(ctx, c))
        .filter((t, i, a) => a.indexOf(t) === i);
      if (tools.length === 0)
        return { status: 'not_applicable', evidence: evidence('no agent may call a state-changing sensitive tool') };
      const rules = new Map(ctx.s.config.policy.rules.filter((r) => r.id).map((r) => [r.id!, r]));
      const waived = ctx.grants.filter((g) => tools.includes(g.tool) && g.approval === 'none');
      const withReason = waived.filter((g) => {
        const r = rules.get(g.rule);
        return r?.description && r.tools?.includes(g.tool.name);
      });
      const items = waived.map((g) => {
        const r = rules.get(g.rule);
        return withReason.includes(g)
          ? `${g.tool.name} → ${g.agent}: waived by rule ${g.rule} ("${r?.description}")`
          : `${g.tool.name} → ${g.agent}: no approval and no recorded reason (${g.rule})`;
      });
      const counts = { sensitive: tools.length, waived: waived.length, withReason: withReason.length };
      if (waived.length === 0)
        return {
          status: 'pass',
          evidence: evidence(`no waiver: every sensitive tool (${tools.length}) needs approval`, undefined, counts),
        };
      return withReason.length === waived.length
        ? {
            status: 'pass',
            evidence: evidence(`${plural(waived.length, 'waiver')}, each with a reason`, items, counts),
          }
        : {
            status: 'fail',
            evidence: evidence(
              `${waived.length - withReason.length} of ${plural(waived.length, 'grant')} without approval carry no reason`,
              items,
              counts,
            ),
          };
    },
  },
];
