import type { AuditEventInput } from '../audit/types.js';
import type { CatalogHooks, PinState } from '../backends/catalog.js';
import type { JsonObject, ToolDefinition } from '../core/tool.js';
import type { PinsConfig } from './config-schema.js';
import type { DefinitionChange } from './definition.js';
import { createPinRegistry, type PinEvent, type PinRegistry, type PinVerdict } from './registry.js';
import type { PinRepository } from './store.js';

const clip = (v: unknown): unknown => {
  if (v === undefined) return undefined;
  const s = JSON.stringify(v);
  return s.length <= 500 ? v : `${s.slice(0, 500)}… (${s.length} chars)`;
};

/** Changes as the audit record carries them: at most 20, long values clipped. */
export function changesDetail(changes: readonly DefinitionChange[]): JsonObject[] {
  return changes.slice(0, 20).map((c) => ({
    path: c.path,
    ...(c.before !== undefined ? { before: clip(c.before) } : {}),
    ...(c.after !== undefined ? { after: clip(c.after) } : {}),
  }));
}

/** A pin event as an audit event (`tool.pinned`, `prompt.quarantined` ...). */
export function pinAuditEvent(e: PinEvent, via?: 'api' | 'cli'): AuditEventInput {
  return {
    type: `${e.kind}.${e.type}`,
    ...(e.kind === 'tool' ? { tool: e.name } : {}),
    backend: e.backend,
    ...(e.user ? { user: e.user } : {}),
    reasons: e.reasons,
    detail: {
      kind: e.kind,
      name: e.name,
      hash: e.hash,
      ...(e.previousHash ? { previousHash: e.previousHash } : {}),
      ...(e.changes ? { changes: changesDetail(e.changes), changeCount: e.changes.length } : {}),
      ...(via ? { via } : {}),
    },
  };
}

export const stateOf = (v: PinVerdict): PinState =>
  v.state === 'pinned'
    ? { state: 'pinned', hash: v.hash }
    : { state: 'quarantined', ...(v.hash ? { hash: v.hash } : {}), pendingHash: v.pendingHash, reason: v.reason };

export interface Pinning {
  registry: PinRegistry;
  /** Prompt pinning for the resource router (undefined verdict when `pins.enabled` is false). */
  prompt: (
    name: string,
    server: string,
    offered: JsonObject,
  ) => { served: JsonObject } | { withheld: string } | undefined;
  /** The catalog hook (undefined when `pins.enabled` is false). */
  hook(): CatalogHooks['pin'];
  enabled(): boolean;
}

/**
 * The gateway's pinning: a registry over the store whose events go to the audit log and whose changes rebuild the
 * catalog. Upstream signature checks (src/signing/) run before the pin: a definition that fails them is quarantined
 * whatever its pin says.
 */
export function createPinning(deps: {
  store: PinRepository;
  config: () => PinsConfig;
  recordEvent(e: AuditEventInput): void;
  rebuild(): void;
  log(msg: string): void;
  /** Checks an upstream's signature on an offered definition; returns why it fails, or undefined. */
  upstreamSignature?: (backend: string, offered: JsonObject) => string | undefined;
}): Pinning {
  const registry = createPinRegistry(
    {
      store: deps.store,
      onEvent: (e) => {
        if (e.type === 'quarantined') deps.log(`${e.kind} ${e.name} quarantined: ${e.reasons.join('; ')}`);
        deps.recordEvent(pinAuditEvent(e, e.type === 'accepted' ? 'api' : undefined));
      },
      onChange: () => deps.rebuild(),
      log: (m) => deps.log(m),
    },
    () => ({ newTools: deps.config().newTools, refreshMs: deps.config().refreshMs }),
  );
  const signatureFailures = new Map<string, string>();
  const pin: NonNullable<CatalogHooks['pin']> = (name, backend, offered) => {
    const bad = deps.upstreamSignature?.(backend.name, offered as unknown as JsonObject);
    if (bad) {
      if (signatureFailures.get(name) !== bad) {
        signatureFailures.set(name, bad);
        deps.log(`tool ${name} quarantined: ${bad}`);
        deps.recordEvent({ type: 'tool.quarantined', tool: name, backend: backend.name, reasons: [bad] });
      }
      const known = registry.get('tool', name)?.hash;
      return { state: 'quarantined', ...(known ? { hash: known } : {}), reason: bad };
    }
    signatureFailures.delete(name);
    const v = registry.check('tool', name, backend.name, offered as unknown as JsonObject);
    return v.state === 'pinned' ? { ...stateOf(v), definition: v.definition as unknown as ToolDefinition } : stateOf(v);
  };
  return {
    registry,
    prompt(name, server, offered) {
      if (!deps.config().enabled) return undefined;
      const v = registry.check('prompt', name, server, offered);
      return v.state === 'pinned' ? { served: v.definition } : { withheld: v.reason };
    },
    enabled: () => deps.config().enabled,
    hook: () => (deps.config().enabled ? pin : undefined),
  };
}
