/**
 * Small SVG charts for the bureau pages. ECharts (bar + line + gauge + canvas renderer, about
 * 185 KB gzip) does not fit the 300 KB per-route budget on top of the workspace's shared
 * 274 KB entry (web/dist/.sizes.json), so the bureau's charts are drawn here: horizontal bars
 * with every label shown, a quarterly line with target and band, and a gauge with its labels
 * outside the ticks. Every bar and point is a keyboard-reachable link when it drills down.
 */
import type { ReactNode } from 'react';
import { Link } from '../../app/router';

export interface Bar {
  key: string;
  label: string;
  /** Percent 0–100, or null (no purchases: drawn as "—", never as 0 %). */
  value: number | null;
  href?: string;
}

/** Horizontal bars, one row per item, labels always visible (issue 17). */
export function HBars({ bars, label, testId }: { bars: Bar[]; label: string; testId?: string }) {
  return (
    <div role="list" aria-label={label} data-testid={testId} className="zlt-hbars">
      {bars.map((b) => {
        const content: ReactNode = (
          <>
            <span className="zlt-hbar-label">{b.label}</span>
            <span className="zlt-hbar-track">
              {b.value !== null && <span className="zlt-hbar-fill" style={{ width: `${Math.max(0, Math.min(100, b.value))}%` }} />}
            </span>
            <span className="zlt-hbar-value">{b.value === null ? '—' : `${b.value.toFixed(2)} %`}</span>
          </>
        );
        return (
          <div role="listitem" key={b.key}>
            {b.href ? <Link className="zlt-hbar" to={b.href} data-key={b.key}>{content}</Link> : <div className="zlt-hbar">{content}</div>}
          </div>
        );
      })}
    </div>
  );
}

export interface LinePoint {
  label: string;
  /** Percent, or null. */
  value: number | null;
  href?: string;
}

/** A line over quarters: observed points, optional projected points with a band, horizontal reference lines labelled above their right end. */
export function LineChart({ points, projected = [], refs = [], label, height = 260 }: {
  points: LinePoint[];
  projected?: { label: string; value: number; low: number; high: number }[];
  refs?: { value: number; text: string }[];
  label: string;
  height?: number;
}) {
  const labels = [...points.map((p) => p.label), ...projected.map((p) => p.label)];
  const width = Math.max(480, labels.length * 48);
  const [left, right, top, bottom] = [44, 16, 16, 48];
  const x = (i: number) => left + (labels.length <= 1 ? 0 : (i * (width - left - right)) / (labels.length - 1));
  const y = (v: number) => top + ((100 - v) * (height - top - bottom)) / 100;
  const path = (values: (number | null)[], offset = 0) => {
    let d = '';
    let pen = false;
    values.forEach((v, i) => {
      if (v === null) { pen = false; return; }
      d += `${pen ? 'L' : 'M'}${x(i + offset).toFixed(1)},${y(v).toFixed(1)} `;
      pen = true;
    });
    return d;
  };
  const offset = points.length;
  const band = projected.length > 0
    ? `M${projected.map((p, i) => `${x(i + offset).toFixed(1)},${y(p.high).toFixed(1)}`).join(' L')} L${[...projected].reverse().map((p, i) => `${x(offset + projected.length - 1 - i).toFixed(1)},${y(p.low).toFixed(1)}`).join(' L')} Z`
    : '';
  return (
    <div style={{ overflowX: 'auto' }}>
      <svg viewBox={`0 0 ${width} ${height}`} style={{ width: '100%', minWidth: 360, height: 'auto', maxHeight: height * 1.4 }} role="img" aria-label={label} className="zlt-line">
        {[0, 25, 50, 75, 100].map((v) => (
          <g key={v}>
            <line x1={left} x2={width - right} y1={y(v)} y2={y(v)} className="zlt-grid" />
            <text x={left - 6} y={y(v) + 4} textAnchor="end" className="zlt-axis">{`${v} %`}</text>
          </g>
        ))}
        {labels.map((l, i) => (
          <text key={l} x={x(i)} y={height - bottom + 16} textAnchor="end" transform={`rotate(-40 ${x(i)} ${height - bottom + 16})`} className="zlt-axis">{l}</text>
        ))}
        {band && <path d={band} className="zlt-band" />}
        {refs.map((r) => (
          <g key={r.text}>
            <line x1={left} x2={width - right} y1={y(r.value)} y2={y(r.value)} className="zlt-ref" />
            {/* Above the line at its right end, not across it (issue 17). */}
            <text x={width - right} y={y(r.value) - 5} textAnchor="end" className="zlt-ref-text">{r.text}</text>
          </g>
        ))}
        <path d={path(points.map((p) => p.value))} className="zlt-observed" />
        {projected.length > 0 && <path d={path([points.length > 0 ? points[points.length - 1].value : null, ...projected.map((p) => p.value)], offset - 1)} className="zlt-projected" />}
        {points.map((p, i) => p.value !== null && (
          p.href
            ? <Link key={p.label} to={p.href} aria-label={`${p.label} ${p.value.toFixed(2)} %`}><circle cx={x(i)} cy={y(p.value)} r={5} className="zlt-point" /></Link>
            : <circle key={p.label} cx={x(i)} cy={y(p.value)} r={4} className="zlt-point" />
        ))}
      </svg>
    </div>
  );
}

/** A half-circle gauge, 0–100 %, with tick labels outside the arc (issue 17: not on the ticks) and the target marked. */
export function Gauge({ value, target, label }: { value: number; target?: number | null; label: string }) {
  const [cx, cy, r] = [120, 120, 90];
  const point = (v: number, radius: number) => {
    const a = Math.PI * (1 - v / 100);
    return [cx + radius * Math.cos(a), cy - radius * Math.sin(a)];
  };
  const arc = (v: number) => {
    const [ex, ey] = point(v, r);
    return `M${cx - r},${cy} A${r},${r} 0 0 1 ${ex.toFixed(1)},${ey.toFixed(1)}`;
  };
  return (
    <svg viewBox="0 0 240 150" width="100%" height={170} role="img" aria-label={label}>
      <path d={arc(100)} className="zlt-gauge-track" />
      {value > 0 && <path d={arc(Math.min(100, value))} className="zlt-gauge-fill" />}
      {[0, 25, 50, 75, 100].map((v) => {
        const [x1, y1] = point(v, r - 12);
        const [x2, y2] = point(v, r + 12);
        const [tx, ty] = point(v, r + 24);
        return (
          <g key={v}>
            <line x1={x1} y1={y1} x2={x2} y2={y2} className="zlt-gauge-tick" />
            <text x={tx} y={ty + 4} textAnchor="middle" className="zlt-axis">{v}</text>
          </g>
        );
      })}
      {target != null && (() => {
        const [x1, y1] = point(target, r - 16);
        const [x2, y2] = point(target, r + 16);
        return <line x1={x1} y1={y1} x2={x2} y2={y2} className="zlt-gauge-target" />;
      })()}
      <text x={cx} y={cy - 10} textAnchor="middle" className="zlt-gauge-value">{`${value.toFixed(2)} %`}</text>
    </svg>
  );
}

/** A plain table (antd's Table does not fit the route budget either); rows may link. */
export function DataTable<T>({ rows, columns, rowKey, label, testId }: {
  rows: readonly T[];
  columns: { title: string; render: (row: T) => ReactNode; align?: 'right' }[];
  rowKey: (row: T) => string;
  label: string;
  testId?: string;
}) {
  return (
    <div style={{ overflowX: 'auto' }}>
      <table className="zlt-table" aria-label={label} data-testid={testId}>
        <thead><tr>{columns.map((c) => <th key={c.title} style={{ textAlign: c.align ?? 'left' }}>{c.title}</th>)}</tr></thead>
        <tbody>
          {rows.map((row) => <tr key={rowKey(row)}>{columns.map((c) => <td key={c.title} style={{ textAlign: c.align ?? 'left' }}>{c.render(row)}</td>)}</tr>)}
        </tbody>
      </table>
    </div>
  );
}
