import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/client';
import { FIXTURES } from '../harness.js';

/** The resource every copy of test/fixtures/notifying-upstream.mjs lists (and sends updates for). */
export const SHARED_URI = 'file:///srv/shared/doc.txt';

/**
 * A YAML `upstreams:` entry (indented two spaces) for one copy of the notifying upstream: its `touch` tool sends
 * `notifications/resources/updated` for SHARED_URI; every request it gets is appended to `requestLog`.
 */
export const notifyingUpstream = (name: string, requestLog: string): string => `
  ${name}:
    transport: stdio
    command: ${JSON.stringify(process.execPath)}
    args: [${JSON.stringify(join(FIXTURES, 'notifying-upstream.mjs'))}]
    env: { REQUEST_LOG: ${JSON.stringify(requestLog)}, UPSTREAM_NAME: ${name} }`;

/** Collects the resource update notifications one client receives. */
export function updatesOf(c: Client): string[] {
  const got: string[] = [];
  c.setNotificationHandler('notifications/resources/updated', (n) => void got.push(String(n.params.uri)));
  return got;
}

/** Time for a notification that would be delivered to arrive (used only to show one did NOT arrive). */
export const settle = (): Promise<unknown> => new Promise((r) => setTimeout(r, 700));

/** The subscribes and unsubscribes a notifying upstream logging to `requestLog` has finished, in order. */
export function subscriptionLog(requestLog: string): string[] {
  return readFileSync(requestLog, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => (JSON.parse(l) as { method: string }).method)
    .filter((m) => m === 'resources/subscribe' || m === 'resources/unsubscribe');
}

/**
 * The same per process (a `per-agent` pool runs one copy per agent, all logging to `requestLog`): process id → the
 * subscribes and unsubscribes it finished, in order, as they first appear.
 */
export function subscriptionLogByProcess(requestLog: string): Map<number, string[]> {
  const of = new Map<number, string[]>();
  for (const line of readFileSync(requestLog, 'utf8').split('\n').filter(Boolean)) {
    const { method, pid } = JSON.parse(line) as { method: string; pid: number };
    if (method === 'resources/subscribe' || method === 'resources/unsubscribe')
      (of.get(pid) ?? of.set(pid, []).get(pid)!).push(method);
  }
  return of;
}
