import { beforeAll, describe, expect, it } from 'vitest';
import { buildDeploymentReport } from './build.js';
import {
  auditFacts,
  bareDemoYaml,
  demoTools,
  halfYaml,
  hardenedYaml,
  NOW,
  snapshotOf,
} from './test-support/fixtures.js';
import type { DeploymentSnapshot, ToolFacts } from './snapshot.js';
import type { CheckStatus, Report, ReportArea } from './types.js';
import type { ApiKeyRecord } from '../storage/repositories.js';

let tools: ToolFacts[];
beforeAll(async () => {
  tools = await demoTools();
});

const key = (id: string, agent: string, createdAt: string, kind: 'agent' | 'user' = 'agent'): ApiKeyRecord => ({
  id,
  kind,
  agent,
  hash: 'ab'.repeat(32),
  createdAt,
});

/** The three deployments of the acceptance table. */
const scenarios: Record<string, () => DeploymentSnapshot> = {
  // `portcullis demo` right after start: fresh keys, an empty audit log, nothing else configured.
  'bare demo': () =>
    snapshotOf(bareDemoYaml, tools, {
      keys: [key('k1', 'support-bot', '2026-05-31T00:00:00Z'), key('k2', 'ops-agent', '2026-05-31T00:00:00Z')],
      audit: auditFacts({
        records: 0,
        toolCalls: 0,
        callsWithUser: 0,
        approvalEvents: 0,
        verify: { ok: true, records: 0, checkpoints: 0, issues: [] },
        anchor: { path: '/demo/data.audit-anchor.jsonl', checkpoints: 0 },
        signingKeyInsideDataDir: true,
      }),
      secrets: [],
    }),
  hardened: () =>
    snapshotOf(hardenedYaml, tools, {
      keys: [key('k1', 'alice', '2026-04-01T00:00:00Z', 'user')],
      audit: auditFacts({
        calledByAgent: {
          'support-bot': ['billing_listInvoices', 'helpdesk_get_ticket', 'helpdesk_list_tickets'],
          'ops-agent': ['billing_createRefund', 'helpdesk_close_ticket', 'helpdesk_create_ticket'],
          'billing-admin': ['billing_createAdminUser', 'billing_deleteAdminUser', 'billing_listAdminUsers'],
        },
        sinkStatus: [{ name: 'syslog', ok: true }],
      }),
      secrets: [
        { name: 'BILLING_KEY', version: 3, updatedAt: '2026-05-01T00:00:00Z' },
        { name: 'HELPDESK_TOKEN', version: 2, updatedAt: '2026-04-20T00:00:00Z' },
      ],
      history: [{ at: '2026-05-25T00:00:00Z', score: 88, grade: 'B', areas: {} }],
    }),
  // TLS on every interface and a file sink, but API keys only, a "*" grant, a literal token, old keys.
  'half-configured': () =>
    snapshotOf(halfYaml, tools, {
      keys: [
        key('k1', 'support-bot', '2026-01-10T00:00:00Z'),
        key('k2', 'ops-agent', '2026-05-20T00:00:00Z'),
        key('k3', 'old-bot', '2026-05-01T00:00:00Z'),
      ],
      audit: auditFacts({
        callsWithUser: 0,
        calledByAgent: { 'support-bot': ['helpdesk_list_tickets'] },
        anchor: { path: '/srv/portcullis/data.audit-anchor.jsonl', checkpoints: 4 },
        signingKeyInsideDataDir: true,
        leaks: { count: 2, where: ['helpdesk_get_ticket'] },
      }),
      secrets: [{ name: 'BILLING_KEY', version: 1, updatedAt: '2025-12-01T00:00:00Z' }],
      history: [{ at: '2026-03-01T00:00:00Z', score: 55, grade: 'F', areas: {} }],
    }),
};

const statuses = (r: Report): Record<string, CheckStatus> => Object.fromEntries(r.checks.map((c) => [c.id, c.status]));
const report = (s: DeploymentSnapshot) => buildDeploymentReport(s, { portcullisVersion: 'test' });

const P = 'pass';
const W = 'warn';
const F = 'fail';
const NA = 'not_applicable';

/** Expected status of every check, and the score, per deployment. */
const expected: Record<string, { score: number; grade: string; statuses: Record<string, CheckStatus> }> = {
  'bare demo': {
    score: 53,
    grade: 'F',
    statuses: {
      'authentication.sso': F,
      'authentication.user-identity': F,
      'authentication.transport': P,
      'authentication.key-age': P,
      'authentication.unused-keys': P,
      'inventory.descriptions': P,
      'inventory.owners': F,
      'inventory.reviewed': F,
      'inventory.poisoning': P,
      'risk.financial': P,
      'risk.administrative': P,
      'risk.destructive': P,
      'risk.credential-access': NA,
      'permissions.wildcards': W,
      'permissions.least-privilege': W,
      'permissions.visibility': P,
      'permissions.sensitive-hidden': P,
      'approvals.financial': F,
      'approvals.delete': F,
      'approvals.administrative': NA,
      'approvals.threshold': F,
      'approvals.waivers': F,
      'audit.calls-logged': P,
      'audit.approval-decisions': NA,
      'audit.retention': F,
      'audit.chain': P,
      'audit.anchor': W,
      'audit.sink': F,
      'credentials.vault': W,
      'credentials.echo': P,
      'credentials.rotation': NA,
      'reports.generated': W,
      'reports.reviewed': F,
      'reports.remediation': NA,
    },
  },
  hardened: {
    score: 97,
    grade: 'A',
    statuses: {
      'authentication.sso': P,
      'authentication.user-identity': P,
      'authentication.transport': P,
      'authentication.key-age': P,
      'authentication.unused-keys': P,
      'inventory.descriptions': P,
      'inventory.owners': P,
      'inventory.reviewed': F,
      'inventory.poisoning': P,
      'risk.financial': P,
      'risk.administrative': P,
      'risk.destructive': P,
      'risk.credential-access': NA,
      'permissions.wildcards': P,
      'permissions.least-privilege': P,
      'permissions.visibility': P,
      'permissions.sensitive-hidden': P,
      'approvals.financial': P,
      'approvals.delete': P,
      'approvals.administrative': P,
      'approvals.threshold': P,
      'approvals.waivers': P,
      'audit.calls-logged': P,
      'audit.approval-decisions': P,
      'audit.retention': P,
      'audit.chain': P,
      'audit.anchor': P,
      'audit.sink': P,
      'credentials.vault': P,
      'credentials.echo': P,
      'credentials.rotation': P,
      'reports.generated': P,
      'reports.reviewed': P,
      'reports.remediation': NA,
    },
  },
  'half-configured': {
    score: 54,
    grade: 'F',
    statuses: {
      'authentication.sso': F,
      'authentication.user-identity': F,
      'authentication.transport': P,
      'authentication.key-age': F,
      'authentication.unused-keys': F,
      'inventory.descriptions': P,
      'inventory.owners': W,
      'inventory.reviewed': F,
      'inventory.poisoning': P,
      'risk.financial': P,
      'risk.administrative': P,
      'risk.destructive': P,
      'risk.credential-access': NA,
      'permissions.wildcards': F,
      'permissions.least-privilege': W,
      'permissions.visibility': P,
      'permissions.sensitive-hidden': P,
      'approvals.financial': NA,
      'approvals.delete': NA,
      'approvals.administrative': NA,
      'approvals.threshold': NA,
      'approvals.waivers': NA,
      'audit.calls-logged': P,
      'audit.approval-decisions': P,
      'audit.retention': F,
      'audit.chain': P,
      'audit.anchor': W,
      'audit.sink': P,
      'credentials.vault': F,
      'credentials.echo': W,
      'credentials.rotation': F,
      'reports.generated': W,
      'reports.reviewed': F,
      'reports.remediation': NA,
    },
  },
};

describe('deployments produce the expected statuses and score', () => {
  for (const [name, build] of Object.entries(scenarios)) {
    it(name, () => {
      const r = report(build());
      expect(statuses(r)).toEqual(expected[name]!.statuses);
      expect({ score: r.score!.value, grade: r.score!.grade }).toEqual({
        score: expected[name]!.score,
        grade: expected[name]!.grade,
      });
      // Deterministic: the same snapshot gives the same report.
      expect(report(build())).toEqual(r);
    });
  }
});

interface Mutation {
  name: string;
  /** The control changed: every check whose status changes must say it inspects it. */
  control: string;
  yaml?: (y: string) => string;
  snapshot?: (s: DeploymentSnapshot) => void;
  changes: string[];
}

const replace = (from: string, to: string) => (y: string) => {
  if (!y.includes(from)) throw new Error(`fixture has no ${from}`);
  return y.replace(from, to);
};

/** One control changed on the hardened deployment at a time. */
const mutations: Mutation[] = [
  {
    name: 'retention removed',
    control: 'config: audit.retention',
    yaml: replace('  retention: { maxAgeDays: 400 }\n', ''),
    changes: ['audit.retention'],
  },
  {
    name: 'sink removed',
    control: 'config: audit.sinks',
    yaml: replace('  sinks:\n    - { type: syslog, host: siem.example.com, port: 6514, tls: true }\n', ''),
    changes: ['audit.sink'],
  },
  {
    name: 'listener on every interface without TLS',
    control: 'config: server.host',
    yaml: replace('host: 127.0.0.1', 'host: 0.0.0.0'),
    changes: ['authentication.transport', 'reports.reviewed'],
  },
  {
    name: 'owners removed',
    control: 'config: owners',
    yaml: replace(
      'owners:\n  "helpdesk_*": support-platform@example.com\n  "billing_*": finance-platform@example.com\n',
      '',
    ),
    changes: ['inventory.owners'],
  },
  {
    name: 'refund approval rule removed',
    control: 'config: policy.rules (effect: hold',
    // (and the default approval for critical categories switched off, which would hold the refunds otherwise)
    yaml: (y) =>
      y
        .replace(/ {4}- id: refunds-above-100\n(?: {6}.*\n)+/, '')
        .replace('policy:\n', 'policy:\n  approvals: { categories: [] }\n'),
    changes: [
      'approvals.financial',
      'approvals.delete',
      'approvals.threshold',
      'approvals.waivers',
      'reports.reviewed',
    ],
  },
  {
    name: 'audit fails open',
    control: 'config: audit.failMode',
    yaml: replace('audit:\n', 'audit:\n  failMode: open\n'),
    changes: ['audit.calls-logged', 'reports.reviewed'],
  },
  {
    name: 'a literal credential',
    control: 'config (raw)',
    yaml: replace('HELPDESK_TOKEN: "${secret:HELPDESK_TOKEN}"', 'HELPDESK_TOKEN: "hd-0123456789abcdef"'),
    changes: ['credentials.vault', 'reports.reviewed'],
  },
  {
    name: 'chain broken',
    control: 'audit log: hash chain',
    snapshot: (s) => {
      (s.audit as { verify: unknown }).verify = {
        ok: false,
        records: 120,
        checkpoints: 4,
        issues: ['seq 7: hash: edited'],
      };
    },
    changes: ['audit.chain', 'reports.reviewed'],
  },
  {
    name: 'an old key',
    control: 'store: api keys',
    snapshot: (s) => void s.keys.push(key('k9', 'support-bot', '2025-01-01T00:00:00Z')),
    changes: ['authentication.key-age'],
  },
  {
    name: 'a secret echo',
    control: 'audit log: secret.leak.redacted',
    snapshot: (s) => void ((s.audit as { leaks: unknown }).leaks = { count: 1, where: ['helpdesk_get_ticket'] }),
    changes: ['credentials.echo'],
  },
  {
    name: 'an old vault secret',
    control: 'vault: secret metadata',
    snapshot: (s) =>
      void (s.secrets as { updatedAt: string }[]).splice(0, 1, {
        name: 'BILLING_KEY',
        version: 1,
        updatedAt: '2025-01-01T00:00:00Z',
      } as never),
    changes: ['credentials.rotation'],
  },
];

describe('changing one control changes exactly the checks that read it', () => {
  const base = () => scenarios.hardened!();
  for (const m of mutations) {
    it(m.name, () => {
      const before = report(base());
      const s = m.yaml ? { ...base(), ...reparse(m.yaml(hardenedYaml)) } : base();
      m.snapshot?.(s);
      const after = report(s);
      const a = statuses(before);
      const b = statuses(after);
      const changed = Object.keys(a).filter((id) => a[id] !== b[id]);
      expect(changed.sort()).toEqual([...m.changes].sort());
      for (const id of changed) {
        if (id === 'reports.reviewed') continue; // reads the other checks' results
        expect(after.checks.find((c) => c.id === id)!.inspected.join(' | ')).toContain(m.control);
      }
      // And the checks that do not read the control kept their status.
      for (const c of after.checks.filter((c) => !c.inspected.some((i) => i.startsWith(m.control))))
        if (c.id !== 'reports.reviewed') expect([c.id, b[c.id]]).toEqual([c.id, a[c.id]]);
    });
  }
});

function reparse(yaml: string): Pick<DeploymentSnapshot, 'config' | 'rawConfig'> {
  const s = snapshotOf(yaml, []);
  return { config: s.config, rawConfig: s.rawConfig };
}

describe('acknowledgements', () => {
  it('show on the check and make the review pass without changing the deployment areas; expired ones fail remediation', () => {
    const s = scenarios['half-configured']!();
    const plain = report(s);
    const acks = [
      {
        id: 'a1',
        checkId: 'authentication.sso',
        reason: 'IdP rollout in Q3',
        by: 'alice',
        createdAt: '2026-05-01T00:00:00Z',
        expiresAt: '2026-09-01T00:00:00Z',
      },
      {
        id: 'a2',
        checkId: 'credentials.vault',
        reason: 'token moves to the vault next sprint',
        by: 'alice',
        createdAt: '2026-04-01T00:00:00Z',
        expiresAt: '2026-05-15T00:00:00Z',
      },
    ];
    const r = report({ ...s, acknowledgements: acks });
    const sso = r.checks.find((c) => c.id === 'authentication.sso')!;
    expect(sso.status).toBe('fail');
    expect(sso.acknowledgement).toMatchObject({ reason: 'IdP rollout in Q3', by: 'alice', expired: false });
    expect(r.checks.find((c) => c.id === 'credentials.vault')!.acknowledgement?.expired).toBe(true);
    expect(statuses(r)['reports.reviewed']).toBe('fail'); // the expired one no longer counts as reviewed
    expect(statuses(r)['reports.remediation']).toBe('fail');
    // The deployment's areas keep their score: only the review process (the reports area) is measured differently.
    for (const area of Object.keys(r.score!.areas) as ReportArea[])
      if (area !== 'reports') expect(r.score!.areas[area]).toEqual(plain.score!.areas[area]);
    const renewed = report({
      ...s,
      acknowledgements: [
        ...acks,
        { ...acks[1]!, id: 'a3', createdAt: '2026-05-20T00:00:00Z', expiresAt: '2026-07-01T00:00:00Z' },
      ],
    });
    expect(statuses(renewed)['reports.reviewed']).toBe('pass');
    expect(statuses(renewed)['reports.remediation']).toBe('pass');
    expect(renewed.acknowledgements?.map((a) => [a.id, a.expired])).toEqual([
      ['a2', true],
      ['a1', false],
      ['a3', false],
    ]);
  });
});

it('the report is about the instant it was taken', () => {
  expect(report(scenarios.hardened!()).generatedAt).toBe(NOW);
});

describe('approvals read the policy: hold rules, the critical-category default and its waivers', () => {
  const demo = (approvals: string) =>
    report(snapshotOf(bareDemoYaml.replace('  approvals: { categories: [] }\n', approvals), tools));
  const approvalStatuses = (r: Report) =>
    Object.fromEntries(r.checks.filter((c) => c.area === 'approvals').map((c) => [c.id, c.status]));

  it('the default holds the refund (destructive, financial) for every agent that may call it', () => {
    const r = demo('');
    expect(approvalStatuses(r)).toEqual({
      'approvals.financial': 'pass',
      'approvals.delete': 'pass',
      'approvals.administrative': 'not_applicable',
      'approvals.threshold': 'pass',
      'approvals.waivers': 'pass',
    });
    expect(r.inventory.tools.find((t) => t.name === 'billing_createRefund')?.approval).toBe('always');
  });

  it('a waiver lifts it, and the report names the waiver with its reason', () => {
    const r = demo(
      '  approvals:\n    waivers:\n      - { tools: ["billing_createRefund"], reason: "refunds are capped at 500 by rule no-large-refunds" }\n',
    );
    expect(approvalStatuses(r)).toEqual({
      'approvals.financial': 'fail',
      'approvals.delete': 'fail',
      'approvals.administrative': 'not_applicable',
      'approvals.threshold': 'fail',
      'approvals.waivers': 'pass',
    });
    expect(r.checks.find((c) => c.id === 'approvals.waivers')!.evidence.items).toEqual([
      'billing_createRefund → ops-agent: waived by policy.approvals.waivers.0 ("refunds are capped at 500 by rule no-large-refunds")',
      'waiver policy.approvals.waivers.0: billing_createRefund: "refunds are capped at 500 by rule no-large-refunds"',
    ]);
  });
});
