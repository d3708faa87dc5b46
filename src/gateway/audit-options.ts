import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import type { AuditLogOptions } from '../audit/index.js';
import type { LoadedConfig } from '../config/load.js';

const SECRET_NAME = /token|secret|passw|key|credential|auth|cookie|session/i;

/**
 * Values that must never reach an audit record: what the gateway injects on outbound requests (OpenAPI
 * credentials, upstream headers) and upstream environment entries whose names look secret.
 *
 * Read before each append and each result scan, and answered from a frozen copy while nothing it is made of can
 * have changed: the resolver's generation (it moves before a newly resolved value is handed to any request), the
 * config object (a reload replaces it) and the OpenAPI credentials' environment values (compared one by one, as the
 * outbound path reads them per call). Any of them moved, and the values are read afresh, so a rotation or a reload
 * counts from the next event on (ADR 0017, Decision 30). A resolver without `generation` is read every time.
 */
export function secretValuesOf(
  cfg: () => LoadedConfig,
  env: NodeJS.ProcessEnv = process.env,
  secrets?: { known(): Iterable<string>; generation?(): number },
  opts: { onlySecretHeaders?: boolean } = {},
): () => readonly string[] {
  let copy: readonly string[] | undefined;
  let copyGeneration: number | undefined;
  let copyConfig: LoadedConfig | undefined;
  let envNames: string[] = [];
  let envValues: (string | undefined)[] = [];
  return () => {
    const loaded = cfg();
    const generation = secrets ? secrets.generation?.() : 0;
    if (copy !== undefined && generation !== undefined && generation === copyGeneration && loaded === copyConfig) {
      let same = true;
      for (let i = 0; i < envNames.length; i++) {
        if (env[envNames[i]!] !== envValues[i]) {
          same = false;
          break;
        }
      }
      if (same) return copy;
    }
    const values: string[] = [];
    // Every value a `${secret:NAME}` reference resolved to in this process (current and rotated-out ones).
    if (secrets) for (const v of secrets.known()) values.push(v);
    const c = loaded.config;
    for (const u of Object.values(c.upstreams)) {
      if (u.transport === 'stdio') {
        for (const [k, v] of Object.entries(u.env)) if (SECRET_NAME.test(k)) values.push(v);
      } else {
        // Results are scanned with onlySecretHeaders: an `accept: application/json` header is no secret there.
        for (const [k, v] of Object.entries(u.headers))
          if (!opts.onlySecretHeaders || SECRET_NAME.test(k)) values.push(v);
      }
    }
    const names: string[] = [];
    const seen: (string | undefined)[] = [];
    for (const o of Object.values(c.openapi)) {
      for (const a of Object.values(o.auth ?? {})) {
        const v = env[a.credential];
        names.push(a.credential);
        seen.push(v);
        if (v) values.push(v);
      }
    }
    copy = Object.freeze(values);
    copyGeneration = generation;
    copyConfig = loaded;
    envNames = names;
    envValues = seen;
    return copy;
  };
}

/** The audit section of the config as createAuditLog options, relative paths resolved against the config file. */
export function auditOptionsOf(
  loaded: LoadedConfig,
  opts: { stdio?: boolean; log: (m: string) => void; startNewLog?: boolean },
): AuditLogOptions {
  const a = loaded.config.audit;
  const path = (p: string) => (isAbsolute(p) ? p : resolve(loaded.baseDir, p));
  const sinks = a.sinks
    .filter((s) => {
      // In stdio mode stdout is the MCP channel: an audit line there would corrupt the protocol.
      if (opts.stdio && s.type === 'stdout') {
        opts.log('audit sink "stdout" is disabled in stdio mode (stdout carries MCP)');
        return false;
      }
      return true;
    })
    .map((s) => {
      if (s.type === 'file') return { ...s, path: path(s.path) };
      // The config names the syslog server's CA by file (relative to the config file); TLS wants its PEM text.
      if (s.type === 'syslog' && typeof s.tls === 'object' && s.tls.ca !== undefined)
        return { ...s, tls: { ...s.tls, ca: readFileSync(path(s.tls.ca), 'utf8') } };
      return s;
    });
  return {
    dataDir: loaded.dataDir,
    ...(a.signingKeyPath ? { signingKeyPath: path(a.signingKeyPath) } : {}),
    ...(a.signingKeyEnv ? { signingKeyEnv: a.signingKeyEnv } : {}),
    ...(a.anchorPath ? { anchorPath: path(a.anchorPath) } : {}),
    ...(opts.startNewLog ? { startNewLog: true } : {}),
    checkpointEvery: a.checkpointEvery,
    writer: a.writer,
    busyTimeoutMs: a.busyTimeoutMs,
    failMode: a.failMode,
    ...(a.redaction
      ? {
          redaction: {
            ...a.redaction,
            ...(a.redaction.hmacKeyPath ? { hmacKeyPath: path(a.redaction.hmacKeyPath) } : {}),
          },
        }
      : {}),
    sinks,
    ...(a.retention ? { retention: a.retention } : {}),
    onWarning: opts.log,
  };
}
