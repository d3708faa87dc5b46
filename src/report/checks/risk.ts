import { levelFor, levelRank, type RiskCategory } from '../../risk/types.js';
import { evidence, plural, type CheckContext, type CheckDef } from '../context.js';

function categoryCheck(category: RiskCategory, id: string, label: string): CheckDef {
  return {
    id,
    area: 'risk',
    title: `${label} tools are identified and treated as sensitive`,
    weight: 1,
    inspected: ['catalog: risk assessments', 'config: risk.overrides'],
    remediation: `Review the risk.overrides that lower ${label.toLowerCase()} tools; keep state-changing ${label.toLowerCase()} tools at level high so that no glob grants them.`,
    run: ({ s }: CheckContext) => {
      const tools = s.tools.filter((t) => t.risk.categories.includes(category));
      if (tools.length === 0)
        return {
          status: 'not_applicable',
          evidence: evidence(`no ${label.toLowerCase()} tool among ${plural(s.tools.length, 'tool')}`),
        };
      const lowered = tools.filter(
        (t) => t.risk.override && levelRank[t.risk.level] < levelRank[levelFor(t.risk.sideEffect, t.risk.categories)],
      );
      const items = tools.map(
        (t) =>
          `${t.name}: ${t.risk.level}, ${t.risk.sideEffect}${lowered.includes(t) ? ` (lowered by override: ${t.risk.override?.reason})` : ''}`,
      );
      const counts = {
        tools: tools.length,
        high: tools.filter((t) => t.risk.level === 'high').length,
        lowered: lowered.length,
      };
      return lowered.length > 0
        ? {
            status: 'warn',
            evidence: evidence(
              `${plural(tools.length, `${label.toLowerCase()} tool`)}; ${lowered.length} lowered below their computed level by an override`,
              items,
              counts,
            ),
          }
        : {
            status: 'pass',
            evidence: evidence(
              `${plural(tools.length, `${label.toLowerCase()} tool`)} identified, ${counts.high} at level high`,
              items,
              counts,
            ),
          };
    },
  };
}

export const riskChecks: CheckDef[] = [
  categoryCheck('financial', 'risk.financial', 'Financial'),
  categoryCheck('administrative', 'risk.administrative', 'Administrative'),
  categoryCheck('destructive', 'risk.destructive', 'Destructive (delete)'),
  categoryCheck('credential-access', 'risk.credential-access', 'Credential-access'),
];
