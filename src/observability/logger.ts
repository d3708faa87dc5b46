/**
 * Structured JSON logs (pino) for the gateway process, one object per line on stderr, never on stdout: stdout
 * carries the audit `stdout` sink (and MCP itself in stdio mode), so the two streams never mix.
 * CLI commands keep their user-facing output; only the long-running gateway logs through here.
 */
import { pino, type Logger } from 'pino';
import { logLevels } from './config-schema.js';

export type { Logger };
export type LogLevel = (typeof logLevels)[number];

export function createLogger(opts: { level?: LogLevel; destination?: pino.DestinationStream } = {}): Logger {
  return pino(
    {
      level: opts.level ?? 'info',
      base: { service: 'portcullis', pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    // Synchronous writes: a line logged just before the process exits is not lost.
    opts.destination ?? pino.destination({ fd: 2, sync: true }),
  );
}

/** The level from PORTCULLIS_LOG_LEVEL when it names one, else the config's. */
export function logLevelOf(configured: LogLevel, env: NodeJS.ProcessEnv = process.env): LogLevel {
  const v = env.PORTCULLIS_LOG_LEVEL?.toLowerCase();
  return (logLevels as readonly string[]).includes(v ?? '') ? (v as LogLevel) : configured;
}

/**
 * A gateway dependency's log line; `level` (default info) is `warn` for what an operator should act on: an upstream
 * that cannot be reached, a dropped connection.
 */
export type LogFn = (message: string, level?: 'info' | 'warn') => void;

let shared: Logger | undefined;

/** The gateway process's logger (created at first use at level info; `useLogger` replaces it at start-up). */
export function logger(): Logger {
  return (shared ??= createLogger());
}

export function useLogger(l: Logger): void {
  shared = l;
}
