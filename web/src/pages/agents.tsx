import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { useLoad } from '../hooks.js';
import type { Agent, MatrixRow } from '../types.js';
import { Badge, ErrorBox, PageHeader, View, formatTime } from '../ui.js';

interface NewKey {
  agent: string;
  id: string;
  key: string;
  revoked?: number;
}

/** The new key, shown once: only its hash is stored, so it cannot be shown again. */
function KeyOnce({ k, close }: { k: NewKey; close: () => void }) {
  const [copied, setCopied] = useState(false);
  return (
    <div class="card key-once" role="alert">
      <p>
        New key <code>{k.id}</code> for <strong>{k.agent}</strong>
        {k.revoked !== undefined && ` (${k.revoked} old key(s) revoked)`}. Copy it now: it is shown only once.
      </p>
      <code class="secret" id="new-key">
        {k.key}
      </code>
      <div class="form-actions">
        <button type="button" onClick={() => void navigator.clipboard?.writeText(k.key).then(() => setCopied(true))}>
          {copied ? 'Copied' : 'Copy'}
        </button>
        <button type="button" onClick={close}>
          Done
        </button>
      </div>
    </div>
  );
}

function AgentRow({ a, onKey, onChange }: { a: Agent; onKey: (k: NewKey) => void; onChange: () => void }) {
  const [confirm, setConfirm] = useState<'rotate' | 'revoke'>();
  const [error, setError] = useState<Error>();
  const active = a.keys.filter((k) => !k.revokedAt);
  const act = async (action: 'create' | 'rotate' | 'revoke') => {
    setError(undefined);
    setConfirm(undefined);
    try {
      const path = `/api/v1/agents/${encodeURIComponent(a.name)}/keys${action === 'create' ? '' : `/${action}`}`;
      const r = await api<NewKey & { revoked?: number }>(path, { method: 'POST' });
      if (r.key) onKey(r);
    } catch (e) {
      setError(e as Error);
    } finally {
      onChange();
    }
  };
  return (
    <tr>
      <th scope="row">
        {a.name}
        {a.description && <div class="muted">{a.description}</div>}
      </th>
      <td>
        {active.length === 0 ? (
          <span class="muted">no active key</span>
        ) : (
          active.map((k) => (
            <div key={k.id}>
              <code>{k.id}</code> <small class="muted">since {formatTime(k.createdAt)}</small>
            </div>
          ))
        )}
        <small class="muted">{a.keys.length - active.length} revoked</small>
        {error && <ErrorBox error={error} />}
      </td>
      <td class="actions">
        {confirm ? (
          <>
            <span>{confirm === 'rotate' ? 'Revoke every key and issue a new one?' : 'Revoke every key?'}</span>
            <button type="button" class="danger" onClick={() => void act(confirm)}>
              Yes, {confirm}
            </button>
            <button type="button" onClick={() => setConfirm(undefined)}>
              Cancel
            </button>
          </>
        ) : (
          <>
            <button type="button" onClick={() => void act('create')}>
              Create key
            </button>
            <button type="button" onClick={() => setConfirm('rotate')} disabled={active.length === 0}>
              Rotate
            </button>
            <button type="button" class="danger" onClick={() => setConfirm('revoke')} disabled={active.length === 0}>
              Revoke
            </button>
          </>
        )}
      </td>
    </tr>
  );
}

interface Explained {
  decision: { effect: string; rule: string; reasons: string[] };
  target: { backend: string; risk: { level: string } };
}

function Explain({
  agents,
  tools,
  initial,
}: {
  agents: string[];
  tools: string[];
  initial: { agent: string; tool: string };
}) {
  const [agent, setAgent] = useState(initial.agent);
  const [tool, setTool] = useState(initial.tool);
  const [user, setUser] = useState('');
  const [args, setArgs] = useState('');
  const [out, setOut] = useState<Explained>();
  const [error, setError] = useState<Error>();
  const run = async (e: Event) => {
    e.preventDefault();
    setError(undefined);
    const q = new URLSearchParams({ agent, tool });
    if (user) q.set('user', user);
    if (args.trim()) q.set('args', args);
    try {
      setOut(await api<Explained>(`/api/v1/policy/explain?${q.toString()}`));
    } catch (err) {
      setOut(undefined);
      setError(err as Error);
    }
  };
  return (
    <section class="card" aria-labelledby="explain-h">
      <h2 id="explain-h">Explain a decision</h2>
      <form class="filters" onSubmit={(e) => void run(e)}>
        <label>
          Agent
          <select value={agent} onChange={(e) => setAgent((e.target as HTMLSelectElement).value)}>
            {agents.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </label>
        <label>
          Tool
          <select value={tool} onChange={(e) => setTool((e.target as HTMLSelectElement).value)}>
            {tools.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        </label>
        <label>
          User (optional) <input value={user} onInput={(e) => setUser((e.target as HTMLInputElement).value)} />
        </label>
        <label class="wide">
          Arguments (JSON, optional)
          <textarea rows={2} value={args} onInput={(e) => setArgs((e.target as HTMLTextAreaElement).value)} />
        </label>
        <div class="form-actions">
          <button type="submit">Explain</button>
        </div>
      </form>
      {error && <ErrorBox error={error} />}
      {out && (
        <div aria-live="polite" class="explained">
          <p>
            <Badge kind={out.decision.effect}>{out.decision.effect}</Badge> by rule <code>{out.decision.rule}</code>{' '}
            (backend {out.target.backend}, risk {out.target.risk.level})
          </p>
          <ul>
            {out.decision.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

function Matrix({ rows, pick }: { rows: MatrixRow[]; pick: (agent: string, tool: string) => void }) {
  const agents = [...new Set(rows.map((r) => r.agent))];
  const tools = [...new Set(rows.map((r) => r.tool))];
  const cell = new Map(rows.map((r) => [`${r.agent}\u0000${r.tool}`, r]));
  return (
    <div class="table-wrap">
      <table class="matrix">
        <caption class="sr-only">Permission matrix: tools by agent, with the deciding rule</caption>
        <thead>
          <tr>
            <th scope="col">Tool</th>
            {agents.map((a) => (
              <th scope="col" key={a}>
                {a}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {tools.map((t) => (
            <tr key={t}>
              <th scope="row">{t}</th>
              {agents.map((a) => {
                const r = cell.get(`${a}\u0000${t}`);
                if (!r) return <td key={a} />;
                const why = `${r.rule}${r.reasons?.length ? `: ${r.reasons.join('; ')}` : ''}`;
                return (
                  <td key={a} class={`cell-${r.effect}`}>
                    <button
                      type="button"
                      class="link"
                      title={why}
                      aria-label={`${a} ${t}: ${r.effect}, ${why}`}
                      onClick={() => pick(a, t)}
                    >
                      {r.effect}
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function AgentsPage() {
  const agents = useLoad(() => api<{ agents: Agent[] }>('/api/v1/agents'), 'agents');
  const matrix = useLoad(() => api<{ rows: MatrixRow[] }>('/api/v1/policy/matrix'), 'matrix');
  const [newKey, setNewKey] = useState<NewKey>();
  const [pick, setPick] = useState({ agent: '', tool: '' });
  return (
    <>
      <PageHeader title="Agents and permissions" />
      {newKey && <KeyOnce k={newKey} close={() => setNewKey(undefined)} />}
      <section class="card" aria-labelledby="agents-h">
        <h2 id="agents-h">Agents and keys</h2>
        <View load={agents} isEmpty={(d) => d.agents.length === 0} empty="No agents in the config.">
          {(d) => (
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Agent</th>
                    <th scope="col">Keys</th>
                    <th scope="col">Actions</th>
                  </tr>
                </thead>
                <tbody>
                  {d.agents.map((a) => (
                    <AgentRow key={a.name} a={a} onKey={setNewKey} onChange={agents.reload} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </View>
      </section>
      <section class="card" aria-labelledby="matrix-h">
        <h2 id="matrix-h">Permission matrix</h2>
        <View load={matrix} isEmpty={(d) => d.rows.length === 0} empty="No agents or no tools yet.">
          {(d) => (
            <>
              <Matrix rows={d.rows} pick={(agent, tool) => setPick({ agent, tool })} />
              <Explain
                key={`${pick.agent}/${pick.tool}`}
                agents={[...new Set(d.rows.map((r) => r.agent))]}
                tools={[...new Set(d.rows.map((r) => r.tool))]}
                initial={{
                  agent: pick.agent || d.rows[0]?.agent || '',
                  tool: pick.tool || d.rows[0]?.tool || '',
                }}
              />
            </>
          )}
        </View>
      </section>
    </>
  );
}
