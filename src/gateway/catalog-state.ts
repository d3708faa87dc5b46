import { buildCatalog, type Catalog } from '../backends/catalog.js';
import type { Backend } from '../core/backend.js';
import type { ToolDefinition } from '../core/tool.js';
import type { LoadedConfig } from '../config/load.js';
import type { Pinning } from '../pins/index.js';
import type { GatewayEvents } from './gateway.js';

export interface CatalogState {
  current: () => Catalog;
  /** Builds the catalog anew from the backends' tools (never per request: on a tools change or a reload). */
  rebuild: () => void;
}

/**
 * The catalog the gateway serves, rebuilt from every backend's tools: namespaced, classified, pinned, signed. Tools
 * newly quarantined by a critical poisoning finding are logged and announced once; every rebuild is announced.
 */
export function createCatalogState(deps: {
  backends: () => Backend[];
  config: () => LoadedConfig;
  pins: Pinning;
  /** Whether the pins are loaded: until then nothing is served (fail closed). */
  pinsLoaded: () => boolean;
  /** Signs a served definition; absent: served unsigned. */
  sign?: () => ((d: ToolDefinition) => ToolDefinition) | undefined;
  /** Drops what was derived from the old catalog (compiled schemas, decisions). */
  invalidate: () => void;
  onQuarantined: GatewayEvents['toolQuarantined'];
  onChanged: () => void;
  log: (msg: string) => void;
}): CatalogState {
  let catalog: Catalog = buildCatalog([]);
  let quarantined = new Set<string>();
  return {
    current: () => catalog,
    rebuild() {
      deps.invalidate();
      const { pins } = deps;
      // Until the pins are loaded nothing is served (fail closed): a backend that connects early waits for them.
      const sign = deps.sign?.();
      catalog = buildCatalog(deps.pinsLoaded() || !pins.enabled() ? deps.backends() : [], deps.config().config.risk, {
        pin: pins.hook(),
        ...(sign ? { sign } : {}),
      });
      for (const name of catalog.collisions()) deps.log(`tool name collision on "${name}": both tools withheld`);
      const nowQuarantined = new Set<string>();
      for (const e of catalog.all()) {
        if (!e.quarantined || e.pin?.state === 'quarantined') continue; // pin quarantines are recorded by src/pins/
        nowQuarantined.add(e.name);
        if (quarantined.has(e.name)) continue;
        deps.log(
          `tool ${e.name} quarantined: ${e.findings
            .filter((f) => f.severity === 'critical')
            .map((f) => f.message)
            .join('; ')}`,
        );
        deps.onQuarantined({ tool: e.name, backend: e.backend.name, findings: e.findings });
      }
      quarantined = nowQuarantined;
      deps.onChanged();
    },
  };
}
