/**
 * One call's cancellation without an AbortSignal unless somebody asks for one (ADR 0017, Decision 19). On Node 20
 * making an AbortSignal costs several microseconds (each gets a prototype set after construction, so a hidden class
 * of its own), and adding and removing an abort listener as much again; the hot path only needs to know whether and
 * when its call was cancelled. `signal` makes the real AbortSignal on first use — already aborted, with the same
 * reason, when the call was — so code that needs one (the SDK client, `fetch`, approval waits) gets a signal that
 * behaves exactly as a controller's would.
 */
export interface CallAbort {
  readonly aborted: boolean;
  /** Why it was aborted (as `AbortSignal.reason`); undefined until then. */
  readonly reason: unknown;
  /** The same cancellation as an AbortSignal, made on first use. */
  readonly signal: AbortSignal;
  /** Runs `fn` once when the call is aborted (after the signal's own listeners); returns a remover. */
  onAbort(fn: () => void): () => void;
}

export interface CallAbortController extends CallAbort {
  /** Aborts the call (once: later calls do nothing), with `reason` or an `AbortError` as AbortController does. */
  abort(reason?: unknown): void;
}

const nothing = () => undefined;

class LazyCallAbort implements CallAbortController {
  aborted = false;
  reason: unknown = undefined;
  #controller: AbortController | undefined = undefined;
  #hooks: (() => void)[] | undefined = undefined;

  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.aborted) this.#controller.abort(this.reason);
    }
    return this.#controller.signal;
  }

  abort(reason?: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.reason = reason === undefined ? new DOMException('This operation was aborted', 'AbortError') : reason;
    this.#controller?.abort(this.reason);
    const hooks = this.#hooks;
    this.#hooks = undefined;
    if (hooks) for (const fn of hooks) fn();
  }

  onAbort(fn: () => void): () => void {
    if (this.aborted) return nothing;
    (this.#hooks ??= []).push(fn);
    return () => {
      const i = this.#hooks?.indexOf(fn) ?? -1;
      if (i >= 0) this.#hooks!.splice(i, 1);
    };
  }
}

export function createCallAbort(): CallAbortController {
  return new LazyCallAbort();
}

/** `fn` once when `c` is aborted, from a CallAbort or an AbortSignal alike; returns a remover. */
export function whenAborted(c: CallAbort | AbortSignal, fn: () => void): () => void {
  if (!(c instanceof AbortSignal)) return c.onAbort(fn);
  c.addEventListener('abort', fn, { once: true });
  return () => c.removeEventListener('abort', fn);
}
