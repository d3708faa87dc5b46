/**
 * Capability links (capability-links.ts, ADR 0008): a temporary link, a download limited in time and a unique link a
 * read hands back are bearer credentials: holding the link grants access. A unique URL set up for something, a token
 * available for some days and a download link with no limit are not. Invented tools.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { classifyOperation, mcpSource, str, toolDef } from './test-support/schema-builders.js';

describe('capability links are bearer credentials', () => {
  it('a temporary link, a time-limited download or a returned unique link', () => {
    const results = [
      classifyOperation('GET /jobs/{id}/output', 'getJobOutput', 'Returns a temporary job output archive url', {
        id: str(),
      }),
      classifyOperation(
        'GET /exports/{id}',
        'getExport',
        'Fetch a download link for an export. Once ready, the export is available for download for 48 hours.',
        { id: str() },
      ),
      classifyTool(
        toolDef('get_statement_link', "Return the unique url to the customer's statement", { statement: str() }),
        mcpSource,
      ),
    ];
    for (const a of results) {
      expect(a.categories, a.reasons.join(' | ')).toContain('credential-access');
      expect(a.level).toBe('high');
      expect(a.sideEffect).toBe('none');
    }
  });

  it('a unique URL set up, a token kept for days or an unlimited download link are not', () => {
    const results = [
      classifyOperation(
        'GET /namespaces/{name}',
        'getNamespace',
        'Get the namespace that gives your registry a unique URL',
        {
          name: str(),
        },
      ),
      classifyOperation(
        'GET /tables/{id}/consistency',
        'getConsistencyInfo',
        'Returns a check id, available for 90 days',
        {
          id: str(),
        },
      ),
      classifyTool(
        toolDef('list_attachments', 'List attachments with their file name, size and download URL', {}),
        mcpSource,
      ),
    ];
    for (const a of results) expect(a.categories, a.reasons.join(' | ')).not.toContain('credential-access');
  });
});
