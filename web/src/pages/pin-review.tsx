import { useState } from 'preact/hooks';
import { api } from '../api.js';
import type { PinDiff, Tool } from '../types.js';
import { Badge, ErrorBox, Loading } from '../ui.js';

const show = (v: unknown) => (v === undefined ? '(absent)' : JSON.stringify(v, null, 2));

/**
 * A tool's pin state in the inventory; for an admin, a quarantined tool can be reviewed (what changed since the
 * accepted definition) and accepted with a reason, through `GET /api/v1/tools/{name}/diff` and `…/accept`.
 */
export function PinCell({ tool, isAdmin, changed }: { tool: Tool; isAdmin: boolean; changed: () => void }) {
  const [diff, setDiff] = useState<PinDiff>();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  const path = `/api/v1/tools/${encodeURIComponent(tool.name)}`;
  const pin = tool.pin;
  if (!pin) return <span class="muted">—</span>;
  const review = async () => {
    setOpen(true);
    setError(undefined);
    try {
      setDiff(await api<PinDiff>(`${path}/diff`));
    } catch (e) {
      setError(e as Error);
    }
  };
  const accept = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await api(`${path}/accept`, {
        method: 'POST',
        body: { reason: reason.trim(), ...(diff?.pending ? { hash: diff.pending.hash } : {}) },
      });
      setOpen(false);
      setDiff(undefined);
      setReason('');
      changed();
    } catch (err) {
      setError(err as Error);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="pin">
      <Badge kind={pin.state === 'pinned' ? 'ok' : 'bad'}>{pin.state}</Badge>
      {pin.reason && <div class="muted">{pin.reason}</div>}
      {isAdmin && pin.state === 'quarantined' && !open && (
        <button type="button" onClick={() => void review()} aria-label={`Review change of ${tool.name}`}>
          Review change
        </button>
      )}
      {open && (
        <div class="card pin-review" role="group" aria-label={`Change of ${tool.name}`}>
          {!diff && !error && <Loading what="Loading the change" />}
          {diff && (
            <>
              <p>
                {diff.changes.length} change(s) since the definition{' '}
                {diff.pinned?.acceptedBy ? `accepted by ${diff.pinned.acceptedBy}` : 'first seen'}:
              </p>
              <ul class="changes">
                {diff.changes.map((c) => (
                  <li key={c.path}>
                    <code>{c.path}</code>
                    <div class="diff-pair">
                      <pre class="json before">{show(c.before)}</pre>
                      <pre class="json after">{show(c.after)}</pre>
                    </div>
                  </li>
                ))}
              </ul>
              <form onSubmit={(e) => void accept(e)}>
                <label>
                  Reason for accepting
                  <textarea
                    required
                    rows={2}
                    value={reason}
                    onInput={(e) => setReason((e.target as HTMLTextAreaElement).value)}
                  />
                </label>
                <div class="form-actions">
                  <button type="submit" disabled={busy || !reason.trim()}>
                    {busy ? 'Accepting…' : 'Accept new definition'}
                  </button>
                  <button type="button" onClick={() => setOpen(false)}>
                    Cancel
                  </button>
                </div>
              </form>
            </>
          )}
          {error && <ErrorBox error={error} retry={() => void review()} />}
        </div>
      )}
    </div>
  );
}
