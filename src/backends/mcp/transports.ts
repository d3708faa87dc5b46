import { SSEClientTransport, StreamableHTTPClientTransport, type Transport } from '@modelcontextprotocol/client';
import { StdioClientTransport, getDefaultEnvironment } from '@modelcontextprotocol/client/stdio';
import type { UpstreamConfig } from '../../config/schema.js';
import { boundStdioTransport } from './bounded-stdio.js';

/** Builds the client transport for an upstream. The stdio child gets a minimal env plus what config sets. */
export function createUpstreamTransport(
  cfg: UpstreamConfig,
  baseDir: string,
  onOversized: (info: { bytes: number; answered: boolean }) => void = () => undefined,
): Transport {
  switch (cfg.transport) {
    case 'stdio':
      return boundStdioTransport(
        new StdioClientTransport({
          command: cfg.command,
          args: cfg.args,
          env: { ...getDefaultEnvironment(), ...cfg.env },
          cwd: cfg.cwd ?? baseDir,
          stderr: 'pipe',
        }),
        cfg.maxResultBytes,
        onOversized,
      );
    case 'http':
      return new StreamableHTTPClientTransport(new URL(cfg.url), { requestInit: { headers: cfg.headers } });
    case 'sse':
      return new SSEClientTransport(new URL(cfg.url), {
        requestInit: { headers: cfg.headers },
        eventSourceInit: {
          fetch: (url, init) =>
            fetch(url, { ...init, headers: { ...cfg.headers, ...(init?.headers as Record<string, string>) } }),
        },
      });
  }
}
