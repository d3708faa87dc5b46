import { beforeAll, describe, expect, it } from 'vitest';
import { buildDeploymentReport } from './build.js';
import { auditFacts, demoTools, hardenedYaml, NOW, snapshotOf } from './test-support/fixtures.js';
import type { ToolFacts } from './snapshot.js';

/**
 * States a running deployment passes through on its own, which a report built at that moment must not count as
 * findings. (A checkpoint committed while the chain is verified: src/report/chain-race.test.ts.)
 */
let tools: ToolFacts[];
beforeAll(async () => {
  tools = await demoTools();
});

const ago = (ms: number) => new Date(Date.parse(NOW) - ms).toISOString();
const anchorCheck = (pendingSince: string | undefined, checkpoints = 0) => {
  const report = buildDeploymentReport(
    snapshotOf(hardenedYaml, tools, {
      audit: auditFacts({
        records: 3,
        anchor: { path: '/srv/anchor/audit-anchor.jsonl', checkpoints, ...(pendingSince ? { pendingSince } : {}) },
      }),
    }),
    { portcullisVersion: 'test' },
  );
  return { check: report.checks.find((c) => c.id === 'audit.anchor')!, score: report.score!.value };
};

describe('audit.anchor on a new deployment', () => {
  it('records younger than the checkpoint interval (plus slack) and none anchored yet: the first checkpoint is due', () => {
    const due = anchorCheck(ago(800)); // the hardened config checkpoints every 1000 ms (the default)
    expect(due.check.status).toBe('pass');
    expect(due.check.evidence.summary).toContain('its first checkpoint is not due yet');
    // The score is the one the deployment gets once the checkpoint is anchored.
    expect(due.score).toBe(anchorCheck(undefined, 1).score);
  });

  it('records older than that and still no anchored checkpoint: the anchor is missing', () => {
    const late = anchorCheck(ago(1000 + 10_001));
    expect(late.check.status).toBe('fail');
    expect(late.check.evidence.summary).toContain('a truncated tail cannot be detected');
    expect(anchorCheck(undefined).check.status).toBe('fail'); // the log's start unknown: never assumed in flight
  });
});
