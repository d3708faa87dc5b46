import { ageDays } from '../snapshot.js';
import { evidence, plural, type CheckDef } from '../context.js';

/** Checks of the review process itself; they run after every other check and read its results. */
export const reportChecks: CheckDef[] = [
  {
    id: 'reports.generated',
    area: 'reports',
    title: 'The score is generated regularly',
    weight: 1,
    inspected: ['store: score history'],
    remediation:
      'Run `portcullis report --fail-under N` in CI or on a schedule; each run stores its score so the trend shows.',
    run: ({ s, thresholds }) => {
      const last = s.history.at(-1);
      if (!last)
        return {
          status: 'warn',
          evidence: evidence('no earlier score stored: this is the first report', undefined, { stored: 0 }),
        };
      const age = ageDays(s.now, last.at);
      return age <= thresholds.windowDays
        ? {
            status: 'pass',
            evidence: evidence(
              `${plural(s.history.length, 'earlier score')} stored; the last ${age} days ago (${last.score}, ${last.grade})`,
              undefined,
              { stored: s.history.length, lastAgeDays: age },
            ),
          }
        : {
            status: 'warn',
            evidence: evidence(`the last stored score is ${age} days old`, undefined, {
              stored: s.history.length,
              lastAgeDays: age,
            }),
          };
    },
  },
  {
    id: 'reports.reviewed',
    area: 'reports',
    title: 'High-risk findings are reviewed (acknowledged with a reason)',
    weight: 2,
    inspected: ['report: failing checks of weight 3', 'store: acknowledgements'],
    remediation:
      'Fix each failing high-weight check, or acknowledge it with a reason and an expiry (`portcullis report ack CHECK --reason … --expires …`) so its remediation is tracked.',
    run: ({ results }) => {
      const high = results.filter((r) => r.weight === 3 && r.status === 'fail');
      if (high.length === 0)
        return { status: 'pass', evidence: evidence('no failing high-weight check', undefined, { failing: 0 }) };
      const acked = high.filter((r) => r.acknowledgement && !r.acknowledgement.expired);
      const items = high.map(
        (r) =>
          `${r.id}: ${r.acknowledgement && !r.acknowledgement.expired ? `acknowledged by ${r.acknowledgement.by} until ${r.acknowledgement.expiresAt.slice(0, 10)} ("${r.acknowledgement.reason}")` : 'not reviewed'}`,
      );
      const counts = { failing: high.length, acknowledged: acked.length };
      return acked.length === high.length
        ? {
            status: 'pass',
            evidence: evidence(
              `all ${plural(high.length, 'failing high-weight check')} acknowledged with a reason`,
              items,
              counts,
            ),
          }
        : {
            status: 'fail',
            evidence: evidence(
              `${high.length - acked.length} of ${plural(high.length, 'failing high-weight check')} not reviewed`,
              items,
              counts,
            ),
          };
    },
  },
  {
    id: 'reports.remediation',
    area: 'reports',
    title: 'Acknowledged findings are remediated before their expiry',
    weight: 1,
    inspected: ['store: acknowledgements', 'report: check statuses'],
    remediation:
      'Fix the findings whose acknowledgement expired, or renew the acknowledgement with a new reason and expiry.',
    run: ({ results }) => {
      const acked = results.filter((r) => r.acknowledgement);
      if (acked.length === 0) return { status: 'not_applicable', evidence: evidence('no acknowledged finding') };
      const expired = acked.filter((r) => r.acknowledgement!.expired);
      const items = acked.map(
        (r) =>
          `${r.id}: ${r.acknowledgement!.expired ? 'expired' : 'due'} ${r.acknowledgement!.expiresAt.slice(0, 10)}`,
      );
      const counts = { acknowledged: acked.length, expired: expired.length };
      return expired.length > 0
        ? {
            status: 'fail',
            evidence: evidence(
              `${plural(expired.length, 'acknowledgement')} expired with the finding still open`,
              items,
              counts,
            ),
          }
        : {
            status: 'pass',
            evidence: evidence(
              `${plural(acked.length, 'open finding')} acknowledged, none past its expiry`,
              items,
              counts,
            ),
          };
    },
  },
];
