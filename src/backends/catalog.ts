import type { Backend } from '../core/backend.js';
import type { ToolTarget } from '../core/decision.js';
import type { BackendTool, ToolDefinition } from '../core/tool.js';
import {
  annotationsFor,
  assessInventory,
  riskMeta,
  type Finding,
  type RiskAssessment,
  type RiskConfig,
} from '../risk/index.js';
import { namespacedName } from './naming.js';

export interface CatalogEntry {
  /** Namespaced name agents see. */
  name: string;
  backend: Backend;
  localName: string;
  /** The definition served to agents: namespaced name, annotations from the assessment, risk under `_meta`. */
  definition: ToolDefinition;
  /** The definition as the backend gave it (for scans and the inventory). */
  original: ToolDefinition;
  source: BackendTool['source'];
  risk: RiskAssessment;
  findings: Finding[];
  /** A critical poisoning finding nobody accepted, or a pin quarantine: hidden from every agent and uncallable. */
  quarantined: boolean;
  /** Pinning (src/pins/): the accepted hash, and why the tool is quarantined when its definition changed. */
  pin?: PinState;
}

/** A tool's pin as the catalog and the REST API show it. */
export interface PinState {
  state: 'pinned' | 'quarantined';
  /** SHA-256 of the accepted definition (absent for a new tool that waits for acceptance). */
  hash?: string;
  /** While quarantined: the hash of the definition the backend offers now, and why it is withheld. */
  pendingHash?: string;
  reason?: string;
}

/** Pinning and signing, plugged in by the gateway (both optional: a bare catalog serves what backends offer). */
export interface CatalogHooks {
  /** The pin verdict for an offered definition; `definition` (pinned fields) is what is served when pinned. */
  pin?(name: string, backend: Backend, offered: ToolDefinition): PinState & { definition?: ToolDefinition };
  /** Signs a served definition (adds the signature under `_meta`); called only for servable tools. */
  sign?(served: ToolDefinition): ToolDefinition;
}

/** What policy decides on for a catalog tool (listing mode: no arguments). */
export function toolTargetOf(e: CatalogEntry): ToolTarget {
  return {
    kind: 'tool',
    name: e.name,
    backend: e.backend.name,
    risk: { level: e.risk.level, categories: e.risk.categories, sideEffect: e.risk.sideEffect },
  };
}

export interface Catalog {
  /** A servable tool (never a quarantined one). */
  get(name: string): CatalogEntry | undefined;
  /** Servable tools. */
  entries(): readonly CatalogEntry[];
  /** Every tool, quarantined ones included (inventory, report, admin API). */
  all(): readonly CatalogEntry[];
  /** Names that two tools mapped to; both are withheld (never one silently shadowing the other). */
  collisions(): readonly string[];
}

/**
 * Builds the namespaced, risk-assessed tool catalog from the backends' current tool lists. Pure; rebuilt when a
 * backend's tools change, never per request.
 */
export function buildCatalog(backends: readonly Backend[], riskConfig?: RiskConfig, hooks: CatalogHooks = {}): Catalog {
  const found = new Map<string, { backend: Backend; tool: BackendTool }>();
  const clashes = new Set<string>();
  for (const b of backends) {
    for (const t of b.tools()) {
      // OpenAPI backends name their tools `<backend>_<operation>` themselves (validated, shortened, stable).
      const name = b.kind === 'openapi' ? t.localName : namespacedName(b.name, t.localName);
      if (found.has(name) || clashes.has(name)) {
        found.delete(name);
        clashes.add(name);
        continue;
      }
      found.set(name, { backend: b, tool: t });
    }
  }
  const assessed = assessInventory(
    [...found.entries()].map(([name, { tool }]) => ({ name, definition: tool.definition, source: tool.source })),
    riskConfig,
  );
  const all: CatalogEntry[] = [];
  for (const [name, { backend, tool }] of found) {
    const a = assessed.get(name)!;
    const original = tool.definition;
    const verdict = hooks.pin?.(name, backend, original);
    const { definition: pinned, ...pin } = verdict ?? {};
    // Served from the accepted (pinned) definition, never from a changed one.
    const base = pinned ?? original;
    const annotations = {
      ...(base.annotations?.title ? { title: base.annotations.title } : {}),
      ...annotationsFor(a.risk),
    };
    const quarantined = a.quarantined || verdict?.state === 'quarantined';
    const served: ToolDefinition = {
      ...base,
      name,
      annotations,
      _meta: { ...base._meta, ...riskMeta(a.risk, a.findings) },
    };
    all.push({
      name,
      backend,
      localName: tool.localName,
      original,
      source: tool.source,
      risk: a.risk,
      findings: a.findings,
      quarantined,
      ...(verdict ? { pin: pin as PinState } : {}),
      definition: !quarantined && hooks.sign ? hooks.sign(served) : served,
    });
  }
  const servable = all.filter((e) => !e.quarantined);
  const map = new Map(servable.map((e) => [e.name, e]));
  return { get: (n) => map.get(n), entries: () => servable, all: () => all, collisions: () => [...clashes] };
}
