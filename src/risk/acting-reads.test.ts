/**
 * Eighteenth round, `high` rated `low` (ADR 0008, docs/risk.md), on invented tools: a GET whose path parameter picks
 * the action (`/vms/{id}/{action}` with restart, power-off…) acts, whatever its method; a GraphQL document is caller-
 * written code in a query language, as SQL is. A GET whose action parameter lists only reads stays a read, and a
 * search box named `query` is no query language.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { api, mcpSource as mcp, str, toolDef as def } from './test-support/schema-builders.js';

const actionField = (values: string[], description = ''): Record<string, unknown> => ({
  type: 'string',
  enum: values,
  description,
});

describe('a GET that acts', () => {
  it('an action path parameter whose enum or description holds lifecycle or delete verbs is a change', () => {
    const power = classifyTool(
      def('serverAction', 'Perform an action on a server.', {
        serverId: str(),
        action: actionField(['restart', 'poweroff'], 'Action to perform'),
      }),
      api('GET', '/servers/{serverId}/{action}', 'serverAction'),
    );
    expect(power.sideEffect).not.toBe('none');
    expect(power.level).toBe('high');
    const wipe = classifyTool(
      def('GET /disks/{disk}/{command}', 'Perform a command on a disk.\n\nAllowed commands are wipe, eject.', {
        disk: str(),
        command: str('The command to perform'),
      }),
      api('GET', '/disks/{disk}/{command}', ''),
    );
    expect(wipe.sideEffect).not.toBe('none');
    expect(wipe.categories).toContain('destructive');
  });

  it('an action parameter listing only reads, or an ordinary path parameter, leaves the GET a read', () => {
    const view = classifyTool(
      def('reportView', 'Show a report.', { id: str(), action: actionField(['show', 'export']) }),
      api('GET', '/reports/{id}/{action}', 'reportView'),
    );
    expect(view.sideEffect).toBe('none');
    const item = classifyTool(
      def('getTask', 'Get a task. Tasks can be restarted from the UI.', { taskId: str() }),
      api('GET', '/tasks/{taskId}', 'getTask'),
    );
    expect(item.sideEffect).toBe('none');
  });
});

describe('GraphQL is a query language', () => {
  it('a tool that runs a caller-written GraphQL document is code execution', () => {
    const run = classifyTool(
      def('graphql_query', 'Query a GraphQL API with a document and its variables.', {
        query: str(),
        variables: str(),
      }),
      mcp,
    );
    expect(run.categories).toContain('code-execution');
    expect(run.level).toBe('high');
  });

  it('a search query is no query language', () => {
    const search = classifyTool(def('search_docs', 'Search the documentation.', { query: str('Search text') }), mcp);
    expect(search.categories).not.toContain('code-execution');
    expect(search.level).toBe('low');
  });
});
