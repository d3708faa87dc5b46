/**
 * `${secret:NAME}` references in config strings (OpenAPI credentials, upstream MCP env and headers). They are
 * kept as references in the config and resolved only on the outbound path, at call time (or, for a stdio
 * upstream's environment, when the process is spawned or respawned), so a rotated secret needs no restart.
 * Every value resolved is remembered (bounded) so results, errors and audit records can be scanned for it.
 */
import type { SecretProvider } from './providers.js';

const REF = /\$\{secret:([A-Za-z_][A-Za-z0-9_.-]{0,127})\}/g;

export class SecretReferenceError extends Error {
  override readonly name = 'SecretReferenceError';
}

export function hasSecretRef(text: string): boolean {
  return new RegExp(REF.source).test(text);
}

export function secretRefNames(text: string): string[] {
  return [...text.matchAll(new RegExp(REF.source, 'g'))].map((m) => m[1]!);
}

export interface SecretResolver {
  /** Replaces every `${secret:NAME}` in `text`; an unknown name or a provider failure throws. */
  resolve(text: string): Promise<string>;
  /** Values resolved so far (the live ones first), for leak scanning and audit redaction. */
  known(): Iterable<string>;
  /**
   * A number that changes whenever the set `known()` yields changes (a value resolved for the first time, or one
   * dropped past the bound); a value resolved again moves in `known()`'s order without changing it. Callers that
   * keep a copy of the values read it before each use and copy again when it moved (ADR 0017, Decision 30).
   */
  generation(): number;
}

const MAX_KNOWN = 1024;

export function createSecretResolver(
  provider: SecretProvider,
  opts: { onAccess?: (name: string) => void } = {},
): SecretResolver {
  const known = new Map<string, true>();
  let generation = 0;
  const remember = (v: string): void => {
    // Counted before the value is returned to the caller, so no request carries a value the count has not seen.
    if (!known.delete(v)) generation++;
    known.set(v, true);
    if (known.size > MAX_KNOWN) known.delete(known.keys().next().value!);
  };
  return {
    async resolve(text) {
      const names = secretRefNames(text);
      if (names.length === 0) return text;
      const values = new Map<string, string>();
      for (const n of new Set(names)) {
        const v = await provider.get(n);
        if (v === undefined) throw new SecretReferenceError(`secret ${n} is not set (provider: ${provider.kind})`);
        remember(v);
        opts.onAccess?.(n);
        values.set(n, v);
      }
      return text.replace(new RegExp(REF.source, 'g'), (_m, n: string) => values.get(n)!);
    },
    known: () => [...known.keys()].reverse(),
    generation: () => generation,
  };
}
