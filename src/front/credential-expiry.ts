/** The longest delay a Node timer takes (about 24.8 days); a longer one would fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Ends a long-lived stream (a 2026-07-28 listen stream, a 2025-11-25 session's GET stream) when the credential it was
 * opened with expires: a token's `exp`, a client certificate's notAfter. Fail closed: the agent reconnects with a
 * credential that holds. Nothing is kept once the stream closes; an expiry beyond a timer's range is waited for in
 * steps.
 */
export function endAtExpiry(
  expiresAt: number | undefined,
  stream: { end(): void; onClose(listener: () => void): void },
): void {
  if (expiresAt === undefined) return;
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    const left = expiresAt - Date.now();
    if (left <= 0) return stream.end();
    timer = setTimeout(arm, Math.min(left, MAX_TIMER_MS));
    timer.unref();
  };
  stream.onClose(() => clearTimeout(timer));
  arm();
}
