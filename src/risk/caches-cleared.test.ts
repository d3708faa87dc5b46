/**
 * Caches cleared (caches-cleared.ts, ADR 0008): clearing, flushing, refreshing or invalidating a cache loses no data
 * that cannot be fetched or computed again: a plain change. Deleting a cache resource by HTTP DELETE, purging, or loss
 * wording keep `destructive`. Invented tools.
 */
import { describe, expect, it } from 'vitest';
import { classifyTool } from './classify.js';
import { classifyOperation, mcpSource, str, toolDef } from './test-support/schema-builders.js';

describe('clearing a cache destroys nothing kept', () => {
  it('clearing, flushing or invalidating a cache is a plain change', () => {
    const results = [
      classifyTool(toolDef('flush_template_cache', 'Flush the template cache.', {}), mcpSource),
      classifyTool(
        toolDef('thumbnails_invalidate_cache', 'Invalidate cached thumbnails.', { album: str() }),
        mcpSource,
      ),
      classifyOperation('POST /sites/{id}/cache/clear', 'clearSiteCache', 'Clears the cache of a site.', { id: str() }),
    ];
    for (const a of results) {
      expect(a.categories, a.reasons.join(' | ')).not.toContain('destructive');
      expect(a.sideEffect).toBe('data-change');
      expect(a.level).toBe('medium');
    }
  });

  it('an HTTP DELETE of a cache, a purge, or loss wording stays destructive', () => {
    const results = [
      classifyOperation('DELETE /projects/{id}/build-cache', 'deleteBuildCache', 'Deletes the build cache.', {
        id: str(),
      }),
      classifyTool(toolDef('purge_cache', 'Purge the cache.', {}), mcpSource),
      classifyTool(toolDef('clear_cache', 'Clear the cache. Cached results are permanently lost.', {}), mcpSource),
    ];
    for (const a of results) expect(a.categories, a.reasons.join(' | ')).toContain('destructive');
  });
});
