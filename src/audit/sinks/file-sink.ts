import { appendFile, mkdir, rename, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SinkTransport } from './sink-runner.js';

export interface FileTransportOptions {
  path: string;
  /** Rotate when the current file would grow beyond this. Default 100 MiB. */
  maxBytes?: number;
  /** Rotated files kept: path.1 (newest) .. path.N. Default 5. */
  maxFiles?: number;
}

/** JSON Lines file with size-based rotation (path → path.1 → … → path.N, the oldest deleted). */
export function createFileTransport(options: FileTransportOptions): SinkTransport {
  const maxBytes = options.maxBytes ?? 100 * 1024 * 1024;
  const maxFiles = options.maxFiles ?? 5;
  let size: number | undefined;

  async function currentSize(): Promise<number> {
    if (size !== undefined) return size;
    await mkdir(dirname(options.path), { recursive: true });
    try {
      size = (await stat(options.path)).size;
    } catch {
      size = 0;
    }
    return size;
  }

  async function rotate(): Promise<void> {
    await rm(`${options.path}.${maxFiles}`, { force: true });
    for (let i = maxFiles - 1; i >= 1; i--) {
      await rename(`${options.path}.${i}`, `${options.path}.${i + 1}`).catch(() => undefined);
    }
    await rename(options.path, `${options.path}.1`).catch(() => undefined);
    size = 0;
  }

  return {
    type: 'file',
    async deliver(records) {
      const text = records.map((r) => `${JSON.stringify(r)}\n`).join('');
      const bytes = Buffer.byteLength(text);
      const current = await currentSize();
      if (current > 0 && current + bytes > maxBytes) await rotate();
      await appendFile(options.path, text, { mode: 0o600 });
      size = (size ?? 0) + bytes;
    },
    async close() {},
  };
}
