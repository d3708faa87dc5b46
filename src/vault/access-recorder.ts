/**
 * `secret.accessed` audit events without one audit write per call. The first resolution of a secret name is
 * recorded at once; further resolutions of that name within the interval are counted and recorded as one event
 * when the interval ends (and on close). A busy backend costs one audit record per secret per interval (default
 * 60 s), not one per call, while the log still shows which secrets were used, when first, and how often.
 */
export interface SecretAccessEvent {
  type: 'secret.accessed';
  detail: { name: string; provider: string; count: number; from: string; to: string };
}

export interface SecretAccessRecorder {
  accessed(name: string): void;
  /** Records the counts still pending and stops the timer. */
  close(): void;
}

export function createSecretAccessRecorder(
  record: (event: SecretAccessEvent) => void,
  opts: { provider: string; intervalMs?: number; now?: () => number },
): SecretAccessRecorder {
  const intervalMs = opts.intervalMs ?? 60_000;
  const now = opts.now ?? Date.now;
  /** Per name: accesses not yet recorded, and since when. A name is present while its interval is open. */
  const open = new Map<string, { count: number; from: number }>();
  let timer: NodeJS.Timeout | undefined;

  const emit = (name: string, count: number, from: number, to: number): void =>
    record({
      type: 'secret.accessed',
      detail: {
        name,
        provider: opts.provider,
        count,
        from: new Date(from).toISOString(),
        to: new Date(to).toISOString(),
      },
    });

  const flush = (): void => {
    const t = now();
    for (const [name, w] of open) {
      if (w.count > 0) emit(name, w.count, w.from, t);
      open.delete(name);
    }
    timer = undefined;
  };

  return {
    accessed(name) {
      const w = open.get(name);
      if (w) {
        if (w.count === 0) w.from = now();
        w.count++;
        return;
      }
      const t = now();
      emit(name, 1, t, t);
      open.set(name, { count: 0, from: t });
      if (!timer) {
        timer = setTimeout(flush, intervalMs);
        timer.unref();
      }
    },
    close() {
      if (timer) clearTimeout(timer);
      flush();
    },
  };
}
