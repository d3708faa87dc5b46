import { AsyncLocalStorage } from 'node:async_hooks';
import type { ServerEvent, ServerEventBus } from '@modelcontextprotocol/server';
import type { Principal } from '../core/principal.js';
import type { UpstreamNotification } from '../backends/mcp/upstream.js';
import {
  subscriptionKey,
  uriOfKey,
  type DeliveryVerdict,
  type FrontDoorPort,
  type ResourceSubscriber,
} from './port.js';
import type { Session } from './sessions.js';
import { endAtExpiry } from './credential-expiry.js';
import { methodCall } from './method-call.js';
import { logger } from '../observability/logger.js';
import { createThrottledLog } from '../observability/throttled-log.js';
import type { SubscriptionHolder } from '../pipeline/call.js';

/** How long a listen stream's owner lookup may take when the gateway has not listed the URI yet. */
const OWNER_LOOKUP_MS = 10_000;

/**
 * A 2026-07-28 `subscriptions/listen` stream: who opened it, the URIs it asked for (normalised → as the client wrote
 * them), what it holds at the upstreams, and how to end it.
 */
interface ListenStream extends ResourceSubscriber {
  readonly named: ReadonlyMap<string, ReadonlySet<string>>;
  readonly held: SubscriptionHolder;
  end(): void;
  /** The SDK registered the stream (it acknowledged the listen with something to deliver). */
  registered: boolean;
}

/**
 * Delivers upstream `notifications/resources/updated` to the agents entitled to them, in both protocol eras.
 *
 * - 2025-11-25 sessions: a subscription is the upstream the gateway routed `resources/subscribe` to plus the
 *   normalised URI, so another upstream's update of the same URI is not the session's.
 * - 2026-07-28 listen streams name URIs only: an update counts when it comes from the upstream the gateway serves
 *   that URI from. The SDK's change-event bus knows nothing of who opened a stream, so this bus learns it from the
 *   request that registers the stream (`asListener` runs the SDK's handling of that request in its context) and
 *   delivers a resource update only to streams it may reach; list changes go to every stream as before.
 *
 * Either way the one policy decision is asked again at each delivery for the subscriber's current principal, after
 * its credential is checked: a lapsed credential (expired, revoked, agent removed) ends the listen stream or closes
 * the session instead of delivering.
 */
export function createResourceUpdateDelivery(
  gw: FrontDoorPort,
  sessions: () => Iterable<Session>,
  closeSession: (s: Session) => void,
) {
  const opening = new AsyncLocalStorage<ListenStream>();
  const streams = new Set<{ listener: (event: ServerEvent) => void; stream?: ListenStream }>();
  const ofSession = new WeakMap<Session, ResourceSubscriber>();
  const sessionSubscriber = (s: Session): ResourceSubscriber => {
    let sub = ofSession.get(s);
    if (!sub) ofSession.set(s, (sub = { principal: () => s.principal, refused: new Set() }));
    return sub;
  };

  const bus: ServerEventBus = {
    publish(event) {
      // Only list changes are published through here; resource updates go through `deliver` below.
      if (event.kind === 'resource_updated') return;
      for (const s of streams) s.listener(event);
    },
    subscribe(listener) {
      const stream = opening.getStore();
      const entry = { listener, ...(stream ? { stream } : {}) };
      streams.add(entry);
      if (stream) stream.registered = true;
      return () => {
        streams.delete(entry);
        if (stream) void release(gw, stream.held, stream.principal()).catch(() => undefined);
      };
    },
  };

  async function toStreams(n: UpstreamNotification, uri: string): Promise<void> {
    const server = n.server;
    const listening = [...streams].filter((s) => s.stream?.named.has(uri) && reaches(n, s.stream.principal()));
    if (listening.length === 0) return;
    // One deadline for this update's lookups, made only if a lookup must list the upstreams (the owner not known yet).
    let deadline: AbortSignal | undefined;
    const signal = () => (deadline ??= AbortSignal.timeout(OWNER_LOOKUP_MS));
    // The owner is the principal's: policy decides which of several upstreams offering a URI it may see.
    const owners = await Promise.all(
      listening.map((s) => gw.resourceUpdates.owner(uri, s.stream!.principal(), signal).catch(() => undefined)),
    );
    for (const [i, s] of listening.entries())
      // Another upstream's resource of the same URI is not the one this stream asked for.
      if (owners[i] === server)
        throughGate(gw, s.stream!, server, uri, {
          // Under each spelling the client listened with: the SDK's listen router matches those as written.
          deliver: () => {
            for (const name of s.stream!.named.get(uri) ?? [])
              if (streams.has(s)) s.listener({ kind: 'resource_updated', uri: name });
          },
          lapsed: () => streams.delete(s) && s.stream!.end(),
        });
  }

  return {
    bus,
    /**
     * Runs the SDK's handling of one 2026-07-28 request; a `subscriptions/listen` request registers its stream in
     * the context of `principal` and the URIs it asks for (others register no stream, or one without resource updates),
     * and its response ends when the principal's credential expires.
     */
    async asListener<T>(
      principal: Principal,
      body: unknown,
      response: { end(): void; onClose(listener: () => void): void },
      run: () => Promise<T>,
    ): Promise<T> {
      const listened = listenedUris(body);
      if (!listened) return run();
      endAtExpiry(principal.expiresAt, response);
      const held: SubscriptionHolder = new Set();
      // Decided and held before the SDK acknowledges the stream, so its acknowledgement names only what is honored.
      const named = listened.list ? await holdListened(gw, principal, listened.list, held) : new Map();
      if (listened.list) listened.honor(honoredSpellings(listened.list, named));
      const stream: ListenStream = {
        principal: () => principal,
        refused: new Set(),
        held,
        end: () => response.end(),
        named,
        registered: false,
      };
      try {
        return await opening.run(stream, run);
      } finally {
        // The SDK refused the listen, or acknowledged nothing to deliver: nothing will let go of the holds but this,
        // and it is done before the answer goes out, so that a refused listen holds nothing upstream once answered.
        if (!stream.registered) await release(gw, held, principal).catch(() => undefined);
      }
    },
    /** A 2025-11-25 session closed (by the agent, idle, or its credential lapsed): it lets go of its subscriptions. */
    closed(s: Session): void {
      // Even when it holds nothing yet: a subscribe of it still in the pipeline must not hold anything after this.
      if (s.options.subscriptions) void release(gw, s.options.subscriptions, s.principal).catch(() => undefined);
    },
    /** One upstream resource update: to the sessions and streams it may reach, and no others. */
    deliver(n: UpstreamNotification): void {
      const uri = gw.resourceUpdates.uriOf(n.params);
      if (!uri) return;
      const key = subscriptionKey(n.server, uri);
      for (const s of sessions())
        if (s.options.subscriptions?.has(key) && reaches(n, s.principal))
          throughGate(gw, sessionSubscriber(s), n.server, uri, {
            deliver: () => {
              for (const name of spellingsOf(s.options.subscriptions!, uri))
                void s.sdk?.server.notification({ method: n.method, params: { uri: name } }).catch(() => undefined);
            },
            lapsed: () => closeSession(s),
          });
      void toStreams(n, uri).catch(() => undefined);
    },
  };
}

/**
 * Whether an upstream's notification may reach a subscriber of `principal`: one from a process that serves a single
 * agent (a `per-agent` upstream) concerns that agent's copy of the resource, and reaches no other agent, though
 * another agent holds the same URI at its own process. (The stdio door serves one agent: a per-agent upstream there
 * runs that agent's process only.)
 */
const reaches = (n: UpstreamNotification, principal: Principal): boolean =>
  n.agent === undefined || n.agent === principal.agent;

/**
 * The spellings each 2025-11-25 holder (a session, the stdio door) subscribed to a URI with, normalised URI → as the
 * client wrote it: an update is named as the client subscribed, since a client matches it to its subscription as
 * written (what `named` is for a listen stream). Kept beside the holder, so a session that subscribes to nothing
 * carries nothing, and it goes when the holder does.
 */
const spelledBy = new WeakMap<SubscriptionHolder, Map<string, Set<string>>>();

/** `holder`'s resources/subscribe of `raw` succeeded (or its unsubscribe, when `subscribed` is false). */
export function noteSpelling(gw: FrontDoorPort, holder: SubscriptionHolder, raw: unknown, subscribed: boolean): void {
  if (typeof raw !== 'string') return;
  const uri = gw.resourceUpdates.uriOf({ uri: raw });
  if (!uri) return;
  let of = spelledBy.get(holder);
  if (!subscribed) return void of?.delete(uri);
  if (!of) spelledBy.set(holder, (of = new Map<string, Set<string>>()));
  (of.get(uri) ?? of.set(uri, new Set()).get(uri)!).add(raw);
}

/** The names `holder` hears an update of normalised `uri` under: each spelling it subscribed with. */
export function spellingsOf(holder: SubscriptionHolder, uri: string): Iterable<string> {
  return spelledBy.get(holder)?.get(uri) ?? [uri];
}

/**
 * One resources/subscribe or unsubscribe on a holder's behalf, through the pipeline (policy, audit); the gateway
 * counts holders per (upstream, URI) as it forwards.
 */
export async function forwardFor(
  gw: FrontDoorPort,
  principal: Principal,
  method: 'resources/subscribe' | 'resources/unsubscribe',
  uri: string,
  holder: SubscriptionHolder,
): Promise<void> {
  await gw.forward(methodCall(principal, method, { uri }, AbortSignal.timeout(OWNER_LOOKUP_MS), { holder }));
}

/**
 * A closed stream or session lets go of what it holds: each through the pipeline as a resources/unsubscribe (it
 * reaches the upstream only when no other stream or session holds the URI); one the pipeline refused before the
 * upstream is let go all the same, and the gateway ends an upstream subscription nobody holds then as its own.
 */
export async function release(gw: FrontDoorPort, holder: SubscriptionHolder, principal: Principal): Promise<void> {
  // First, before anything is awaited: a subscribe of this holder still in the pipeline cannot hold a URI after the
  // unsubscribes below were chosen (nothing would ever let go of it).
  gw.resourceUpdates.end(holder);
  for (const key of [...holder])
    await forwardFor(gw, principal, 'resources/unsubscribe', uriOfKey(key), holder).catch(() => undefined);
  await gw.resourceUpdates.drop(holder, principal);
}

/**
 * A listen stream's URIs, each normalised once: `named` maps each normalised one (what the pipeline decides on and
 * subscribes) to the spellings the client named it by (what the SDK matches updates against); `unnormalisable` keeps
 * the spellings that cannot be normalised, in their order.
 */
function namedUris(gw: FrontDoorPort, uris: readonly string[]) {
  const named = new Map<string, Set<string>>();
  const unnormalisable: string[] = [];
  for (const raw of uris) {
    const uri = gw.resourceUpdates.uriOf({ uri: raw });
    if (uri) (named.get(uri) ?? named.set(uri, new Set()).get(uri)!).add(raw);
    else unnormalisable.push(raw);
  }
  return { named, unnormalisable };
}

/**
 * Subscribes a listen stream's URIs at their owning upstreams for `holder`, each through the pipeline with the
 * stream's principal (policy, audited intent; a URI the policy refuses, one that cannot be normalised or that no
 * upstream offers is refused and audited, and nothing is subscribed). Resolves, once every subscribe settled, to the
 * URIs held: normalised → the spellings the client named it by (what the SDK matches and acknowledges). Both doors.
 */
export async function holdListened(
  gw: FrontDoorPort,
  principal: Principal,
  uris: readonly string[],
  holder: SubscriptionHolder,
): Promise<Map<string, Set<string>>> {
  const { named, unnormalisable } = namedUris(gw, uris);
  const held = await Promise.all(
    [...named.keys()].map((uri) =>
      forwardFor(gw, principal, 'resources/subscribe', uri, holder).then(
        () => true,
        () => false,
      ),
    ),
  );
  // A spelling that cannot be normalised goes through the pipeline too, for its refusal to be audited.
  await Promise.all(
    unnormalisable.map((u) => forwardFor(gw, principal, 'resources/subscribe', u, holder).catch(() => undefined)),
  );
  return new Map([...named].filter((_, i) => held[i]));
}

/** The URIs of a listen request, in its order and spelling, that are held (`named`, from {@link holdListened}). */
export function honoredSpellings(uris: readonly string[], named: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const held = new Set([...named.values()].flatMap((spellings) => [...spellings]));
  return uris.filter((u) => held.has(u));
}

/**
 * A `subscriptions/listen` request's resource URIs; undefined when the body is not one. `list` is undefined when
 * the request names none or names them malformed (the SDK answers that itself); `honor` narrows the request to the
 * URIs the gateway holds, so the SDK acknowledges (and matches) only those.
 */
function listenedUris(body: unknown): { list?: string[]; honor(uris: string[]): void } | undefined {
  const b = body as { method?: unknown; params?: { notifications?: { resourceSubscriptions?: unknown } } } | null;
  if (b?.method !== 'subscriptions/listen') return undefined;
  const n = b.params?.notifications;
  const list = n?.resourceSubscriptions;
  const ok = Array.isArray(list) && list.length > 0 && list.every((u) => typeof u === 'string');
  return {
    ...(ok ? { list: list } : {}),
    honor: (uris) => {
      if (n) n.resourceSubscriptions = uris;
    },
  };
}

/**
 * One resource update (normalised `uri` from `server`) for one subscriber that holds it — a 2025-11-25 session, a
 * listen stream, the stdio door — as the delivery gate says: `deliver`, nothing when refused, `lapsed` when its
 * credential no longer holds. The one place a verdict is acted on.
 */
export function throughGate(
  gw: FrontDoorPort,
  subscriber: ResourceSubscriber,
  server: string,
  uri: string,
  on: { deliver(): unknown; lapsed(): unknown },
): void {
  const failed = (e: unknown) =>
    updateFailures(
      server,
      `resource update from upstream ${server} not delivered to agent ${subscriber.principal().agent}: ${(e as Error).message}`,
    );
  let verdict: DeliveryVerdict | Promise<DeliveryVerdict>;
  try {
    verdict = gw.resourceUpdates.allows(subscriber, server, uri);
  } catch (e) {
    return failed(e);
  }
  settle(
    verdict,
    (v) => {
      if (v === 'deliver') on.deliver();
      else if (v === 'lapsed') on.lapsed();
    },
    failed,
  );
}

/** One warning, then a count a minute, per upstream: an update can reach many subscribers many times a second. */
const updateFailures = createThrottledLog((m) => logger().warn(m));

/**
 * Runs `then` on a verdict now when it is a value, after it when it is a promise. A failed check, or a delivery that
 * throws, delivers nothing and goes to `failed` (logged): it never becomes an unhandled rejection, which would end
 * the process.
 */
function settle<T>(v: T | Promise<T>, then: (v: T) => void, failed: (e: unknown) => void): void {
  if (v instanceof Promise) {
    v.then(then).catch(failed);
    return;
  }
  try {
    then(v);
  } catch (e) {
    failed(e);
  }
}
