/**
 * Sites read through a crawler (crawler-sites.ts, ADR 0008): a read tool of a crawling or scraping MCP server, named
 * after another site, fetches from that site on the caller's credits: `external`. The server's own tools, names led by
 * a verb, the service's own records and changes keep their reading. Invented tools.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { str, toolDef } from './test-support/schema-builders.js';

const crawler = { kind: 'mcp', server: '@acme/sitecrawl-mcp' } as const;

describe('sites read through a crawler', () => {
  it('a read named after another site reaches it through the crawler', () => {
    const results = [
      classifyTool(toolDef('youtube_get_channel', 'Get a channel by its handle', { handle: str() }), crawler),
      classifyTool(toolDef('hackernews_search_stories', 'Search stories by keyword', { q: str() }), crawler),
      classifyTool(toolDef('mastodon_list_followers', 'List the followers of an account', { account: str() }), {
        kind: 'mcp',
        server: 'webscraper-tools',
      }),
    ];
    for (const a of results) {
      expect(a.sideEffect, a.reasons.join(' | ')).toBe('external');
      expect(a.level).not.toBe('low');
      expect(a.reasons.join(' | ')).toMatch(/crawler server/);
    }
  });

  it("the server's own tools, verb-led names, its own records and other servers stay local reads", () => {
    const results = [
      classifyTool(toolDef('sitecrawl_search_index', 'Search the index of saved pages', { q: str() }), crawler),
      classifyTool(toolDef('get_crawl_status', 'Get the status of a crawl', { id: str() }), crawler),
      classifyTool(toolDef('jobs_list', 'List your jobs and their state', {}), crawler),
      classifyTool(toolDef('credits_get', 'Get the remaining credits', {}), crawler),
      classifyTool(toolDef('youtube_get_channel', 'Get a channel by its handle', { handle: str() }), {
        kind: 'mcp',
        server: 'video-notes',
      }),
    ];
    for (const a of results) expect(a.sideEffect, a.reasons.join(' | ')).toBe('none');
  });

  it('a change keeps its side effect', () => {
    const a = classifyTool(
      toolDef('youtube_update_playlist', 'Update a playlist title', { id: str(), title: str() }),
      crawler,
    );
    expect(a.sideEffect, a.reasons.join(' | ')).toBe('data-change');
  });
});
