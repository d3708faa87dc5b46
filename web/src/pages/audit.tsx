import { useState } from 'preact/hooks';
import { api, download } from '../api.js';
import { useLoad } from '../hooks.js';
import type { AuditPage, AuditRecord, VerifyResult } from '../types.js';
import { Badge, ErrorBox, PageHeader, View, formatTime } from '../ui.js';

const FIELDS = [
  ['agent', 'Agent'],
  ['user', 'User'],
  ['tool', 'Tool'],
  ['type', 'Event type'],
  ['status', 'Result status'],
  ['approvalId', 'Approval id'],
] as const;

type Filters = Record<string, string>;

function queryOf(f: Filters): URLSearchParams {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) {
    if (!v) continue;
    q.set(k, k === 'from' || k === 'to' ? new Date(v).toISOString() : v);
  }
  return q;
}

function VerifyPanel() {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<VerifyResult>();
  const [error, setError] = useState<Error>();
  const run = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setResult(await api<VerifyResult>('/api/v1/audit/verify', { method: 'POST' }));
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="card" aria-labelledby="verify-h">
      <h2 id="verify-h">Integrity</h2>
      <button type="button" onClick={() => void run()} disabled={busy}>
        {busy ? 'Verifying…' : 'Verify chain'}
      </button>
      {error && <ErrorBox error={error} />}
      <div aria-live="polite" id="verify-result">
        {result &&
          (result.ok ? (
            <p class="verify-ok">
              <Badge kind="ok">chain intact</Badge> {result.records} records
              {result.firstSeq !== undefined && ` (seq ${result.firstSeq}–${result.lastSeq})`} verified in{' '}
              {result.durationMs} ms; key from {result.keySource}.
            </p>
          ) : (
            <div class="verify-bad" role="alert">
              <p>
                <Badge kind="bad">chain broken</Badge> {result.issues.length} problem(s) in {result.records} records;
                first break at seq <strong class="break-seq">{result.issues[0]?.seq}</strong>.
              </p>
              <ul>
                {result.issues.slice(0, 20).map((i) => (
                  <li key={`${i.seq}-${i.kind}`}>
                    seq {i.seq}: {i.kind} — {i.message}
                  </li>
                ))}
              </ul>
            </div>
          ))}
      </div>
    </section>
  );
}

function Detail({ r, close }: { r: AuditRecord; close: () => void }) {
  return (
    <section class="card detail" aria-labelledby="detail-h">
      <div class="page-header">
        <h2 id="detail-h">
          Record {r.seq} <small>{r.type}</small>
        </h2>
        <button type="button" onClick={close}>
          Close
        </button>
      </div>
      <pre class="json">{JSON.stringify(r, null, 2)}</pre>
    </section>
  );
}

export function AuditPageView() {
  const [draft, setDraft] = useState<Filters>({});
  const [filters, setFilters] = useState<Filters>({});
  const [cursors, setCursors] = useState<string[]>([]);
  const [selected, setSelected] = useState<AuditRecord>();
  const cursor = cursors[cursors.length - 1];
  const q = queryOf(filters);
  q.set('limit', '50');
  if (cursor) q.set('cursor', cursor);
  const load = useLoad(() => api<AuditPage>(`/api/v1/audit?${q.toString()}`), q.toString());
  const set = (k: string) => (e: Event) => setDraft({ ...draft, [k]: (e.target as HTMLInputElement).value });
  const exportAs = (format: 'jsonl' | 'csv') => {
    const eq = queryOf(filters);
    eq.set('format', format);
    void download(`/api/v1/audit/export?${eq.toString()}`, `portcullis-audit.${format}`);
  };
  return (
    <>
      <PageHeader title="Audit">
        <button type="button" onClick={() => exportAs('jsonl')}>
          Export JSONL
        </button>
        <button type="button" onClick={() => exportAs('csv')}>
          Export CSV
        </button>
      </PageHeader>
      <VerifyPanel />
      <form
        class="filters card"
        aria-label="Audit filters"
        onSubmit={(e) => {
          e.preventDefault();
          setCursors([]);
          setSelected(undefined);
          setFilters({ ...draft });
        }}
      >
        <label>
          From <input type="datetime-local" name="from" value={draft.from ?? ''} onInput={set('from')} />
        </label>
        <label>
          To <input type="datetime-local" name="to" value={draft.to ?? ''} onInput={set('to')} />
        </label>
        {FIELDS.map(([k, label]) => (
          <label key={k}>
            {label} <input name={k} value={draft[k] ?? ''} onInput={set(k)} />
          </label>
        ))}
        <label>
          Decision
          <select name="decision" value={draft.decision ?? ''} onChange={set('decision')}>
            <option value="">any</option>
            <option>allow</option>
            <option>deny</option>
            <option>hold</option>
          </select>
        </label>
        <div class="form-actions">
          <button type="submit">Search</button>
          <button
            type="button"
            onClick={() => {
              setDraft({});
              setFilters({});
              setCursors([]);
            }}
          >
            Clear
          </button>
        </div>
      </form>
      {selected && <Detail r={selected} close={() => setSelected(undefined)} />}
      <View load={load} isEmpty={(p) => p.records.length === 0} empty="No records match these filters.">
        {(page) => (
          <>
            <div class="table-wrap">
              <table class="records">
                <caption class="sr-only">Audit records, newest first</caption>
                <thead>
                  <tr>
                    <th scope="col">Seq</th>
                    <th scope="col">Time</th>
                    <th scope="col">Type</th>
                    <th scope="col">Agent</th>
                    <th scope="col">User</th>
                    <th scope="col">Tool</th>
                    <th scope="col">Decision</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {page.records.map((r) => (
                    <tr key={r.seq} class={selected?.seq === r.seq ? 'selected' : ''}>
                      <td>
                        <button
                          type="button"
                          class="link"
                          onClick={() => setSelected(r)}
                          aria-label={`Show record ${r.seq}`}
                        >
                          {r.seq}
                        </button>
                      </td>
                      <td>{formatTime(r.timestamp)}</td>
                      <td>{r.type}</td>
                      <td>{r.agent}</td>
                      <td>{r.user}</td>
                      <td>{r.tool}</td>
                      <td>{r.decision && <Badge kind={r.decision}>{r.decision}</Badge>}</td>
                      <td>{r.resultStatus}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <nav class="pager" aria-label="Pages">
              <button type="button" disabled={cursors.length === 0} onClick={() => setCursors(cursors.slice(0, -1))}>
                Newer
              </button>
              <span>Page {cursors.length + 1}</span>
              <button
                type="button"
                disabled={!page.nextCursor}
                onClick={() => page.nextCursor && setCursors([...cursors, page.nextCursor])}
              >
                Older
              </button>
            </nav>
          </>
        )}
      </View>
    </>
  );
}
