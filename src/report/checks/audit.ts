import { evidence, plural, type CheckDef, type Outcome } from '../context.js';
import type { AuditFacts, DeploymentSnapshot } from '../snapshot.js';

const unreadable = (s: DeploymentSnapshot): Outcome | undefined =>
  'error' in s.audit
    ? { status: 'fail', evidence: evidence(`the audit log could not be read: ${s.audit.error}`) }
    : undefined;
const facts = (s: DeploymentSnapshot) => s.audit as AuditFacts;

/** Beyond `checkpointEvery.ms`, what a loaded machine may add before a committed checkpoint reaches the anchor file. */
const ANCHOR_SLACK_MS = 10_000;
/**
 * A log whose first records are younger than the checkpoint interval (plus slack) has its first checkpoint still to
 * come: an in-flight state of a new deployment, not a missing anchor.
 */
const firstCheckpointDue = (s: DeploymentSnapshot, since: string | undefined): boolean =>
  since !== undefined && Date.parse(s.now) - Date.parse(since) <= s.config.audit.checkpointEvery.ms + ANCHOR_SLACK_MS;

export const auditChecks: CheckDef[] = [
  {
    id: 'audit.calls-logged',
    area: 'audit',
    title: 'Tool calls and their parameters are logged before they run',
    weight: 3,
    inspected: ['config: audit.failMode', 'audit log: tool.call.requested'],
    remediation:
      'Keep audit.failMode: closed (no audit, no call): a call whose intent record cannot be written does not run.',
    run: ({ s, thresholds }) => {
      const bad = unreadable(s);
      if (bad) return bad;
      const a = facts(s);
      const calls = `${plural(a.toolCalls, 'tool call')} recorded in ${thresholds.windowDays} days`;
      if (s.config.audit.failMode === 'open')
        return {
          status: 'fail',
          evidence: evidence(`audit.failMode is open: calls run while the audit store is down; ${calls}`, undefined, {
            toolCalls: a.toolCalls,
          }),
        };
      return {
        status: 'pass',
        evidence: evidence(
          `intent with redacted arguments logged before every call (fail closed); ${calls}`,
          undefined,
          { toolCalls: a.toolCalls },
        ),
      };
    },
  },
  {
    id: 'audit.approval-decisions',
    area: 'audit',
    title: 'Approval decisions are in the audit log',
    weight: 1,
    inspected: [
      'config: policy.rules (effect: hold)',
      'config: policy.approvals (default categories)',
      'audit log: approval.*',
    ],
    remediation:
      'Approval requests and decisions are recorded by the gateway; if none appear while holds are configured, check that agents reach the held tools and that approvers decide through Portcullis.',
    run: ({ s, thresholds }) => {
      const holds =
        s.config.policy.rules.filter((r) => r.effect === 'hold').length +
        (s.config.policy.approvals.categories.length > 0 ? 1 : 0);
      if (holds === 0)
        return {
          status: 'not_applicable',
          evidence: evidence(
            'no approval rules configured (no hold rule, no default categories), so no approval decisions to log',
          ),
        };
      const bad = unreadable(s);
      if (bad) return bad;
      const n = facts(s).approvalEvents;
      return n > 0
        ? {
            status: 'pass',
            evidence: evidence(
              `${plural(n, 'approval record')} in ${thresholds.windowDays} days for ${plural(holds, 'approval rule')}`,
              undefined,
              { approvalEvents: n, holdRules: holds },
            ),
          }
        : {
            status: 'warn',
            evidence: evidence(
              `${plural(holds, 'approval rule')} configured, but no approval record in ${thresholds.windowDays} days`,
              undefined,
              { approvalEvents: 0, holdRules: holds },
            ),
          };
    },
  },
  {
    id: 'audit.retention',
    area: 'audit',
    title: 'A retention period is defined',
    weight: 1,
    inspected: ['config: audit.retention'],
    remediation:
      'Set audit.retention.maxAgeDays to what your compliance regime requires (e.g. 400 for a year plus margin); pruning keeps the chain verifiable.',
    run: ({ s }) => {
      const r = s.config.audit.retention;
      if (!r)
        return {
          status: 'fail',
          evidence: evidence('no audit.retention: records are kept forever and never pruned under a policy'),
        };
      const parts = [
        r.maxAgeDays !== undefined ? `${r.maxAgeDays} days` : '',
        r.maxRecords !== undefined ? `${r.maxRecords} records` : '',
      ].filter(Boolean);
      return { status: 'pass', evidence: evidence(`retention: at most ${parts.join(' and ')}`) };
    },
  },
  {
    id: 'audit.chain',
    area: 'audit',
    title: 'The hash chain and checkpoint signatures verify',
    weight: 3,
    inspected: ['audit log: hash chain', 'audit log: signed checkpoints'],
    remediation:
      'Run `portcullis audit verify` to locate each break; restore the log from a backup or a sink and investigate who could write the data directory.',
    run: ({ s }) => {
      const bad = unreadable(s);
      if (bad) return bad;
      const v = facts(s).verify;
      if ('error' in v) return { status: 'fail', evidence: evidence(`verification could not run: ${v.error}`) };
      const counts = { records: v.records, checkpoints: v.checkpoints, issues: v.issues.length };
      return v.ok
        ? {
            status: 'pass',
            evidence: evidence(
              `${plural(v.records, 'record')} and ${plural(v.checkpoints, 'signed checkpoint')} verified`,
              undefined,
              counts,
            ),
          }
        : { status: 'fail', evidence: evidence(`${plural(v.issues.length, 'break')} in the chain`, v.issues, counts) };
    },
  },
  {
    id: 'audit.anchor',
    area: 'audit',
    title: 'Checkpoints are anchored outside the database, signed with a key kept elsewhere',
    weight: 2,
    inspected: [
      'anchor file: signed checkpoints',
      'config: audit.anchorPath',
      'config: audit.signingKeyPath, audit.signingKeyEnv',
    ],
    remediation:
      'Keep the anchor file (audit.anchorPath) on another volume or append-only, and the signing key outside dataDir (audit.signingKeyPath or audit.signingKeyEnv).',
    run: ({ s }) => {
      const bad = unreadable(s);
      if (bad) return bad;
      const a = facts(s);
      const counts = { anchored: a.anchor.checkpoints, records: a.records };
      const unanchored = a.anchor.checkpoints === 0 && a.records > 0;
      // Checkpoints of records a retention prune deleted are not counted (gather.ts).
      const anchored = `${plural(a.anchor.checkpoints, 'checkpoint')} of the records in the log anchored in ${a.anchor.path}${
        unanchored ? ` (the log started at ${a.anchor.pendingSince}: its first checkpoint is not due yet)` : ''
      }`;
      if (unanchored && !firstCheckpointDue(s, a.anchor.pendingSince))
        return {
          status: 'fail',
          evidence: evidence(
            `no signed checkpoint of the records in the log in the anchor file ${a.anchor.path}: a truncated tail cannot be detected`,
            undefined,
            counts,
          ),
        };
      if (a.signingKeyInsideDataDir)
        return {
          status: 'warn',
          evidence: evidence(`${anchored}, but the signing key lives inside dataDir`, undefined, counts),
        };
      return {
        status: 'pass',
        evidence: evidence(`${anchored}; signing key outside dataDir`, undefined, counts),
      };
    },
  },
  {
    id: 'audit.sink',
    area: 'audit',
    title: 'Records are shipped to a sink (SIEM)',
    weight: 2,
    inspected: ['config: audit.sinks', 'audit log: sink delivery status'],
    remediation:
      'Add an audit sink (syslog with TLS, webhook or file shipped by your log agent) so a copy of every record lives outside this host.',
    run: ({ s }) => {
      const sinks = s.config.audit.sinks;
      if (sinks.length === 0)
        return { status: 'fail', evidence: evidence('no audit.sinks: the only copy of the log is on this host') };
      const items = sinks.map(
        (k, i) =>
          `${k.name ?? `${k.type}#${i + 1}`}: ${k.type}${k.type === 'syslog' ? ` ${k.host}:${k.port}${k.tls ? ' (TLS)' : ''}` : k.type === 'webhook' ? ` ${new URL(k.url).origin}` : ''}`,
      );
      const status = 'error' in s.audit ? undefined : s.audit.sinkStatus;
      const failing = (status ?? []).filter((x) => !x.ok);
      if (failing.length > 0)
        return {
          status: 'warn',
          evidence: evidence(
            `${plural(failing.length, 'sink')} failing to deliver`,
            [...items, ...failing.map((f) => `${f.name}: ${f.detail ?? 'failing'}`)],
            { sinks: sinks.length, failing: failing.length },
          ),
        };
      return {
        status: 'pass',
        evidence: evidence(`${plural(sinks.length, 'sink')} configured${status ? ', all delivering' : ''}`, items, {
          sinks: sinks.length,
        }),
      };
    },
  },
];
