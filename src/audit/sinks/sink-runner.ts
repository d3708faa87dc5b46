import type { AuditRecord, SinkStatus } from '../types.js';

/** Delivers batches somewhere (SIEM, file, stdout). Throws when a batch was not accepted; the runner retries. */
export interface SinkTransport {
  readonly type: string;
  deliver(records: readonly AuditRecord[]): Promise<void>;
  close(): Promise<void>;
}

export interface SinkRunnerOptions {
  name: string;
  transport: SinkTransport;
  /** Records held in memory; beyond this the sink switches to reading from the store. */
  bufferSize: number;
  batchSize: number;
  /** Last seq this sink already delivered (persisted cursor), or the head when the sink is new. */
  deliveredSeq: number;
  headSeq: number;
  /** Reads committed records from the primary store (the source of truth) for catch-up. */
  readFrom: (fromSeq: number, limit: number) => Promise<AuditRecord[]>;
  minRetryMs?: number;
  maxRetryMs?: number;
}

export interface SinkRunner {
  readonly name: string;
  /** Called after each commit; never blocks and never throws. */
  offer(record: AuditRecord): void;
  status(): SinkStatus;
  /** Tries to deliver what is pending for at most `timeoutMs`, then stops. */
  close(timeoutMs: number): Promise<void>;
}

/**
 * One runner per sink: a bounded in-memory buffer in front of an asynchronous delivery loop. Appends only ever
 * push into the buffer. When the buffer overflows (slow or dead sink) it is emptied and the runner catches up
 * from the store instead, so nothing is lost and memory stays bounded; `behind` = committed - delivered.
 */
export function createSinkRunner(options: SinkRunnerOptions): SinkRunner {
  const { name, transport, bufferSize, batchSize, readFrom } = options;
  const minRetry = options.minRetryMs ?? 100;
  const maxRetry = options.maxRetryMs ?? 30_000;
  let buffer: AuditRecord[] = [];
  let head = options.headSeq;
  let delivered = options.deliveredSeq;
  let catchingUp = delivered < head;
  let failures = 0;
  let lastError: string | undefined;
  let loop: Promise<void> | undefined;
  let stopping = false;
  let wake: (() => void) | undefined;

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });

  async function nextBatch(): Promise<AuditRecord[] | undefined> {
    if (catchingUp) {
      if (delivered >= head) {
        catchingUp = false;
        return nextBatch();
      }
      const batch = await readFrom(delivered + 1, batchSize);
      if (batch.length === 0) {
        // Records were pruned underneath us: nothing left to catch up on.
        delivered = head;
        catchingUp = false;
        return nextBatch();
      }
      return batch;
    }
    let drop = 0;
    while (drop < buffer.length && buffer[drop]!.seq <= delivered) drop++;
    if (drop > 0) buffer.splice(0, drop);
    return buffer.length > 0 ? buffer.slice(0, batchSize) : undefined;
  }

  async function run(): Promise<void> {
    while (!stopping) {
      const batch = await nextBatch();
      if (!batch || stopping) return;
      try {
        await transport.deliver(batch);
        failures = 0;
        delivered = Math.max(delivered, batch[batch.length - 1]!.seq);
      } catch (e) {
        failures++;
        lastError = describe(e);
        if (stopping) return;
        await sleep(Math.min(maxRetry, minRetry * 2 ** Math.min(failures - 1, 20)));
      }
    }
  }

  function kick(): void {
    if (loop || stopping) return;
    loop = run()
      .catch((e: unknown) => {
        lastError = describe(e);
      })
      .finally(() => {
        loop = undefined;
        // Records offered while the last batch was in flight.
        if (!stopping && (catchingUp ? delivered < head : buffer.some((r) => r.seq > delivered))) kick();
      });
  }

  if (catchingUp) kick();

  return {
    name,
    offer(record) {
      head = Math.max(head, record.seq);
      if (stopping) return;
      if (!catchingUp) {
        if (buffer.length >= bufferSize) {
          buffer = [];
          catchingUp = true;
        } else buffer.push(record);
      }
      kick();
    },
    status() {
      return {
        name,
        type: transport.type,
        behind: Math.max(0, head - delivered),
        deliveredSeq: delivered,
        failures,
        catchingUp,
        ...(lastError ? { lastError } : {}),
      };
    },
    async close(timeoutMs) {
      // A failing sink gets no grace period: the store already has everything it missed.
      if (loop && failures === 0) {
        let timer: NodeJS.Timeout | undefined;
        let timedOut = false;
        const deadline = new Promise<void>((r) => (timer = setTimeout(() => r(void (timedOut = true)), timeoutMs)));
        // A loop that ends while records were offered re-kicks itself (a new `loop`): wait for that one too.
        const inFlight = (): Promise<void> | undefined => (failures === 0 && !timedOut ? loop : undefined);
        for (let running = inFlight(); running !== undefined; running = inFlight())
          await Promise.race([running, deadline]);
        clearTimeout(timer);
      }
      stopping = true;
      wake?.();
      await transport.close().catch(() => undefined);
    },
  };
}

/** Error text for operators: the error code/class and a bounded message, never a payload. */
function describe(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as NodeJS.ErrnoException).code;
    return `${code ?? e.name}: ${e.message}`.slice(0, 200);
  }
  return String(e).slice(0, 200);
}
