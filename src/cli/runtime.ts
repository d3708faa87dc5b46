import { readFileSync } from 'node:fs';
import { ConfigError, formatIssue } from '../config/errors.js';
import { configWarnings } from '../config/warnings.js';
import type { LoadedConfig } from '../config/load.js';
import { loadConfigSettled } from '../config/settled-load.js';
import { watchConfig } from '../config/watch.js';
import { keepRestartOnly, restartOnlyChanges, withOverrides, type ServerOverrides } from '../config/restart-only.js';
import { createAuthFailureAggregator, handleAuditApi, type AuthFailureInfo } from '../audit/index.js';
import { bootGateway } from '../gateway/boot.js';
import type { Gateway } from '../gateway/gateway.js';
import { startHttpFront, type HttpFront } from '../front/http-server.js';
import { createHealthRoutes } from '../http/health.js';
import { createAdminApi } from '../http/admin-api.js';
import { createDashboard } from '../dashboard/dashboard.js';
import { handleAuditVerify } from '../dashboard/audit-verify.js';
import { checkListenable, listenError } from './listen-preflight.js';
import { createGatewayMetrics, metricsRoute } from '../observability/metrics.js';
import { openVault } from '../vault/index.js';
import { startProcessTelemetry } from '../observability/process-telemetry.js';
import { handleSecretsApi } from '../vault/rest.js';
import { handleReportApi } from '../report/rest.js';
import { generateReport } from '../report/service.js';
import { createVerifyCache } from '../report/verify-cache.js';
import { startScoreRecorder } from '../report/recorder.js';
import type { Report } from '../report/types.js';
import { packageVersion } from './version.js';
import { exitWhenStopped } from './exit.js';
import { approvalsRoutes } from '../approvals/rest.js';
import { signingKeysRoute } from '../signing/index.js';

export interface Running {
  gw: Gateway;
  front: HttpFront;
  /** Generates the security report of this deployment and stores its score. */
  report(): Promise<Report>;
  stop(): Promise<void>;
}

const NOT_GUESSES = new Set([
  'missing',
  'jwks-unavailable',
  'verification-failed',
  'introspection-unavailable',
  'store-unavailable',
]);
const countsAsGuess = (reason: string) => !NOT_GUESSES.has(reason);

/** Boots a gateway from a loaded config: store, audit log, backends (in parallel), HTTP front door, hot reload. */
export async function runGateway(
  loaded: LoadedConfig,
  opts: {
    watch?: boolean;
    auditNewLog?: boolean;
    /** How often the score recorder looks (tests). */ scoreCheckMs?: number;
    /** `serve --port` / `--host`: already applied to `loaded`, and applied to every reloaded file too. */
    overrides?: ServerOverrides;
  } = {},
): Promise<Running> {
  const { host, port } = loaded.config.server;
  await checkListenable(host, port);
  // JSON log lines on stderr (pino); stdout stays for the "listening on" line and the audit stdout sink.
  const telemetry = startProcessTelemetry(loaded.config);
  const { log, warn } = telemetry;
  /** The config text running now (a change of the file back to it is nothing to reload). */
  let appliedText = readFileSync(loaded.file, 'utf8');
  for (const w of configWarnings(loaded.file, appliedText, loaded.config)) warn(`warning: ${formatIssue(w)}`);
  const metrics = loaded.config.server.metrics ? createGatewayMetrics() : undefined;
  let booted: Awaited<ReturnType<typeof bootGateway>>;
  try {
    booted = await bootGateway(loaded, {
      log,
      ...(opts.auditNewLog ? { auditNewLog: true } : {}),
      ...(metrics ? { metrics } : {}),
      ...(telemetry.observer ? { observer: telemetry.observer } : {}),
    });
  } catch (e) {
    await telemetry.stop();
    throw e;
  }
  const { gw, audit } = booted;
  for (const b of gw.backends()) {
    const s = b.status();
    log(
      `backend ${s.name} (${s.kind}): ${s.state}${s.state === 'ready' ? `, ${s.toolCount} tool(s)` : s.lastError ? ` - ${s.lastError}` : ''}`,
    );
  }
  // One record per source per interval (plus the first at once), so a flood of bad keys cannot fill the disk.
  const authFailures = createAuthFailureAggregator((e) => gw.recordEvent(e));
  const authFailed = (info: AuthFailureInfo) => {
    authFailures.report(info);
    // The failed-attempt budget of the source: the attempt that spends it is recorded once as auth.throttled. A
    // request without credentials guesses nothing, and one we could not check (503) is not the caller's failure.
    if (!countsAsGuess(info.reason)) return;
    void countFailedAuth(gw.limits.failedAuth, info.sourceAddress, {
      onThrottled: () => {
        const f = gw.config().config.limits.failedAuth;
        gw.recordEvent({
          type: 'auth.throttled',
          reasons: [`failed authentication budget (${f.limit} per ${f.per}) spent; source refused until it refills`],
          ...(info.sourceAddress ? { sourceAddress: info.sourceAddress } : {}),
        });
      },
      warn,
    });
  };
  const health = createHealthRoutes(gw, { audit: () => audit.status() });
  const signingKeys = signingKeysRoute(() => booted.signing);
  const vault = await openVault(
    loaded.config.vault,
    { dataDir: loaded.dataDir, baseDir: loaded.baseDir, log },
    gw.store.secrets,
  );
  const secretChanged = (c: { user: string; secret: string; action: string; version?: number }) =>
    gw.recordEvent({
      type: 'secret.changed',
      user: c.user,
      detail: {
        secret: c.secret,
        action: c.action,
        ...(c.version !== undefined ? { version: c.version } : {}),
        via: 'api',
      },
    });
  // The report verifies the chain on every request: whole at most every 5 minutes (and after a prune), only new
  // records in between.
  const reportVerify = createVerifyCache({ verify: (range) => audit.verify(range), store: audit.store });
  /**
   * The security report of this running deployment (its score goes to the history only when `record` says so, with
   * its audit record: by the CLI's demo, or by `user` through the REST API).
   */
  const report = (options: { record: boolean; via?: 'cli' | 'api'; user?: string }) =>
    generateReport(
      {
        loaded: gw.config(),
        tools: gw.catalog().all(),
        stores: gw.store,
        report: gw.store.report,
        audit: { store: audit.store, verify: reportVerify, sinkStatus: () => audit.sinkStatus() },
        recordEvent: (e) => audit.append(e),
        ...(gw.config().config.vault.provider === 'vault' ? { secrets: () => vault.list() } : {}),
      },
      { portcullisVersion: packageVersion() },
      options,
    );
  const dashboard = createDashboard(gw, { onAuthFailure: authFailed });
  const api = createAdminApi(gw, {
    session: (req) => dashboard.authenticate(req),
    routes: [
      {
        prefix: '/api/v1/audit',
        roles: ['admin', 'auditor'],
        methods: ['GET', 'POST'],
        handle: async (url, ctx) =>
          (await handleAuditVerify(audit, url, ctx)) ?? (ctx.method === 'GET' ? handleAuditApi(audit, url) : undefined),
      },
      approvalsRoutes(() => gw.approvals),
      {
        prefix: '/api/v1/report',
        roles: ['admin', 'auditor'],
        methods: ['GET', 'POST'],
        handle: (url, ctx) =>
          handleReportApi(
            {
              repo: gw.store.report,
              generate: (o) => report({ ...o, via: 'api' }),
            },
            url,
            ctx,
          ),
      },
      {
        prefix: '/api/v1/secrets',
        roles: ['admin'],
        methods: ['GET', 'PUT', 'POST', 'DELETE'],
        handle: (url, ctx) => handleSecretsApi({ vault, onChange: secretChanged }, url, ctx),
      },
    ],
    onAuthFailure: authFailed,
    onAction: (a) =>
      gw.recordEvent({
        type: 'admin.action.performed',
        user: a.user,
        detail: {
          method: a.method,
          path: a.path,
          status: a.status,
          via: a.signIn.via,
          signIn: a.signIn.method,
          // The user key's id (named as session.started names it; never the key itself).
          ...(a.signIn.method === 'user-key' && a.signIn.credentialId ? { keyId: a.signIn.credentialId } : {}),
        },
      }),
  });
  let front: HttpFront;
  try {
    front = await startHttpFront(gw.front, {
      routes: [metricsRoute(metrics, () => gw.config().config.server), health, signingKeys, api, dashboard],
      onAuthFailure: authFailed,
      ...(metrics ? { onConnectionRefused: () => metrics.countRefusedConnection() } : {}),
    });
  } catch (e) {
    authFailures.close();
    await booted.close();
    await telemetry.stop();
    throw listenError(e, host, port);
  }

  booted.setLinkBase(front.url.replace(/\/mcp$/, ''));
  // The trend grows on its own: the score every `report.recordEveryMinutes`, once between gateways sharing a store.
  const recorder = startScoreRecorder(
    {
      everyMinutes: () => gw.config().config.report.recordEveryMinutes,
      generate: () => report({ record: false }),
      repo: gw.store.report,
      audit: (e) => audit.append(e),
      warn,
    },
    opts.scoreCheckMs,
  );

  /** A reload that cannot be applied: the running config stays; logged and audited, like a rejected file. */
  const reloadFailed = (why: string, e: unknown) => {
    const reason = reloadFailureReason(e);
    warn(`config reload (${why}) failed while applying; keeping the running config: ${reason}`);
    gw.recordEvent({ type: 'config.reload.failed', reasons: [reason], detail: { trigger: why, stage: 'apply' } });
  };
  let reloading = Promise.resolve();
  const reload = (why: string) => {
    const step = async () => {
      let next: LoadedConfig;
      let text: string;
      try {
        // A file read mid-write is read again once it settled (settled-load.ts); an empty one is an error.
        ({ loaded: next, text } = await loadConfigSettled(loaded.file, process.env, { requireLocalFiles: true }));
      } catch (e) {
        const message = e instanceof ConfigError ? e.message : String(e);
        warn(`config reload (${why}) rejected; keeping the running config:\n${message}`);
        gw.recordEvent({
          type: 'config.reload.failed',
          reasons: message.split('\n').slice(0, 20),
          detail: { trigger: why },
        });
        return;
      }
      // The file changed back to the running text, or a reload before this one already read and applied this text
      // (it read the file again after it settled): nothing to apply.
      if (why === 'file' && text === appliedText) return;
      // Settings read only at start-up keep their running values; the log names each one the file changed (compared
      // with the command line's overrides applied, as at start-up: `--port` is no change of the file's port).
      const file = withOverrides(next, opts.overrides ?? {});
      const pending = restartOnlyChanges(gw.config(), file);
      if (pending.length > 0)
        log(`config reload: ${pending.join(', ')} changed; not applied (the running values stay until a restart)`);
      let d: Awaited<ReturnType<Gateway['reload']>>;
      try {
        d = await gw.reload(keepRestartOnly(gw.config(), file));
      } catch (e) {
        reloadFailed(why, e);
        return;
      }
      appliedText = text;
      log(`config reloaded (${why}): backends +${d.added.length} -${d.removed.length} ~${d.changed.length}`);
      gw.recordEvent({
        type: 'config.reloaded',
        detail: { trigger: why, added: d.added, removed: d.removed, changed: d.changed },
      });
    };
    // Each reload runs after the one before it has settled, whatever became of it: one that failed in a way not
    // handled above (logging, say) is reported here, never left to reject the chain (every later reload would then be
    // skipped, and the unhandled rejection would end the process).
    reloading = reloading.then(step).catch((e: unknown) => reloadFailed(why, e));
  };
  const unwatch = opts.watch === false ? () => undefined : watchConfig(loaded.file, (why) => reload(why));

  return {
    gw,
    front,
    // The CLI's report of the running deployment (the demo) records its score, like `portcullis report`.
    report: () => report({ record: true }),
    async stop() {
      unwatch();
      await reloading;
      await recorder.stop();
      await front.close();
      authFailures.close();
      await booted.close();
      await telemetry.stop();
    },
  };
}

/**
 * Why a reload failed, for the log and the audit log: the error's first line, bounded. Errors that reach here name
 * what failed (a file, a setting, a limit), never a secret value; the bound keeps a setting that is echoed (a glob too
 * long to compile) from filling the record.
 */
export function reloadFailureReason(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  const first = message.split('\n', 1)[0]!.trim() || (e instanceof Error ? e.name : 'unknown error');
  return first.length > 500 ? `${first.slice(0, 500)}...` : first;
}

/**
 * Counts a failed authentication against its source's budget, in the background (the request is answered already):
 * `onThrottled` when this attempt spent it. A budget store that fails (Redis or PostgreSQL unreachable) is logged,
 * never left as an unhandled rejection, which would end the process.
 */
export function countFailedAuth(
  guard: { failed(source: string | undefined): Promise<{ throttled: boolean }> },
  source: string | undefined,
  on: { onThrottled(): void; warn(message: string): void },
): Promise<void> {
  return guard
    .failed(source)
    .then(({ throttled }) => {
      if (throttled) on.onThrottled();
    })
    .catch((e: unknown) => {
      on.warn(`failed authentication not counted: ${reloadFailureReason(e)}`);
    });
}

/** Resolves on SIGINT/SIGTERM after a graceful stop. */
export function stopOnSignals(running: { stop(): Promise<void> }): void {
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void exitWhenStopped(() => running.stop());
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
