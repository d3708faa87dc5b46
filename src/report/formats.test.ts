import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildDeploymentReport, buildInventoryReport } from './build.js';
import { toMarkdown } from './format-md.js';
import { gradeOf, scoreOf } from './score.js';
import { auditFacts, bareDemoYaml, demoTools, hardenedYaml, NOW, snapshotOf } from './test-support/fixtures.js';
import type { ToolFacts } from './snapshot.js';
import type { CheckResult, Report } from './types.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;
const schema = JSON.parse(readFileSync(new URL('../../schema/report.schema.json', import.meta.url), 'utf8')) as object;
const validate = addFormats(new Ajv2020({ allErrors: true, strict: true, strictRequired: false })).compile(schema);

let tools: ToolFacts[];
let deployment: Report;
beforeAll(async () => {
  tools = await demoTools();
  deployment = buildDeploymentReport(
    snapshotOf(bareDemoYaml, tools, {
      acknowledgements: [
        {
          id: 'a1',
          checkId: 'audit.sink',
          reason: 'SIEM | arrives in Q3',
          by: 'alice',
          createdAt: NOW,
          expiresAt: '2026-09-01T00:00:00.000Z',
        },
      ],
      history: [{ at: '2026-05-01T00:00:00.000Z', score: 40, grade: 'F', areas: { audit: 20 } }],
    }),
    { portcullisVersion: '1.2.3' },
  );
});

describe('JSON', () => {
  it('a deployment report validates against schema/report.schema.json', () => {
    expect(validate(JSON.parse(JSON.stringify(deployment))), JSON.stringify(validate.errors)).toBe(true);
    expect(deployment.history?.at(-1)).toMatchObject({ at: NOW, score: deployment.score!.value });
  });

  it('an inventory report (the funnel) validates too, and has no score', () => {
    const r = buildInventoryReport(tools, { spec: 'billing.json' }, NOW, { portcullisVersion: '1.2.3' });
    expect(validate(JSON.parse(JSON.stringify(r))), JSON.stringify(validate.errors)).toBe(true);
    expect(r.score).toBeUndefined();
    expect(r.checks.map((c) => c.id)).toEqual([
      'inventory.descriptions',
      'inventory.poisoning',
      'risk.financial',
      'risk.administrative',
      'risk.destructive',
      'risk.credential-access',
    ]);
    expect(r.inventory.byBackend).toEqual({
      billing: { low: 3, medium: 4, high: 6 },
      helpdesk: { low: 2, medium: 2, high: 1 },
    });
  });

  it('the schema refuses what the report never emits', () => {
    const bad = JSON.parse(JSON.stringify(deployment)) as { checks: { status: string }[]; score?: unknown };
    bad.checks[0]!.status = 'ok';
    expect(validate(bad)).toBe(false);
    delete bad.score;
    bad.checks[0]!.status = 'pass';
    expect(validate(bad)).toBe(false); // a deployment report needs its score
  });
});

describe('score', () => {
  const check = (
    weight: 1 | 2 | 3,
    status: CheckResult['status'],
    area: CheckResult['area'] = 'audit',
  ): CheckResult => ({
    id: `audit.c${Math.random()}`,
    area,
    title: 't',
    weight,
    status,
    evidence: { summary: 's' },
    inspected: [],
    remediation: 'r',
  });

  it('is 100 × earned / possible over applicable checks (pass 1, warn ½, fail 0)', () => {
    // earned 3 + 1 + 0 = 4 of 3 + 2 + 1 = 6 → 67; the n/a weight counts for nothing.
    const s = scoreOf([check(3, 'pass'), check(2, 'warn'), check(1, 'fail'), check(3, 'not_applicable', 'risk')]);
    expect(s.value).toBe(67);
    expect(s.grade).toBe('D');
    expect(s.areas.audit).toEqual({ score: 67, weight: 6, pass: 1, warn: 1, fail: 1, notApplicable: 0 });
    expect(s.areas.risk).toEqual({ score: null, weight: 0, pass: 0, warn: 0, fail: 0, notApplicable: 1 });
  });

  it('grades at 90/80/70/60', () => {
    expect([100, 90, 89, 80, 79, 70, 69, 60, 59, 0].map(gradeOf).join('')).toBe('AABBCCDDFF');
  });
});

describe('Markdown', () => {
  it('shows the score, every check with its evidence, remediation and acknowledgement, the inventory and the trend', () => {
    const md = toMarkdown(deployment);
    expect(md).toContain(`## Score: ${deployment.score!.value}/100 (grade ${deployment.score!.grade})`);
    for (const c of deployment.checks) expect(md).toContain(`\`${c.id}\``);
    expect(md).toContain('### FAIL `audit.sink`');
    expect(md).toContain('Remediation: Add an audit sink');
    expect(md).toContain('Acknowledged by alice on 2026-06-01, expires 2026-09-01: SIEM \\| arrives in Q3');
    expect(md).toMatch(
      /\| billing_createRefund \| billing \| high \| destructive, financial \| irreversible \| none \| ops-agent \|/,
    );
    expect(md).toContain('| 2026-05-01T00:00:00.000Z | 40 | F |');
  });

  it('a hardened deployment has nothing to remediate in the sections that pass', () => {
    const md = toMarkdown(
      buildDeploymentReport(snapshotOf(hardenedYaml, tools, { audit: auditFacts() }), { portcullisVersion: 'x' }),
    );
    expect(md).toContain('### PASS `audit.sink`');
  });
});
