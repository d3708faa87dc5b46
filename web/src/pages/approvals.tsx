import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { useLoad } from '../hooks.js';
import type { Approval } from '../types.js';
import { Badge, ErrorBox, PageHeader, RiskBadge, View, formatTime } from '../ui.js';

const POLL_MS = 3000;

/** Seconds until `iso`, ticking every second. */
function useSecondsLeft(iso: string): number {
  const left = () => Math.max(0, Math.round((Date.parse(iso) - Date.now()) / 1000));
  const [s, setS] = useState(left);
  useEffect(() => {
    const t = setInterval(() => setS(left()), 1000);
    return () => clearInterval(t);
  }, [iso]);
  return s;
}

const duration = (s: number) =>
  s >= 3600
    ? `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`
    : s >= 60
      ? `${Math.floor(s / 60)} min ${s % 60} s`
      : `${s} s`;

function Progress({ a }: { a: Approval }) {
  const approvals = a.decisions.filter((d) => d.decision === 'approve');
  const quorum = a.requiredApprovals.quorum;
  return (
    <div class="progress-wrap">
      <p>
        <strong>
          {approvals.length} of {quorum}
        </strong>{' '}
        approval(s)
        {a.requiredApprovals.groups && <> — one from each of: {a.requiredApprovals.groups.join(', ')}</>}
        {a.approvers?.groups && <> — approvers from: {a.approvers.groups.join(', ')}</>}
      </p>
      <svg
        class="progress"
        viewBox={`0 0 ${quorum} 1`}
        preserveAspectRatio="none"
        role="img"
        aria-label={`${approvals.length} of ${quorum} approvals`}
      >
        <rect width={quorum} height="1" class="fill-track" />
        <rect width={Math.min(approvals.length, quorum)} height="1" class="fill-allow" />
      </svg>
      {a.decisions.length > 0 && (
        <ul class="decisions">
          {a.decisions.map((d) => (
            <li key={`${d.by}-${d.at}`}>
              <Badge kind={d.decision === 'approve' ? 'allow' : 'deny'}>{d.decision}</Badge> {d.by}{' '}
              <small class="muted">{formatTime(d.at)}</small>
              {d.comment && <q>{d.comment}</q>}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function PendingCard({ a, canDecide, me, done }: { a: Approval; canDecide: boolean; me: string; done: () => void }) {
  const left = useSecondsLeft(a.expiresAt);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const decided = a.decisions.some((d) => d.by === me);
  const decide = async (verb: 'approve' | 'deny') => {
    setBusy(true);
    setError(undefined);
    try {
      await api<Approval>(`/api/v1/approvals/${a.id}/${verb}`, {
        method: 'POST',
        body: comment.trim() ? { comment: comment.trim() } : {},
      });
      setComment('');
      done();
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  const titleId = `apr-${a.id}`;
  return (
    <article class="card approval" aria-labelledby={titleId}>
      <div class="page-header">
        <h2 id={titleId}>
          <code>{a.tool}</code> <RiskBadge level={a.risk.level} />
        </h2>
        <span class={left < 60 ? 'time-left urgent' : 'time-left'} aria-label={`time left ${duration(left)}`}>
          {left > 0 ? `${duration(left)} left` : 'expiring'}
        </span>
      </div>
      <dl class="meta">
        <dt>Agent</dt>
        <dd>{a.agent}</dd>
        {a.user && (
          <>
            <dt>On behalf of</dt>
            <dd>{a.user}</dd>
          </>
        )}
        <dt>Backend</dt>
        <dd>{a.backend}</dd>
        <dt>Rule</dt>
        <dd>
          <code>{a.rule}</code>
        </dd>
        <dt>Requested</dt>
        <dd>{formatTime(a.createdAt)}</dd>
        <dt>Risk</dt>
        <dd>
          {a.risk.categories?.join(', ')}
          {a.risk.sideEffect && ` · ${a.risk.sideEffect}`}
          <ul>
            {a.risk.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </dd>
      </dl>
      <h3>Arguments</h3>
      <pre class="json">{JSON.stringify(a.arguments, null, 2)}</pre>
      <p class="muted">
        <small>
          {a.id} · digest <code>{a.argsDigest.slice(0, 16)}…</code>
        </small>
      </p>
      <Progress a={a} />
      {canDecide &&
        (decided ? (
          <p class="muted">You have decided on this request.</p>
        ) : (
          <form
            class="decide"
            onSubmit={(e) => {
              e.preventDefault();
            }}
          >
            <label>
              Comment (optional)
              <textarea rows={2} value={comment} onInput={(e) => setComment((e.target as HTMLTextAreaElement).value)} />
            </label>
            <div class="form-actions">
              <button type="button" class="approve" disabled={busy} onClick={() => void decide('approve')}>
                Approve
              </button>
              <button type="button" class="danger" disabled={busy} onClick={() => void decide('deny')}>
                Deny
              </button>
            </div>
          </form>
        ))}
      {error && <ErrorBox error={error} />}
    </article>
  );
}

function History() {
  const load = useLoad(() => api<{ items: Approval[] }>('/api/v1/approvals?limit=50'), 'history', POLL_MS * 3);
  return (
    <section class="card" aria-labelledby="history-h">
      <h2 id="history-h">History</h2>
      <View load={load} isEmpty={(d) => d.items.every((a) => a.status === 'pending')} empty="No decided requests yet.">
        {(d) => (
          <div class="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">Requested</th>
                  <th scope="col">Tool</th>
                  <th scope="col">Agent</th>
                  <th scope="col">Status</th>
                  <th scope="col">Decisions</th>
                </tr>
              </thead>
              <tbody>
                {d.items
                  .filter((a) => a.status !== 'pending')
                  .map((a) => (
                    <tr key={a.id}>
                      <td>{formatTime(a.createdAt)}</td>
                      <td>
                        <code>{a.tool}</code>
                      </td>
                      <td>{a.agent}</td>
                      <td>
                        <Badge kind={a.status}>{a.status}</Badge>
                      </td>
                      <td>
                        {a.decisions
                          .map((x) => `${x.by}: ${x.decision}${x.comment ? ` (${x.comment})` : ''}`)
                          .join('; ') || '—'}
                      </td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        )}
      </View>
    </section>
  );
}

export function ApprovalsPage({ canDecide, me }: { canDecide: boolean; me: string }) {
  const pending = useLoad(
    () => api<{ items: Approval[] }>('/api/v1/approvals?status=pending&limit=100'),
    'pending',
    POLL_MS,
  );
  return (
    <>
      <PageHeader title="Approvals" />
      {!canDecide && <p class="muted">Read-only: deciding needs the approver or admin role.</p>}
      <section aria-labelledby="pending-h" aria-live="polite">
        <h2 id="pending-h" class="sr-only">
          Pending requests
        </h2>
        <View load={pending} isEmpty={(d) => d.items.length === 0} empty="No calls are waiting for approval.">
          {(d) => (
            <div class="approvals">
              {d.items.map((a) => (
                <PendingCard key={a.id} a={a} canDecide={canDecide} me={me} done={pending.reload} />
              ))}
            </div>
          )}
        </View>
      </section>
      <History />
    </>
  );
}
