import type { ComponentChildren } from 'preact';
import type { Loaded } from './hooks.js';

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <p class="state state-loading" role="status" aria-live="polite">
      {what}…
    </p>
  );
}

export function ErrorBox({ error, retry }: { error: Error; retry?: () => void }) {
  return (
    <div class="state state-error" role="alert">
      <p>
        <strong>Could not load:</strong> {error.message}
      </p>
      {retry && (
        <button type="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ComponentChildren }) {
  return <p class="state state-empty">{children}</p>;
}

/** Loading / error / empty / data, the same way on every page. */
export function View<T>({
  load,
  empty,
  isEmpty,
  children,
}: {
  load: Loaded<T>;
  empty?: ComponentChildren;
  isEmpty?: (d: T) => boolean;
  children: (d: T) => ComponentChildren;
}) {
  if (load.error && !load.data) return <ErrorBox error={load.error} retry={load.reload} />;
  if (!load.data) return <Loading />;
  if (isEmpty?.(load.data)) return <Empty>{empty ?? 'Nothing here yet.'}</Empty>;
  return (
    <>
      {load.error && <ErrorBox error={load.error} retry={load.reload} />}
      {children(load.data)}
    </>
  );
}

export function Badge({ kind, children }: { kind: string; children: ComponentChildren }) {
  return <span class={`badge badge-${kind.replace(/[^a-z0-9-]/gi, '')}`}>{children}</span>;
}

export const RiskBadge = ({ level }: { level: string }) => <Badge kind={`risk-${level}`}>{level}</Badge>;

export function formatTime(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { hour12: false });
}

export function PageHeader({ title, children }: { title: string; children?: ComponentChildren }) {
  return (
    <div class="page-header">
      <h1 tabIndex={-1} id="page-title">
        {title}
      </h1>
      {children && <div class="page-actions">{children}</div>}
    </div>
  );
}
