import type { Backend } from '../core/backend.js';
import type { BackendTool, ToolDefinition } from '../core/tool.js';
import { namespacedName } from './naming.js';

export interface CatalogEntry {
  /** Namespaced name agents see. */
  name: string;
  backend: Backend;
  localName: string;
  /** The definition served to agents (namespaced name). */
  definition: ToolDefinition;
  source: BackendTool['source'];
}

export interface Catalog {
  get(name: string): CatalogEntry | undefined;
  entries(): readonly CatalogEntry[];
  /** Names that two tools mapped to; both are withheld (never one silently shadowing the other). */
  collisions(): readonly string[];
}

/** Builds the namespaced tool catalog from the backends' current tool lists. Pure; rebuilt on change. */
export function buildCatalog(backends: readonly Backend[]): Catalog {
  const map = new Map<string, CatalogEntry>();
  const clashes = new Set<string>();
  for (const b of backends) {
    for (const t of b.tools()) {
      const name = namespacedName(b.name, t.localName);
      if (map.has(name) || clashes.has(name)) {
        map.delete(name);
        clashes.add(name);
        continue;
      }
      map.set(name, { name, backend: b, localName: t.localName, definition: { ...t.definition, name }, source: t.source });
    }
  }
  const list = [...map.values()];
  return { get: (n) => map.get(n), entries: () => list, collisions: () => [...clashes] };
}
