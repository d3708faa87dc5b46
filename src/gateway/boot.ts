import { createAuditLog, type AuditLog } from '../audit/index.js';
import { createAuditRecordSink } from './record-sink.js';
import type { LoadedConfig } from '../config/load.js';
import { openStores } from '../storage/open-stores.js';
import type { Stores } from '../storage/repositories.js';
import { auditOptionsOf, secretValuesOf } from './audit-options.js';
import { createGateway, type Gateway } from './gateway.js';
import { createSecretAccessRecorder, openSecretResolver } from '../vault/index.js';
import type { GatewayMetrics } from '../observability/metrics.js';
import type { RecordSink } from '../pipeline/stage.js';
import { createApprovalService, type ApprovalService } from '../approvals/service.js';
import type { BaseCall } from '../pipeline/call.js';
import type { PipelineObserver } from '../pipeline/observer.js';
import { createNotifier, type Notifier } from '../notify/index.js';
import { openToolSigning, type ToolSigning } from '../signing/index.js';
import { openLimitStore } from '../limits/open-store.js';

export interface Booted {
  gw: Gateway;
  audit: AuditLog;
  store: Stores;
  approvals: ApprovalService;
  /** Where links in approval notifications point (set once the listener knows its URL). */
  setLinkBase(url: string): void;
  /** Outgoing notifications over `notifications.channels` (read per message, so a reload applies). */
  notifier: Notifier;
  /** Signed tool descriptions: the active key and the published key set. */
  signing: ToolSigning;
  close(): Promise<void>;
}

/**
 * Composition root shared by `serve`, `demo` and `stdio`: the store, the audit log (decision records go there,
 * intent durably before execution), the gateway and its backends, connected in parallel.
 */
export async function bootGateway(
  loaded: LoadedConfig,
  opts: {
    stdio?: boolean;
    log: (m: string) => void;
    auditNewLog?: boolean;
    metrics?: GatewayMetrics;
    observer?: PipelineObserver<BaseCall>;
  },
): Promise<Booted> {
  const { log } = opts;
  const store = await openStores(loaded);
  const ref: { gw?: Gateway } = {};
  // secret.accessed: the first use of each secret at once, then one counted record per secret per minute.
  const accesses = createSecretAccessRecorder((e) => ref.gw?.recordEvent(e), {
    provider: loaded.config.vault.provider,
  });
  let secrets: Awaited<ReturnType<typeof openSecretResolver>>;
  try {
    secrets = await openSecretResolver(
      loaded.config.vault,
      { dataDir: loaded.dataDir, baseDir: loaded.baseDir, log },
      store.secrets,
      (name) => accesses.accessed(name),
    );
  } catch (e) {
    await store.close();
    throw e;
  }
  let limitStore: Awaited<ReturnType<typeof openLimitStore>>;
  try {
    limitStore = await openLimitStore(loaded.config.limits.store, log);
  } catch (e) {
    await store.close();
    throw e;
  }
  const secretValues = secretValuesOf(() => ref.gw?.config() ?? loaded, process.env, secrets);
  let audit: AuditLog;
  let signing: ToolSigning;
  // A rotation seen before the gateway exists is recorded once it does (later ones at once).
  type Rotation = { kid: string; previousKid: string };
  const early: Rotation[] = [];
  let rotated = (r: Rotation): void => void early.push(r);
  try {
    // Fail closed: a gateway configured to sign never starts serving unsigned definitions.
    signing = await openToolSigning(loaded, {
      store: store.pins,
      secrets,
      log,
      onRotated: (r) => rotated(r),
    });
  } catch (e) {
    await limitStore?.close();
    await store.close();
    throw e;
  }
  try {
    audit = await createAuditLog({
      ...auditOptionsOf(loaded, { ...opts, ...(opts.auditNewLog ? { startNewLog: true } : {}) }),
      secretValues,
      storage: store.audit,
    });
  } catch (e) {
    await limitStore?.close();
    await store.close();
    throw e;
  }
  const observe = (sink: RecordSink): RecordSink => opts.metrics?.observeRecords(sink) ?? sink;
  let linkBase: string | undefined;
  const notifierRef: { current?: Notifier } = {};
  const approvals = createApprovalService({
    store,
    append: async (e, o) => void (await audit.append(e, o)),
    redact: (args) => audit.redactArguments(args),
    people: () => (ref.gw?.config() ?? loaded).config.users,
    // The notifier needs the gateway (it records deliveries), so it is made after it; requests come later still.
    notifier: () => notifierRef.current,
    linkBase: () => linkBase,
    log,
  });
  // A request left `executing` by a process that stopped is closed, never run again.
  const interrupted = await approvals.recover({ all: store.kind === 'sqlite' });
  if (interrupted > 0)
    log(`approvals: ${interrupted} approved call(s) were running when the gateway stopped; not run again`);
  const sweep = setInterval(() => {
    approvals.sweep().catch((e: unknown) => log(`approvals: timeout sweep failed: ${(e as Error).message}`));
  }, 1000);
  sweep.unref();
  const gw = createGateway(loaded, {
    store,
    log,
    ...(limitStore ? { limitStore } : {}),
    signing,
    approvals,
    secretValues: secretValuesOf(() => ref.gw?.config() ?? loaded, process.env, secrets, { onlySecretHeaders: true }),
    secrets,
    ...(opts.observer ? { observer: opts.observer } : {}),
    records: observe(
      createAuditRecordSink(audit, {
        onError: (e) => log(`audit: outcome not recorded: ${(e as Error).message}`),
      }),
    ),
    onEvent: (event) =>
      void audit.append(event).catch((e: unknown) => log(`audit: ${event.type} not recorded: ${(e as Error).message}`)),
  });
  ref.gw = gw;
  rotated = (r): void => gw.recordEvent({ type: 'signing.key.rotated', detail: { ...r, via: 'gateway' } });
  early.splice(0).forEach(rotated);
  const notifier: Notifier = createNotifier(
    {
      resolve: (text) => secrets.resolve(text),
      onEvent: (e) => {
        if (e.type === 'retrying')
          return log(`notify: ${e.channel}: ${e.kind} ${e.id}: attempt ${e.attempt} failed (${e.reason}); retrying`);
        if (e.type === 'failed')
          log(`notify: ${e.channel}: ${e.kind} ${e.id} not delivered after ${e.attempts} attempt(s): ${e.reason}`);
        gw.recordEvent({
          type: e.type === 'delivered' ? 'notification.delivered' : 'notification.failed',
          ...(e.kind.startsWith('approval.') ? { approvalId: e.id } : {}),
          detail: {
            channel: e.channel,
            kind: e.kind,
            id: e.id,
            delivery: e.delivery,
            attempts: e.attempts,
            ...(e.type === 'failed' ? { reason: e.reason } : {}),
          },
        });
      },
    },
    { channels: () => gw.config().config.notifications.channels },
  );
  notifierRef.current = notifier;
  gw.on('toolQuarantined', (q) =>
    gw.recordEvent({
      type: 'tool.quarantined',
      tool: q.tool,
      backend: q.backend,
      reasons: q.findings.filter((f) => f.severity === 'critical').map((f) => f.message),
    }),
  );
  opts.metrics?.watchBackends(() => gw.backends().map((b) => b.status()));
  await gw.start();
  return {
    gw,
    audit,
    store,
    approvals,
    setLinkBase: (url) => void (linkBase = url),
    notifier,
    signing,
    async close() {
      clearInterval(sweep);
      approvals.close();
      await notifier.close();
      await gw.close();
      accesses.close();
      await audit.close();
      await store.close();
    },
  };
}
