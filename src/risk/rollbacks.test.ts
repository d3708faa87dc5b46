/**
 * Rolling back a commit, a migration or a configuration undoes changes and deploys nothing (rollbacks.ts). Invented
 * tools.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { classifyOperation, mcpSource, str, toolDef } from './test-support/schema-builders.js';

describe('rollbacks of a history', () => {
  it('rolling a configuration back to a commit, or a schema migration down, is destructive, not infrastructure', () => {
    const config = classifyTool(
      toolDef('config_rollback', 'Rollback the router configuration to a given commit.', { commit: str() }),
      mcpSource,
    );
    const migration = classifyTool(
      toolDef('rollback_migration', 'Roll back the latest schema migration of a database.', {
        database: str(),
        migration: str(),
      }),
      mcpSource,
    );
    for (const a of [config, migration]) {
      expect(a.categories, a.reasons.join(' | ')).toEqual(['destructive']);
      expect(a.level, a.reasons.join(' | ')).toBe('high');
    }
  });

  it('a rollback recorded as a new commit is a plain change', () => {
    const a = classifyTool(
      toolDef(
        'rollback_notebook',
        "Rollback a notebook to a specific commit. Creates a new 'revert' commit, so the rollback can be undone.",
        { notebook: str(), commit: str() },
      ),
      mcpSource,
    );
    expect(a.sideEffect, a.reasons.join(' | ')).toBe('data-change');
    expect(a.categories, a.reasons.join(' | ')).toEqual([]);
    expect(a.level, a.reasons.join(' | ')).toBe('medium');
  });

  it('rolling back a deployment, a release or a transaction keeps its reading', () => {
    const deployment = classifyOperation(
      'POST /deployments/{id}/rollback',
      'rollbackDeployment',
      'Rolls a deployment back to the release of a previous commit.',
      { id: str(), commit: str() },
    );
    expect(deployment.categories, deployment.reasons.join(' | ')).toContain('infrastructure');
    const transaction = classifyTool(
      toolDef('rollback_transaction', 'Rollback the active transaction of a schema session.', { session: str() }),
      mcpSource,
    );
    expect(transaction.categories, transaction.reasons.join(' | ')).not.toContain('destructive');
  });
});
