import { GatewayError } from '../core/errors.js';
import type { JsonObject } from '../core/tool.js';
import { subscriptionKey, uriOfKey } from '../front/port.js';
import type { MethodCall, SubscriptionHolder } from '../pipeline/call.js';

/**
 * Who holds each upstream resource subscription: one count per (upstream process, normalised URI), shared by every
 * kind of holder — a 2025-11-25 session, a 2026-07-28 `subscriptions/listen` stream, the stdio front door. The gateway
 * has one connection per upstream process, so the process keeps one subscription per URI however many agents asked
 * for it: a `resources/unsubscribe` may reach it only when nobody else still holds the URI there, or the others stop
 * hearing of it. Most upstreams take every agent's subscriptions on one process; a `per-agent` one runs a process per
 * agent (`processFor`), so each agent's holders are counted at its own process, and an agent's last unsubscribe
 * reaches its process whoever else holds the URI at theirs.
 *
 * A holder is the set of subscription keys it holds (what delivery filters on); only this registry changes it, so the
 * holder's view and the count never disagree.
 */
export function createUpstreamSubscriptions() {
  /** Holders per count key: the subscription key, with the process it is held at when the upstream names one. */
  const holders = new Map<string, Set<SubscriptionHolder>>();
  /** A holder's subscription keys that are counted at a named process: key → count key. */
  const countedAt = new WeakMap<SubscriptionHolder, Map<string, string>>();
  /** Holders whose session or stream is over: they hold nothing new (see `end`). */
  const ended = new WeakSet<SubscriptionHolder>();
  /** The last subscribe or unsubscribe of each count key sent upstream, settled (never rejects); gone once it is done. */
  const atUpstream = new Map<string, Promise<unknown>>();
  /**
   * Sends one subscribe or unsubscribe of `key` once the one before it is done. Going over the one connection in
   * order is not enough: an upstream may work on two requests at once and finish the later one first, so an
   * unsubscribe sent while a subscribe was still there (a session ending as it subscribed) could leave the upstream
   * subscribed for nobody, and a subscribe sent while the last unsubscribe was there could be undone by it.
   */
  const inTurn = (key: string, send: () => Promise<JsonObject>): Promise<JsonObject> => {
    const before = atUpstream.get(key);
    const sent = before ? before.then(send) : send();
    const done = sent.then(
      () => undefined,
      () => undefined,
    );
    atUpstream.set(key, done);
    void done.then(() => {
      if (atUpstream.get(key) === done) atUpstream.delete(key);
    });
    return sent;
  };
  return {
    /**
     * `holder` holds `key` from now on, counted at `at` (the key at the process it is subscribed at; the key itself
     * when the upstream has one). False when it already did. Throws when the holder has ended: a subscribe that
     * was still on its way through the pipeline when its session or stream closed would otherwise hold the URI for a
     * holder nobody releases any more, and the upstream would stay subscribed.
     */
    hold(key: string, holder: SubscriptionHolder, at = key): boolean {
      if (ended.has(holder))
        throw new GatewayError('session.not_found', 'the session or stream that subscribed has ended');
      if (holder.has(key)) return false;
      holder.add(key);
      if (at !== key) (countedAt.get(holder) ?? countedAt.set(holder, new Map()).get(holder)!).set(key, at);
      let of = holders.get(at);
      if (!of) holders.set(at, (of = new Set()));
      of.add(holder);
      return true;
    },
    /**
     * `holder` lets go of `key` (if it held it: where it was counted; else at `at`). True when nobody holds it there
     * now: the upstream (process) may be told.
     */
    release(key: string, holder: SubscriptionHolder, at = key): boolean {
      const where = holder.has(key) ? (countedAt.get(holder)?.get(key) ?? key) : at;
      holder.delete(key);
      countedAt.get(holder)?.delete(key);
      const of = holders.get(where);
      of?.delete(holder);
      if (of?.size) return false;
      holders.delete(where);
      return true;
    },
    /**
     * `holder` lets go of everything it still holds, without telling any upstream (its unsubscribes were refused
     * before reaching one). Returns the keys nobody holds any more: the gateway's own to release upstream
     * (subscription-release.ts), or they stay subscribed for nobody.
     */
    drop(holder: SubscriptionHolder): string[] {
      this.end(holder);
      return [...holder].filter((key) => this.release(key, holder));
    },
    /**
     * `holder` lets go of normalised `uri` at every upstream it holds it at, without telling any upstream (its
     * unsubscribe was refused before reaching one). Returns the keys nobody holds any more, as `drop` does.
     */
    letGo(uri: string, holder: SubscriptionHolder): string[] {
      return [...holder].filter((key) => uriOfKey(key) === uri && this.release(key, holder));
    },
    /**
     * `holder`'s session or stream is over (it is letting go of what it holds): from now on it holds nothing new, so
     * what it holds now is everything its release must unsubscribe.
     */
    end(holder: SubscriptionHolder): void {
      ended.add(holder);
    },
    /**
     * One forwarded call's upstream request (`send`), counted when it is a resources/subscribe or unsubscribe with a
     * holder, at the process of the upstream that serves the call's agent. A subscribe holds the key before it is sent, so a concurrent last unsubscribe cannot undo it upstream
     * (nor one still at the upstream: the subscribe waits for it), and lets go again if it fails; it is sent for every holder (policy
     * and audit per request; subscribing twice is harmless). An unsubscribe is sent by the last holder only; for any
     * other, the subscription stays and the answer is the empty result the upstream would have given (a caller that
     * names no holder holds nothing: its unsubscribe is sent only when nobody holds the URI). One URI's subscribes and
     * unsubscribes reach the upstream one at a time, each once the one before it was answered (`inTurn`).
     */
    async counted(call: MethodCall, send: () => Promise<JsonObject>): Promise<JsonObject> {
      const { holder, target } = call;
      if (target?.kind !== 'resource') return send();
      const key = subscriptionKey(target.server, target.uri);
      const process = call.upstream?.processFor?.(call.principal.agent);
      const at = process === undefined ? key : `${key}\u0000${process}`;
      if (call.method === 'resources/unsubscribe')
        return this.release(key, holder ?? new Set(), at) ? inTurn(at, send) : {};
      if (call.method !== 'resources/subscribe') return send();
      if (!holder) return inTurn(at, send);
      const fresh = this.hold(key, holder, at);
      try {
        return await inTurn(at, send);
      } catch (e) {
        if (fresh) this.release(key, holder);
        throw e;
      }
    },
  };
}

export type UpstreamSubscriptions = ReturnType<typeof createUpstreamSubscriptions>;
