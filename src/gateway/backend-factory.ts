import type { LogFn } from '../observability/logger.js';
import { createMcpUpstream, type UpstreamNotification } from '../backends/mcp/upstream.js';
import { createUpstreamPool } from '../backends/mcp/pool.js';
import { createOpenApiBackend } from '../backends/openapi/index.js';
import type { Backend, BackendCallContext } from '../core/backend.js';
import { GatewayError } from '../core/errors.js';
import type { LoadedConfig } from '../config/load.js';
import type { AuditEventInput } from '../audit/types.js';
import type { ArgsValidator } from '../validation/index.js';
import { createLeakScanner, hasSecretRef, scanJson, type SecretResolver } from '../vault/index.js';

/** One backend the config asks for: the config entry it is built from (compared on reload) and how to build it. */
export interface WantedBackend {
  config: unknown;
  create: () => Backend;
}

export interface BackendFactoryDeps {
  log: LogFn;
  /** Shared argument validator (OpenAPI backends validate with it too). */
  validator: ArgsValidator;
  /** Where `secret.leak.redacted` events go. Never throws. */
  recordEvent: (event: AuditEventInput) => void;
  /** An upstream MCP server's notification, to forward to agents. */
  onNotification: (n: UpstreamNotification) => void;
  /** Credential values by env name (tests); `${secret:NAME}` references go to `secrets`. */
  getCredential?: (name: string) => string | undefined;
  /** Resolves `${secret:NAME}` references on the outbound path. */
  secrets?: SecretResolver;
  /** Every live secret value the gateway holds (kept out of every backend's results). */
  secretValues?: () => Iterable<string>;
}

/**
 * Builds the backends a config asks for, keyed `<kind>:<name>`: upstream MCP servers (one process, or a pool) and
 * OpenAPI backends, each given its credentials on the outbound path only, and each answer scanned for live secrets
 * before an agent sees it.
 */
export function createBackendFactory(deps: BackendFactoryDeps): (cfg: LoadedConfig) => Map<string, WantedBackend> {
  const { log, recordEvent } = deps;
  const envCredential = deps.getCredential ?? ((n: string) => process.env[n]);
  const getCredential = (n: string): string | undefined | Promise<string> => {
    if (!hasSecretRef(n)) return envCredential(n);
    if (!deps.secrets) return Promise.reject(new Error(`${n}: no secret provider configured`));
    return deps.secrets.resolve(n);
  };

  // What an upstream MCP server answers is scanned for every live secret (those it was given in env or headers
  // included) before an agent sees it; a hit is replaced and recorded.
  const leakScanner = createLeakScanner(() => deps.secretValues?.() ?? []);
  const scrubFor =
    (backend: string) =>
    <T>(value: T, ctx: Pick<BackendCallContext, 'requestId'> | undefined, what: string): T => {
      const r = scanJson(leakScanner, value);
      if (!r.finding) return value;
      recordEvent({
        type: 'secret.leak.redacted',
        ...(ctx ? { requestId: ctx.requestId } : {}),
        backend,
        tool: what,
        // A definition (tools/list) is scanned when the upstream lists it, outside any call.
        detail: { where: ctx ? 'response' : 'definition', encodings: r.finding.encodings, count: r.finding.count },
      });
      if (r.value === undefined)
        throw new GatewayError('backend.failed', `upstream "${backend}" answered with a secret value; withheld`);
      return r.value;
    };

  return (cfg) => {
    const m = new Map<string, WantedBackend>();
    for (const [name, u] of Object.entries(cfg.config.upstreams)) {
      m.set(`mcp:${name}`, {
        config: u,
        create: () => {
          const one = (label?: string) =>
            createMcpUpstream(
              name,
              u,
              cfg.baseDir,
              label ? (m, level) => log(`${m} [process ${label}]`, level) : log,
              deps.secrets,
              scrubFor(name),
            );
          // upstreams.<name>.pool: several processes (pool or per agent) behind the one name.
          const up =
            u.transport === 'stdio' && u.pool.mode !== 'shared' ? createUpstreamPool(name, u.pool, one) : one();
          up.onNotification(deps.onNotification);
          return up;
        },
      });
    }
    for (const [name, o] of Object.entries(cfg.config.openapi)) {
      m.set(`openapi:${name}`, {
        config: o,
        create: () =>
          createOpenApiBackend(
            { name, ...o },
            {
              getCredential,
              validator: deps.validator,
              baseDir: cfg.baseDir,
              ...(deps.secretValues ? { otherSecrets: deps.secretValues } : {}),
              onLeak: (l) =>
                recordEvent({
                  type: 'secret.leak.redacted',
                  requestId: l.requestId,
                  backend: l.backend,
                  tool: l.tool,
                  detail: { where: l.where, encodings: l.encodings, count: l.count },
                }),
            },
          ),
      });
    }
    return m;
  };
}
