/**
 * Small SVG charts drawn here (no chart library): presentation attributes and CSS classes only, never a style
 * attribute, so they render under `style-src 'self'`. Each chart has a text alternative for screen readers.
 */

export interface StackedPoint {
  label: string;
  values: Record<string, number>;
}

export function StackedColumns({ points, keys, title }: { points: StackedPoint[]; keys: string[]; title: string }) {
  const W = 1000;
  const H = 160;
  const pad = 28;
  const max = Math.max(1, ...points.map((p) => keys.reduce((s, k) => s + (p.values[k] ?? 0), 0)));
  const bw = (W - pad) / Math.max(1, points.length);
  const total = (k: string) => points.reduce((s, p) => s + (p.values[k] ?? 0), 0);
  const summary = `${title}: ${keys.map((k) => `${total(k)} ${k}`).join(', ')} over ${points.length} minutes`;
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${W} ${H + 16}`} role="img" aria-label={summary}>
        <line x1={pad} y1={H} x2={W} y2={H} class="axis" />
        <text x={0} y={12} class="tick">
          {max}
        </text>
        <text x={0} y={H} class="tick">
          0
        </text>
        {points.map((p, i) => {
          let y = H;
          return (
            <g key={p.label}>
              <title>{`${p.label}: ${keys.map((k) => `${p.values[k] ?? 0} ${k}`).join(', ')}`}</title>
              {keys.map((k) => {
                const h = ((p.values[k] ?? 0) / max) * (H - 8);
                y -= h;
                return h > 0 ? (
                  <rect key={k} x={pad + i * bw + 1} y={y} width={Math.max(1, bw - 2)} height={h} class={`fill-${k}`} />
                ) : null;
              })}
            </g>
          );
        })}
        {points.length > 0 && (
          <>
            <text x={pad} y={H + 14} class="tick">
              {points[0]!.label}
            </text>
            <text x={W} y={H + 14} class="tick" text-anchor="end">
              {points[points.length - 1]!.label}
            </text>
          </>
        )}
      </svg>
      <figcaption>
        {keys.map((k) => (
          <span key={k} class="legend">
            <svg width="10" height="10" aria-hidden="true">
              <rect width="10" height="10" class={`fill-${k}`} />
            </svg>{' '}
            {k} {total(k)}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

export function HBars({
  items,
  title,
  max = Math.max(1, ...items.map((i) => i.value)),
}: {
  items: { label: string; value: number }[];
  title: string;
  /** The value of a full bar (default: the largest value). */
  max?: number;
}) {
  const rowH = 22;
  const W = 600;
  const labelW = 220;
  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${W} ${items.length * rowH}`}
        role="img"
        aria-label={`${title}: ${items.map((i) => `${i.label} ${i.value}`).join(', ')}`}
      >
        {items.map((it, n) => (
          <g key={it.label}>
            <text x={0} y={n * rowH + 15} class="bar-label">
              {it.label.length > 30 ? `${it.label.slice(0, 29)}…` : it.label}
            </text>
            <rect
              x={labelW}
              y={n * rowH + 4}
              height={rowH - 8}
              width={Math.max(2, ((W - labelW - 40) * it.value) / max)}
              class="fill-bar"
            />
            <text x={labelW + ((W - labelW - 40) * it.value) / max + 6} y={n * rowH + 15} class="tick">
              {it.value}
            </text>
          </g>
        ))}
      </svg>
    </figure>
  );
}

export function LineChart({
  points,
  title,
  max = 100,
}: {
  points: { label: string; value: number }[];
  title: string;
  max?: number;
}) {
  const W = 1000;
  const H = 140;
  const left = 30;
  const step = points.length > 1 ? (W - left - 10) / (points.length - 1) : 0;
  const x0 = points.length > 1 ? left : (W + left) / 2;
  const xy = points.map((p, i) => [x0 + i * step, H - (p.value / max) * (H - 10)] as const);
  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${W} ${H + 18}`}
        role="img"
        aria-label={`${title}: ${points.map((p) => `${p.label} ${p.value}`).join(', ')}`}
      >
        <line x1={left} y1={H} x2={W} y2={H} class="axis" />
        <line x1={left} y1={10} x2={W} y2={10} class="axis" />
        <text x={0} y={14} class="tick">
          {max}
        </text>
        <text x={0} y={H} class="tick">
          0
        </text>
        <polyline points={xy.map(([x, y]) => `${x},${y}`).join(' ')} class="line" fill="none" />
        {xy.map(([x, y], i) => (
          <circle key={i} cx={x} cy={y} r={4} class="dot">
            <title>{`${points[i]!.label}: ${points[i]!.value}`}</title>
          </circle>
        ))}
        {points.length > 0 && (
          <>
            <text x={left} y={H + 16} class="tick">
              {points[0]!.label}
            </text>
            {points.length > 1 && (
              <text x={W} y={H + 16} class="tick" text-anchor="end">
                {points[points.length - 1]!.label}
              </text>
            )}
          </>
        )}
      </svg>
    </figure>
  );
}
