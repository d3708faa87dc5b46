import { describe, expect, it } from 'vitest';
import type { ToolSource } from '../core/tool.js';
import { annotationsFor, riskMeta, riskMetaKey } from './annotations.js';
import { classifyTool } from './classify.js';
import type { RiskAssessment } from './types.js';

const mcp: ToolSource = { kind: 'mcp', server: 's' };
const a = (name: string, description?: string): RiskAssessment =>
  classifyTool({ name, inputSchema: { type: 'object' }, ...(description ? { description } : {}) }, mcp);

describe('annotationsFor', () => {
  it('read-only tools are read-only and idempotent', () => {
    expect(annotationsFor(a('list_issues'))).toMatchObject({
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
    });
  });
  it('deletes are destructive and idempotent', () => {
    expect(annotationsFor(a('delete_branch'))).toMatchObject({
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: true,
    });
  });
  it('purely additive creates are the only writes claimed non-destructive', () => {
    expect(annotationsFor(a('create_issue'))).toMatchObject({
      readOnlyHint: false,
      destructiveHint: false,
      idempotentHint: false,
    });
    expect(annotationsFor(a('create_or_update_file')).destructiveHint).toBe(true);
    expect(annotationsFor(a('update_issue')).destructiveHint).toBe(true);
    expect(annotationsFor(a('send_email')).destructiveHint).toBe(true);
    expect(annotationsFor(a('create_refund')).destructiveHint).toBe(true);
  });
  it('sends are not idempotent; open world unless local', () => {
    expect(annotationsFor(a('send_email'))).toMatchObject({ idempotentHint: false, openWorldHint: true });
    expect(annotationsFor(a('read_file')).openWorldHint).toBe(false);
  });
  it('an assessment without hints is treated conservatively', () => {
    const bare: RiskAssessment = { level: 'medium', categories: [], sideEffect: 'data-change', reasons: ['pinned'] };
    expect(annotationsFor(bare)).toEqual({
      readOnlyHint: false,
      destructiveHint: true,
      idempotentHint: false,
      openWorldHint: true,
    });
  });
});

describe('riskMeta', () => {
  it('carries the assessment, findings and override under io.portcullis/risk', () => {
    const assessment: RiskAssessment = { ...a('delete_branch'), override: { reason: 'reviewed' } };
    const meta = riskMeta(assessment, [{ severity: 'low', kind: 'oversize-description', message: 'long' }]);
    expect(Object.keys(meta)).toEqual([riskMetaKey]);
    expect(meta[riskMetaKey]).toMatchObject({
      level: 'high',
      sideEffect: 'irreversible',
      categories: ['destructive'],
      override: { reason: 'reviewed' },
      findings: [{ severity: 'low', kind: 'oversize-description', message: 'long' }],
    });
  });
});
