/**
 * Newline-delimited message framing with a size bound enforced while reading: a line longer than `maxLineBytes` is
 * never held in memory. Its bytes are dropped as they arrive, keeping only its first and last `keepBytes` (enough to
 * find a JSON-RPC envelope's `id`), and `onOversized` is told once the line ends. Framing goes on with the next line.
 */
export function createLineFramer(options: {
  maxLineBytes: number;
  onLine: (line: Buffer) => void;
  onOversized: (info: { head: string; tail: string; bytes: number }) => void;
  keepBytes?: number;
}): { push(chunk: Buffer): void; reset(): void } {
  const keep = options.keepBytes ?? 512;
  let parts: Buffer[] = [];
  let size = 0;
  let discarding = false;
  let head = Buffer.alloc(0);
  let tail = Buffer.alloc(0);
  let dropped = 0;

  const reset = () => {
    parts = [];
    size = 0;
    discarding = false;
    head = Buffer.alloc(0);
    tail = Buffer.alloc(0);
    dropped = 0;
  };
  const append = (seg: Buffer) => {
    if (seg.length === 0) return;
    if (discarding) {
      dropped += seg.length;
      tail = Buffer.concat([tail, seg.subarray(Math.max(0, seg.length - keep))]);
      if (tail.length > keep) tail = tail.subarray(tail.length - keep);
      return;
    }
    if (size + seg.length <= options.maxLineBytes) {
      parts.push(seg);
      size += seg.length;
      return;
    }
    const first = Buffer.concat([...parts, seg.subarray(0, keep)]);
    head = Buffer.from(first.subarray(0, keep));
    dropped = size + seg.length;
    tail = Buffer.from(seg.subarray(Math.max(0, seg.length - keep)));
    parts = [];
    size = 0;
    discarding = true;
  };
  const finish = () => {
    if (discarding) {
      const info = { head: head.toString('utf8'), tail: tail.toString('utf8'), bytes: dropped };
      reset();
      options.onOversized(info);
    } else if (size > 0) {
      const line = parts.length === 1 ? parts[0]! : Buffer.concat(parts, size);
      reset();
      options.onLine(line);
    }
  };
  return {
    reset,
    push(chunk) {
      let start = 0;
      for (;;) {
        const nl = chunk.indexOf(10, start);
        append(chunk.subarray(start, nl === -1 ? chunk.length : nl));
        if (nl === -1) return;
        finish();
        start = nl + 1;
      }
    },
  };
}

const ID = String.raw`(-?\d{1,16}|"[^"\\]{0,200}")`;
const HEAD_ID = new RegExp(String.raw`^\s*\{\s*(?:"jsonrpc"\s*:\s*"2\.0"\s*,\s*)?"id"\s*:\s*${ID}\s*,`);
const TAIL_ID = new RegExp(String.raw`[,{]\s*"id"\s*:\s*${ID}\s*\}\s*\r?$`);
const METHOD = /"method"\s*:\s*"/;

/**
 * The `id` of an oversized JSON-RPC response from the envelope at its start or end (where serialisers put it), or
 * undefined when it cannot be told or the message looks like a request (`method`): only a response we are waiting for
 * may be answered in its place.
 */
export function responseIdOf(head: string, tail: string): string | number | undefined {
  if (METHOD.test(head.slice(0, 200))) return undefined;
  const m = HEAD_ID.exec(head) ?? TAIL_ID.exec(tail);
  if (!m) return undefined;
  const raw = m[1]!;
  return raw.startsWith('"') ? raw.slice(1, -1) : Number(raw);
}
