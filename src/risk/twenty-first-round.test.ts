/**
 * The twenty-first round's classes (ADR 0008), each on invented tools: a link whose expiry the description states is a
 * bearer link (a capability URL), so reading it is credential access.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { classifyOperation, mcpSource, obj, str, toolDef } from './test-support/schema-builders.js';

describe('a link whose expiry is stated is a bearer link', () => {
  it('a read returning a link and saying when the link expires is credential-access, high', () => {
    const signing = classifyOperation(
      'POST /signing-sessions/lookup',
      'LookupSigningSessions',
      'Finds the signing sessions of a contract. Each session contains a signer page url and the time at which the link expires.',
      { contractId: str() },
    );
    expect(signing.sideEffect).toBe('none');
    expect(signing.categories).toContain('credential-access');
    expect(signing.level).toBe('high');
    const shared = classifyTool(
      toolDef('get_share', 'Get a shared folder. The URL expires after 24 hours; anyone with it can open the folder.', {
        share_id: str(),
      }),
      mcpSource,
    );
    expect(shared.categories).toContain('credential-access');
    expect(shared.level).toBe('high');
    const field = classifyOperation(
      'GET /exports/{id}',
      'getExport',
      'Get an export',
      { id: str() },
      { outputSchema: obj({ id: str(), href: str("Where to fetch the file; see the link's expiry time.") }) },
    );
    expect(field.categories).toContain('credential-access');
  });

  it('an expiry that is not a link, or a link with no expiry, is no bearer link', () => {
    const domain = classifyOperation(
      'GET /domains/{name}',
      'getDomain',
      "Get a domain: its nameservers and the registration's expiry date.",
      {
        name: str(),
      },
    );
    expect(domain.categories).not.toContain('credential-access');
    expect(domain.level).toBe('low');
    const link = classifyOperation(
      'GET /links/{id}',
      'getLink',
      'Get a short link: its title, target url and click count.',
      { id: str() },
    );
    expect(link.categories).not.toContain('credential-access');
    expect(link.level).toBe('low');
  });
});

describe("a query tool's own read-only guarantee lowers its side effect, nothing weaker does", () => {
  const sqlInput = { sql: str('The SQL to run') };

  it('a read-only statement, a READ ONLY transaction or SQL SELECT only: side effect none, still code execution, high', () => {
    for (const description of [
      'Runs a read-only SQL query on the reporting warehouse and returns the rows.',
      'Executes the given SQL inside a read-only transaction; the database refuses writes.',
      'Execute an SQL SELECT statement against the analytics replica.',
      'Runs only SELECT on the configured schema.',
    ]) {
      const a = classifyTool(toolDef('run_sql', description, sqlInput), mcpSource);
      expect(a.sideEffect, description).toBe('none');
      expect(a.categories, description).toContain('code-execution');
      expect(a.level, description).toBe('high');
      expect(a.reasons.join(' | '), description).toMatch(/guarantees a read-only query/);
    }
  });

  it('a weaker claim, a write statement, a taken-back guarantee or a command is not lowered', () => {
    for (const [name, description, input] of [
      ['run_sql', 'Read-only helper; runs the given SQL.', sqlInput],
      ['run_sql', 'Runs a SQL SELECT, INSERT or UPDATE statement.', sqlInput],
      ['run_sql', 'Runs a read-only SQL query; this is a guardrail, not a sandbox.', sqlInput],
      ['run_sql', 'Runs a read-only SQL query, then permanently purges the staging rows.', sqlInput],
      ['delete_rows', 'Runs a read-only SQL query to pick the rows, then deletes them.', sqlInput],
      ['run_command', 'Runs a read-only query command on the host.', { command: str('Shell command') }],
    ] as const) {
      const a = classifyTool(toolDef(name, description, input), mcpSource);
      expect(a.sideEffect, description).not.toBe('none');
      expect(a.level, description).toBe('high');
    }
    const hinted = classifyTool(
      toolDef('run_sql', 'Runs a read-only SQL query.', sqlInput, { annotations: { readOnlyHint: false } }),
      mcpSource,
    );
    expect(hinted.sideEffect).not.toBe('none');
  });
});

describe('stored code the platform runs: build/start commands, a script with its trigger event', () => {
  it("a create's build or start command, or a stored script beside its trigger, is code-execution, high", () => {
    const app = classifyTool(
      toolDef('create_app', 'Create an app from a repository', {
        name: str(),
        repo: str(),
        buildCommand: str('How to build it'),
      }),
      mcpSource,
    );
    expect(app.categories).toContain('code-execution');
    expect(app.level).toBe('high');
    const worker = classifyOperation('POST /workers', 'addWorker', 'Add a worker', {
      name: str(),
      start_command: str(),
    });
    expect(worker.categories).toContain('code-execution');
    const snippet = classifyOperation('POST /storefront/snippets', 'createSnippet', '', {
      snippet: obj({ script: str('Snippet body'), trigger_event: str('When it runs'), pages: str() }),
    });
    expect(snippet.categories).toContain('code-execution');
    expect(snippet.level).toBe('high');
  });

  it('a command that is no build or start stage, or a stored script with no trigger, is not', () => {
    const bot = classifyTool(
      toolDef('create_bot', 'Create a chat bot', { name: str(), slashCommand: str('The slash command users type') }),
      mcpSource,
    );
    expect(bot.categories).not.toContain('code-execution');
    const page = classifyOperation('POST /pages', 'createPage', '', {
      page: obj({ title: str(), script: str('Screenplay text') }),
    });
    expect(page.categories).not.toContain('code-execution');
  });
});
