import { connect as netConnect, type Socket } from 'node:net';
import { hostname as osHostname } from 'node:os';
import { connect as tlsConnect, type ConnectionOptions } from 'node:tls';
import type { AuditRecord } from '../types.js';
import type { SinkTransport } from './sink-runner.js';

export interface SyslogTransportOptions {
  host: string;
  port: number;
  /** RFC 5425 syslog over TLS; `true` for system CAs, or TLS options (ca, servername, ...). */
  tls?: boolean | Pick<ConnectionOptions, 'ca' | 'cert' | 'key' | 'servername' | 'rejectUnauthorized'>;
  /** Syslog facility number; default 13 ("log audit"). */
  facility?: number;
  appName?: string;
  hostname?: string;
  connectTimeoutMs?: number;
}

const SEVERITY_INFO = 6;
const SEVERITY_NOTICE = 5;
const SEVERITY_WARNING = 4;
/** Private enterprise number reserved for documentation (RFC 5612); the SD-ID names our structured data. */
const SD_ID = 'portcullis@32473';

function severity(r: AuditRecord): number {
  if (r.decision === 'deny' || r.type === 'auth.failed' || r.type === 'audit.gap.recorded') return SEVERITY_WARNING;
  if (r.type.endsWith('.failed') || r.type === 'tool.quarantined') return SEVERITY_NOTICE;
  return SEVERITY_INFO;
}

const sdEscape = (v: string) => v.replace(/[\\"\]]/g, (c) => `\\${c}`);
/** RFC 5424 header fields are PRINTUSASCII without spaces, bounded in length; "-" when empty. */
const headerField = (v: string, max: number) => v.replace(/[^\x21-\x7e]/g, '').slice(0, max) || '-';

/** Formats one record as an RFC 5424 message (JSON payload) in RFC 6587 octet-counting framing. */
export function formatSyslogFrame(
  r: AuditRecord,
  opts: { facility: number; appName: string; hostname: string },
): string {
  const pri = opts.facility * 8 + severity(r);
  const sd = `[${SD_ID} seq="${r.seq}" hash="${r.hash}" type="${sdEscape(r.type)}"]`;
  const msg = `<${pri}>1 ${r.timestamp || '-'} ${headerField(opts.hostname, 255)} ${headerField(opts.appName, 48)} ${process.pid} ${headerField(
    r.type,
    32,
  )} ${sd} \ufeff${JSON.stringify(r)}`;
  return `${Buffer.byteLength(msg)} ${msg}`;
}

/** RFC 5424 over TCP (RFC 6587 framing) or TLS (RFC 5425). Keeps one connection; reconnects on the next batch after an error. */
export function createSyslogTransport(options: SyslogTransportOptions): SinkTransport {
  const fmt = {
    facility: options.facility ?? 13,
    appName: options.appName ?? 'portcullis',
    hostname: options.hostname ?? osHostname(),
  };
  const connectTimeoutMs = options.connectTimeoutMs ?? 5000;
  let socket: Socket | undefined;

  function open(): Promise<Socket> {
    if (socket && !socket.destroyed && socket.writable) return Promise.resolve(socket);
    return new Promise<Socket>((resolve, reject) => {
      const tlsOptions = typeof options.tls === 'object' ? options.tls : {};
      const s: Socket = options.tls
        ? tlsConnect({ host: options.host, port: options.port, servername: options.host, ...tlsOptions }, onConnect)
        : netConnect({ host: options.host, port: options.port }, onConnect);
      const timer = setTimeout(() => s.destroy(new Error('syslog connect timeout')), connectTimeoutMs);
      function onConnect() {
        clearTimeout(timer);
        s.removeListener('error', onError);
        s.on('error', () => s.destroy());
        s.on('close', () => {
          if (socket === s) socket = undefined;
        });
        socket = s;
        resolve(s);
      }
      function onError(err: Error) {
        clearTimeout(timer);
        s.destroy();
        reject(err);
      }
      s.once('error', onError);
    });
  }

  return {
    type: 'syslog',
    async deliver(records) {
      const s = await open();
      const payload = records.map((r) => formatSyslogFrame(r, fmt)).join('');
      await new Promise<void>((resolve, reject) => {
        s.write(payload, (err) => {
          if (err) {
            s.destroy();
            reject(err);
          } else resolve();
        });
      });
    },
    async close() {
      if (socket) {
        const s = socket;
        socket = undefined;
        s.end();
        setTimeout(() => s.destroy(), 1000).unref();
      }
    },
  };
}
