/**
 * Ingesting and bootstrapping create (lexicon.ts, ADR 0008, thirty-second round): ingesting takes content into a store
 * (a search index, a vector database, a memory), bootstrapping sets a system or project up for the first time, as init
 * does. Both are changes, not reads, whatever read verb the description uses around them. Invented tools.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { classifyOperation, mcpSource, str, toolDef } from './test-support/schema-builders.js';

describe('ingesting and bootstrapping are changes', () => {
  it('ingesting a file or page into an index stores it', () => {
    const results = [
      classifyTool(
        toolDef('ingest_document', 'Ingest a document into the search index so it can be searched later.', {
          path: str('Absolute path of the document'),
        }),
        mcpSource,
      ),
      classifyOperation('POST /kb/ingest', 'ingestPage', 'Fetch a page and find its headings for the knowledge base.', {
        pageId: str(),
      }),
    ];
    for (const a of results) {
      expect(a.sideEffect, a.reasons.join(' | ')).toBe('data-change');
      expect(a.level).toBe('medium');
    }
  });

  it('bootstrapping a system or a project sets it up', () => {
    const a = classifyTool(
      toolDef('scheduler_bootstrap', 'Check that no scheduler configuration exists first; only for a first set-up.', {
        projectPath: str('Project directory'),
      }),
      mcpSource,
    );
    expect(a.sideEffect, a.reasons.join(' | ')).toBe('data-change');
  });

  it('reading what was ingested, or a bootstrap resource, stays a read', () => {
    const results = [
      classifyTool(toolDef('list_ingested_files', 'List the files ingested into the index.', {}), mcpSource),
      classifyOperation('GET /clusters/{id}/bootstrap-actions', 'ListBootstrapActions', 'Lists bootstrap actions.', {
        id: str(),
      }),
    ];
    for (const a of results) expect(a.sideEffect, a.reasons.join(' | ')).toBe('none');
  });
});
