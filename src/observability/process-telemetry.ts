/** Logs and traces for a gateway process (`serve`, `demo`, `stdio`), set up from the `observability:` section. */
import type { PortcullisConfig } from '../config/config.js';
import { packageVersion } from '../core/version.js';
import type { BaseCall } from '../pipeline/call.js';
import type { PipelineObserver } from '../pipeline/observer.js';
import { createLogger, logLevelOf, useLogger, type LogFn, type Logger } from './logger.js';
import { startTracing } from './tracing.js';

export interface ProcessTelemetry {
  logger: Logger;
  /** Informational line (`log(m)` in the gateway's dependencies). */
  log: LogFn;
  warn: (message: string) => void;
  observer?: PipelineObserver<BaseCall>;
  stop(): Promise<void>;
}

export function startProcessTelemetry(
  config: PortcullisConfig,
  env: NodeJS.ProcessEnv = process.env,
): ProcessTelemetry {
  const logger = createLogger({ level: logLevelOf(config.observability.logLevel, env) });
  useLogger(logger);
  const tracingCfg = config.observability.tracing;
  const tracing = tracingCfg ? startTracing(tracingCfg, { version: packageVersion() }) : undefined;
  if (tracingCfg) logger.info({ serviceName: tracingCfg.serviceName }, 'tracing on: spans exported over OTLP/HTTP');
  return {
    logger,
    log: (m, level = 'info') => logger[level](m),
    warn: (m) => logger.warn(m),
    ...(tracing ? { observer: tracing.observer } : {}),
    async stop() {
      await tracing
        ?.shutdown()
        .catch((e: unknown) => logger.warn(`tracing: final export failed: ${(e as Error).message}`));
    },
  };
}
