import { createAuditLog, createAuditRecordSink, type AuditLog } from '../audit/index.js';
import type { LoadedConfig } from '../config/load.js';
import { createSqliteStore } from '../storage/sqlite/sqlite-store.js';
import type { Store } from '../storage/repositories.js';
import { auditOptionsOf, secretValuesOf } from './audit-options.js';
import { createGateway, type Gateway } from './gateway.js';
import { openSecretResolver } from '../vault/index.js';

export interface Booted {
  gw: Gateway;
  audit: AuditLog;
  store: Store;
  close(): Promise<void>;
}

/**
 * Composition root shared by `serve`, `demo` and `stdio`: the store, the audit log (decision records go there,
 * intent durably before execution), the gateway and its backends, connected in parallel.
 */
export async function bootGateway(
  loaded: LoadedConfig,
  opts: { stdio?: boolean; log: (m: string) => void; auditNewLog?: boolean },
): Promise<Booted> {
  const { log } = opts;
  const store = createSqliteStore(loaded.dataDir);
  const ref: { gw?: Gateway } = {};
  const secrets = openSecretResolver(loaded.config.vault, { dataDir: loaded.dataDir, baseDir: loaded.baseDir });
  const secretValues = secretValuesOf(() => ref.gw?.config() ?? loaded, process.env, secrets);
  let audit: AuditLog;
  try {
    audit = await createAuditLog({
      ...auditOptionsOf(loaded, { ...opts, ...(opts.auditNewLog ? { startNewLog: true } : {}) }),
      secretValues,
    });
  } catch (e) {
    store.close();
    throw e;
  }
  const gw = createGateway(loaded, {
    store,
    log,
    secretValues: secretValuesOf(() => ref.gw?.config() ?? loaded, process.env, secrets, { onlySecretHeaders: true }),
    secrets,
    records: createAuditRecordSink(audit, {
      onError: (e) => log(`audit: outcome not recorded: ${(e as Error).message}`),
    }),
    onEvent: (event) =>
      void audit.append(event).catch((e: unknown) => log(`audit: ${event.type} not recorded: ${(e as Error).message}`)),
  });
  ref.gw = gw;
  gw.on('toolQuarantined', (q) =>
    gw.recordEvent({
      type: 'tool.quarantined',
      tool: q.tool,
      backend: q.backend,
      reasons: q.findings.filter((f) => f.severity === 'critical').map((f) => f.message),
    }),
  );
  await gw.start();
  return {
    gw,
    audit,
    store,
    async close() {
      await gw.close();
      await audit.close();
      store.close();
    },
  };
}
