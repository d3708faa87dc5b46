import type { Principal } from '../core/principal.js';
import type { ToolDefinition } from '../core/tool.js';
import type { FrontDoorPort } from './port.js';

/** A principal's visible tools and their JSON (the `tools` array as served). */
export interface ToolList {
  tools: ToolDefinition[];
  json: string;
  /**
   * Every output schema (if any) has an object root. Otherwise the SDK's 2025 wire rewrites those schemas on the way
   * out, and the fast path leaves such lists to it.
   */
  objectOutputs: boolean;
}

/** Principals remembered at most (a bound: a gateway with more distinct callers re-serialises more often). */
const MAX_ENTRIES = 1000;

/**
 * tools/list answers per principal (ADR 0017). Which tools a principal sees is decided on every request, by the
 * same policy filter as always (`listTools`: it may depend on time or on conditions the policy does not cache);
 * what is cached is the serialisation, the expensive part for large catalogs: it is reused only when the visible
 * list is the very same definitions, in the same order, as when it was serialised. Catalog rebuilds (upstream
 * changes, pins, policy or config reloads) build new definition objects and also clear the cache outright.
 */
export function createToolListCache(gw: Pick<FrontDoorPort, 'listTools' | 'onToolsChanged'>) {
  const byPrincipal = new Map<string, ToolList>();
  gw.onToolsChanged(() => byPrincipal.clear());
  const keyOf = (p: Principal) => `${p.method}\u0000${p.agent}\u0000${p.user ?? ''}`;
  const same = (a: readonly ToolDefinition[], b: readonly ToolDefinition[]) =>
    a.length === b.length && a.every((t, i) => t === b[i]);
  return {
    list(principal: Principal): ToolList {
      const tools = gw.listTools(principal);
      const key = keyOf(principal);
      const hit = byPrincipal.get(key);
      if (hit && same(hit.tools, tools)) return hit;
      const entry = {
        tools,
        json: JSON.stringify(tools),
        objectOutputs: tools.every((t) => t.outputSchema === undefined || t.outputSchema.type === 'object'),
      };
      if (byPrincipal.size >= MAX_ENTRIES) byPrincipal.clear();
      byPrincipal.set(key, entry);
      return entry;
    },
    size: () => byPrincipal.size,
  };
}

export type ToolListCache = ReturnType<typeof createToolListCache>;
