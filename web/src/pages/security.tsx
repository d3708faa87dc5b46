import { useState } from 'preact/hooks';
import { api, download } from '../api.js';
import { HBars, LineChart } from '../charts.js';
import { useLoad } from '../hooks.js';
import type { ReportCheck, ReportHistoryEntry, SecurityReport } from '../types.js';
import { Badge, Empty, ErrorBox, PageHeader, View, formatTime } from '../ui.js';

const STATUS_ORDER = { fail: 0, warn: 1, pass: 2, not_applicable: 3 } as const;
const FORMATS = [
  ['html', 'HTML'],
  ['pdf', 'PDF'],
  ['json', 'JSON'],
] as const;

/** Today plus `days`, as the value of a date input. */
const dateIn = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

function Acknowledge({ check, done }: { check: ReportCheck; done: () => void }) {
  const again = check.acknowledgement !== undefined;
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState(dateIn(30));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {again ? 'Acknowledge again' : 'Acknowledge'}
      </button>
    );
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      // The end of the chosen day, in the person's time zone.
      const expiresAt = new Date(`${until}T23:59:59`).toISOString();
      await api('/api/v1/report/acknowledgements', {
        method: 'POST',
        body: { checkId: check.id, reason: reason.trim(), expiresAt },
      });
      setOpen(false);
      done();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="ack" onSubmit={(e) => void submit(e)} aria-label={`Acknowledge ${check.id}`}>
      <label>
        Reason
        <textarea
          required
          rows={2}
          value={reason}
          onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)}
        />
      </label>
      <label>
        Until
        <input
          type="date"
          required
          min={dateIn(1)}
          value={until}
          onInput={(e) => setUntil((e.target as HTMLInputElement).value)}
        />
      </label>
      <div class="form-actions">
        <button type="submit" disabled={busy || !reason.trim()}>
          {busy ? 'Saving…' : 'Save acknowledgement'}
        </button>
        <button type="button" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </div>
      {error && <ErrorBox error={error} />}
    </form>
  );
}

function Check({ c, isAdmin, done }: { c: ReportCheck; isAdmin: boolean; done: () => void }) {
  const ack = c.acknowledgement;
  return (
    <li class={`check check-${c.status}`} data-check={c.id}>
      <details open={c.status === 'fail'}>
        <summary>
          <Badge kind={c.status === 'pass' ? 'ok' : c.status === 'fail' ? 'bad' : c.status}>
            {c.status.replace('_', ' ')}
          </Badge>{' '}
          <span class="check-title">{c.title}</span> <small class="muted">({c.area})</small>
          {ack && !ack.expired && <Badge kind="pending">acknowledged</Badge>}
        </summary>
        <dl class="meta">
          <dt>Evidence</dt>
          <dd>
            {c.evidence.summary}
            {c.evidence.items && c.evidence.items.length > 0 && (
              <ul>
                {c.evidence.items.map((i) => (
                  <li key={i}>
                    <code>{i}</code>
                  </li>
                ))}
                {c.evidence.more ? <li class="muted">and {c.evidence.more} more</li> : null}
              </ul>
            )}
          </dd>
          {c.status !== 'pass' && c.status !== 'not_applicable' && (
            <>
              <dt>Remediation</dt>
              <dd>{c.remediation}</dd>
            </>
          )}
          <dt>Inspected</dt>
          <dd>{c.inspected.join(', ')}</dd>
          {ack && (
            <>
              <dt>Acknowledged</dt>
              <dd>
                by {ack.by}: {ack.reason} — {ack.expired ? 'expired' : 'until'} {formatTime(ack.expiresAt)}
              </dd>
            </>
          )}
        </dl>
        {isAdmin && (c.status === 'fail' || c.status === 'warn') && <Acknowledge check={c} done={done} />}
      </details>
    </li>
  );
}

function Trend({ history }: { history: ReportHistoryEntry[] }) {
  if (history.length === 0) return <Empty>No score recorded yet.</Empty>;
  const points = [...history]
    .sort((a, b) => a.at.localeCompare(b.at))
    .map((h) => ({ label: formatTime(h.at), value: h.score }));
  return (
    <>
      <LineChart points={points} title="Score over time" />
      {history.length === 1 && (
        <p class="muted">One score so far: a new one is kept when the score changes, or after an hour.</p>
      )}
    </>
  );
}

export function SecurityPage({ isAdmin }: { isAdmin: boolean }) {
  const report = useLoad(() => api<SecurityReport>('/api/v1/report'), 'report');
  const history = useLoad(() => api<ReportHistoryEntry[]>('/api/v1/report/history'), 'history');
  const [downloadError, setDownloadError] = useState<Error>();
  const refresh = () => {
    report.reload();
    history.reload();
  };
  const get = (format: string) => {
    setDownloadError(undefined);
    download(`/api/v1/report?format=${format}`, `portcullis-report.${format}`).catch(setDownloadError);
  };
  return (
    <>
      <PageHeader title="Security">
        {FORMATS.map(([f, label]) => (
          <button key={f} type="button" onClick={() => get(f)}>
            Download {label}
          </button>
        ))}
      </PageHeader>
      {downloadError && <ErrorBox error={downloadError} />}
      <View load={report}>
        {(r) => {
          if (!r.score) return <Empty>This report has no score.</Empty>;
          const areas = Object.entries(r.score.areas).filter(([, a]) => a.score !== null);
          const checks = [...r.checks].sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status]);
          const failing = checks.filter((c) => c.status === 'fail' || c.status === 'warn').length;
          return (
            <div class="grid">
              <section class="card" aria-labelledby="score-h">
                <h2 id="score-h">Score</h2>
                <p>
                  <span class="score" id="score-value">
                    {r.score.value}
                  </span>{' '}
                  <Badge kind={r.score.grade === 'A' || r.score.grade === 'B' ? 'ok' : 'bad'}>
                    grade {r.score.grade}
                  </Badge>
                </p>
                <p class="muted">
                  {failing} check(s) failing or warning; generated {formatTime(r.generatedAt)}.
                </p>
              </section>
              <section class="card" aria-labelledby="areas-h">
                <h2 id="areas-h">By area</h2>
                <HBars
                  items={areas.map(([label, a]) => ({ label, value: a.score ?? 0 }))}
                  title="Score by area"
                  max={100}
                />
              </section>
              <section class="card wide" aria-labelledby="trend-h">
                <h2 id="trend-h">Trend</h2>
                <View load={history}>{(h) => <Trend history={h} />}</View>
              </section>
              <section class="card wide" aria-labelledby="checks-h">
                <h2 id="checks-h">Checks</h2>
                <ul class="checks">
                  {checks.map((c) => (
                    <Check key={c.id} c={c} isAdmin={isAdmin} done={refresh} />
                  ))}
                </ul>
              </section>
            </div>
          );
        }}
      </View>
    </>
  );
}
