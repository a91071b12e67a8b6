// Charts of the seller dashboard: SVG drawn on the server (no JavaScript needed), each
// with a title and a description for screen readers; the numbers themselves are in a
// table next to them (SeriesTable).

export interface ChartSeries {
  name: string;
  values: number[];
  /** A CSS class giving its colour; lines also differ in dash, so colour is never alone. */
  className: string;
}

export interface ChartProps {
  /** A prefix for element ids, unique on the page. */
  id: string;
  title: string;
  /** One or two sentences saying what the chart shows. */
  description: string;
  /** One per bucket. */
  labels: string[];
  series: ChartSeries[];
  format: (value: number) => string;
  kind: 'bar' | 'line';
}

const WIDTH = 640;
const HEIGHT = 240;
const PAD = { top: 14, right: 14, bottom: 30, left: 64 };
const PLOT_W = WIDTH - PAD.left - PAD.right;
const PLOT_H = HEIGHT - PAD.top - PAD.bottom;

/** The smallest 1, 2 or 5 × 10ⁿ at or above the largest value: a round top for the axis. */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  const fraction = value / magnitude;
  const nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * magnitude;
}

/** Which buckets get an axis label: at most `most`, always the first and the last. */
export function labelledIndexes(count: number, most = 6): number[] {
  if (count <= most) return Array.from({ length: count }, (_, i) => i);
  const step = (count - 1) / (most - 1);
  return [...new Set(Array.from({ length: most }, (_, i) => Math.round(i * step)))];
}

export function Chart({ id, title, description, labels, series, format, kind }: ChartProps) {
  const count = labels.length;
  const top = niceMax(Math.max(0, ...series.flatMap((s) => s.values)));
  const band = PLOT_W / Math.max(count, 1);
  const y = (value: number) => PAD.top + PLOT_H - (Math.max(0, value) / top) * PLOT_H;
  const x = (i: number) => PAD.left + band * i + band / 2;
  const ticks = [0, top / 2, top];
  return (
    <figure className="chart" data-testid={`${id}-chart`}>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        role="img"
        aria-labelledby={`${id}-title ${id}-desc`}
        className={`chart-svg chart-${kind}`}
      >
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{description}</desc>
        <g className="chart-grid">
          {ticks.map((tick) => (
            <g key={tick}>
              <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(tick)} y2={y(tick)} />
              <text x={PAD.left - 8} y={y(tick)} dy="0.35em" textAnchor="end">
                {format(tick)}
              </text>
            </g>
          ))}
          {labelledIndexes(count).map((i) => (
            <text key={i} x={x(i)} y={HEIGHT - 8} textAnchor="middle">
              {labels[i]}
            </text>
          ))}
        </g>
        {kind === 'bar'
          ? series.map((s, si) => {
              const width = (band * 0.7) / series.length;
              return (
                <g key={s.name} className={s.className}>
                  {s.values.map((value, i) => (
                    <rect
                      // biome-ignore lint/suspicious/noArrayIndexKey: buckets are positional
                      key={i}
                      x={x(i) - (band * 0.7) / 2 + si * width}
                      y={y(value)}
                      width={Math.max(width, 1)}
                      height={Math.max(PAD.top + PLOT_H - y(value), value > 0 ? 1 : 0)}
                    >
                      <title>{`${labels[i]}: ${s.name} ${format(value)}`}</title>
                    </rect>
                  ))}
                </g>
              );
            })
          : series.map((s) => (
              <g key={s.name} className={s.className}>
                <polyline
                  fill="none"
                  points={s.values.map((value, i) => `${x(i)},${y(value)}`).join(' ')}
                />
                {s.values.map((value, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: buckets are positional
                  <circle key={i} cx={x(i)} cy={y(value)} r={count > 60 ? 1.5 : 3}>
                    <title>{`${labels[i]}: ${s.name} ${format(value)}`}</title>
                  </circle>
                ))}
              </g>
            ))}
      </svg>
      {series.length > 1 ? (
        <figcaption>
          <ul className="chart-legend">
            {series.map((s) => (
              <li key={s.name} className={s.className}>
                <svg viewBox="0 0 24 8" width="24" height="8" aria-hidden="true">
                  <line x1="0" x2="24" y1="4" y2="4" />
                </svg>{' '}
                {s.name}
              </li>
            ))}
          </ul>
        </figcaption>
      ) : null}
    </figure>
  );
}
