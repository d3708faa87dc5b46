import { api } from '../api.js';
import { HBars, StackedColumns, type StackedPoint } from '../charts.js';
import { useLoad } from '../hooks.js';
import type { Approval, AuditPage, AuditRecord, BackendStatus } from '../types.js';
import { Badge, Empty, PageHeader, View, formatTime } from '../ui.js';

const WINDOW_MIN = 60;
const DECISIONS = ['allow', 'deny', 'hold'];

interface Overview {
  calls: AuditRecord[];
  backends: BackendStatus[];
  /** Calls waiting for a person now (`more`: the first page was full). */
  pending: { count: number; more: boolean; oldest?: string };
}

async function loadOverview(): Promise<Overview> {
  const from = new Date(Date.now() - WINDOW_MIN * 60_000).toISOString();
  // Every call has one decision record: its intent (allowed), its denial, or its hold.
  const q = (type: string) =>
    api<AuditPage>(`/api/v1/audit?type=${type}&from=${encodeURIComponent(from)}&limit=5000`).then((p) => p.records);
  const [allowed, denied, held, backends, pending] = await Promise.all([
    q('tool.call.requested'),
    q('tool.call.denied'),
    q('approval.requested').catch(() => [] as AuditRecord[]),
    api<{ backends: BackendStatus[] }>('/api/v1/backends'),
    api<{ items: Approval[]; nextCursor?: string }>('/api/v1/approvals?status=pending&limit=100'),
  ]);
  const oldest = pending.items.map((a) => a.createdAt).sort()[0];
  return {
    calls: [
      ...allowed.map((r) => ({ ...r, decision: 'allow' as const })),
      ...denied.map((r) => ({ ...r, decision: 'deny' as const })),
      ...held.map((r) => ({ ...r, decision: 'hold' as const })),
    ],
    backends: backends.backends,
    pending: { count: pending.items.length, more: pending.nextCursor !== undefined, ...(oldest ? { oldest } : {}) },
  };
}

function perMinute(calls: AuditRecord[]): StackedPoint[] {
  const now = Math.floor(Date.now() / 60_000);
  const points: StackedPoint[] = [];
  for (let m = now - WINDOW_MIN + 1; m <= now; m++) {
    const d = new Date(m * 60_000);
    points.push({
      label: `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`,
      values: {},
    });
  }
  for (const c of calls) {
    const i = Math.floor(Date.parse(c.timestamp) / 60_000) - (now - WINDOW_MIN + 1);
    const p = points[i];
    if (p && c.decision) p.values[c.decision] = (p.values[c.decision] ?? 0) + 1;
  }
  return points;
}

function topTools(calls: AuditRecord[]) {
  const n = new Map<string, number>();
  for (const c of calls) if (c.tool) n.set(c.tool, (n.get(c.tool) ?? 0) + 1);
  return [...n]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([label, value]) => ({ label, value }));
}

export function OverviewPage() {
  const load = useLoad(loadOverview, 'overview', 15_000);
  return (
    <>
      <PageHeader title="Overview" />
      <View load={load}>
        {(o) => (
          <div class="grid">
            <section class="card wide pending-tile" aria-labelledby="pending-h">
              <h2 id="pending-h">Pending approvals</h2>
              <p>
                <a href="#/approvals" class="big-number" id="pending-count">
                  {o.pending.count}
                  {o.pending.more ? '+' : ''}
                </a>{' '}
                {o.pending.count === 0
                  ? 'No call is waiting for a person.'
                  : `call(s) waiting for a person; the oldest since ${formatTime(o.pending.oldest)}.`}
              </p>
            </section>
            <section class="card wide" aria-labelledby="calls-h">
              <h2 id="calls-h">Calls per minute by decision (last hour)</h2>
              {o.calls.length === 0 ? (
                <Empty>No tool calls in the last hour.</Empty>
              ) : (
                <StackedColumns points={perMinute(o.calls)} keys={DECISIONS} title="Calls per minute" />
              )}
            </section>
            <section class="card" aria-labelledby="top-h">
              <h2 id="top-h">Top tools (last hour)</h2>
              {o.calls.length === 0 ? (
                <Empty>No calls yet.</Empty>
              ) : (
                <HBars items={topTools(o.calls)} title="Top tools" />
              )}
            </section>
            <section class="card" aria-labelledby="be-h">
              <h2 id="be-h">Upstreams and circuit breakers</h2>
              {o.backends.length === 0 ? (
                <Empty>No backends configured.</Empty>
              ) : (
                <ul class="tiles">
                  {o.backends.map((b) => (
                    <li key={b.name} class={`tile state-${b.state}`}>
                      <strong>{b.name}</strong> <small>{b.kind}</small>
                      <div>
                        <Badge kind={b.state === 'ready' ? 'ok' : 'bad'}>{b.state}</Badge>{' '}
                        {b.circuit && (
                          <Badge kind={b.circuit.state === 'closed' ? 'ok' : 'bad'}>breaker {b.circuit.state}</Badge>
                        )}
                      </div>
                      <small>
                        {b.toolCount} tool(s)
                        {b.circuit && b.circuit.consecutiveFailures > 0
                          ? `, ${b.circuit.consecutiveFailures} failure(s) in a row`
                          : ''}
                      </small>
                      {b.lastError && <small class="muted">{b.lastError}</small>}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </div>
        )}
      </View>
    </>
  );
}
