import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { useLoad } from '../hooks.js';
import { riskOf, type MatrixRow, type Tool } from '../types.js';
import { Badge, PageHeader, RiskBadge, View } from '../ui.js';
import { PinCell } from './pin-review.js';

export function InventoryPage({ isAdmin }: { isAdmin: boolean }) {
  const tools = useLoad(() => api<{ tools: Tool[] }>('/api/v1/tools'), 'tools');
  // Who may call what comes from the permission matrix (admins only).
  const matrix = useLoad(
    () => (isAdmin ? api<{ rows: MatrixRow[] }>('/api/v1/policy/matrix') : Promise.resolve({ rows: [] })),
    `matrix-${isAdmin}`,
  );
  const [search, setSearch] = useState('');
  const [risk, setRisk] = useState('');
  const [backend, setBackend] = useState('');
  const [pin, setPin] = useState('');
  const allowed = (tool: string) =>
    (matrix.data?.rows ?? []).filter((r) => r.tool === tool && r.effect !== 'deny').map((r) => r.agent);
  return (
    <>
      <PageHeader title="Inventory" />
      <View load={tools} isEmpty={(d) => d.tools.length === 0} empty="No tools: no backend is connected yet.">
        {(d) => {
          const backends = [...new Set(d.tools.map((t) => t.backend))].sort();
          const needle = search.trim().toLowerCase();
          const shown = d.tools.filter((t) => {
            const r = riskOf(t);
            return (
              (!needle ||
                t.name.toLowerCase().includes(needle) ||
                (r?.categories ?? []).some((c) => c.includes(needle))) &&
              (!risk || r?.level === risk) &&
              (!backend || t.backend === backend) &&
              (!pin || t.pin?.state === pin)
            );
          });
          return (
            <>
              <form class="filters card" role="search" onSubmit={(e) => e.preventDefault()}>
                <label>
                  Search{' '}
                  <input
                    type="search"
                    value={search}
                    onInput={(e) => setSearch((e.target as HTMLInputElement).value)}
                  />
                </label>
                <label>
                  Risk
                  <select value={risk} onChange={(e) => setRisk((e.target as HTMLSelectElement).value)}>
                    <option value="">any</option>
                    <option>low</option>
                    <option>medium</option>
                    <option>high</option>
                  </select>
                </label>
                <label>
                  Backend
                  <select value={backend} onChange={(e) => setBackend((e.target as HTMLSelectElement).value)}>
                    <option value="">any</option>
                    {backends.map((b) => (
                      <option key={b}>{b}</option>
                    ))}
                  </select>
                </label>
                <label>
                  Pin
                  <select value={pin} onChange={(e) => setPin((e.target as HTMLSelectElement).value)}>
                    <option value="">any</option>
                    <option>pinned</option>
                    <option>quarantined</option>
                  </select>
                </label>
                <p class="muted" aria-live="polite">
                  {shown.length} of {d.tools.length} tools
                </p>
              </form>
              <div class="table-wrap">
                <table class="inventory">
                  <thead>
                    <tr>
                      <th scope="col">Tool</th>
                      <th scope="col">Backend</th>
                      <th scope="col">Risk</th>
                      <th scope="col">Categories</th>
                      <th scope="col">Side effect</th>
                      <th scope="col">Reasons and findings</th>
                      <th scope="col">Pin</th>
                      {isAdmin && <th scope="col">Agents allowed</th>}
                    </tr>
                  </thead>
                  <tbody>
                    {shown.map((t) => {
                      const r = riskOf(t);
                      return (
                        <tr key={t.name}>
                          <th scope="row">
                            <code>{t.name}</code>
                          </th>
                          <td>{t.backend}</td>
                          <td>{r ? <RiskBadge level={r.level} /> : '—'}</td>
                          <td>{r?.categories.join(', ')}</td>
                          <td>{r?.sideEffect}</td>
                          <td>
                            {r && (
                              <details>
                                <summary>
                                  {r.reasons.length} reason(s)
                                  {r.findings.length > 0 && `, ${r.findings.length} finding(s)`}
                                </summary>
                                <ul>
                                  {r.reasons.map((x) => (
                                    <li key={x}>{x}</li>
                                  ))}
                                  {r.findings.map((f) => (
                                    <li key={f.message}>
                                      <Badge kind={`sev-${f.severity}`}>{f.severity}</Badge> {f.kind}: {f.message}
                                    </li>
                                  ))}
                                  {r.override && <li>override: {r.override.reason}</li>}
                                </ul>
                              </details>
                            )}
                          </td>
                          <td>
                            <PinCell tool={t} isAdmin={isAdmin} changed={tools.reload} />
                          </td>
                          {isAdmin && <td>{allowed(t.name).join(', ') || <span class="muted">none</span>}</td>}
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
            </>
          );
        }}
      </View>
    </>
  );
}
