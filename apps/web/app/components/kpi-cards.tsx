import type { ReactNode } from 'react';

export interface Kpi {
  /** data-testid suffix, e.g. "net" → kpi-net. */
  id: string;
  label: string;
  value: ReactNode;
  /** A short line under the value: what it counts, or a comparison. */
  hint?: ReactNode;
}

/** Key figures as a row of cards: a description list, so each value is read with its name. */
export function KpiCards({ items, label }: { items: Kpi[]; label: string }) {
  return (
    <dl className="kpi-grid" aria-label={label}>
      {items.map((item) => (
        <div key={item.id} className="kpi-card" data-testid={`kpi-${item.id}`}>
          <dt>{item.label}</dt>
          <dd className="kpi-value">{item.value}</dd>
          {item.hint ? <dd className="kpi-hint">{item.hint}</dd> : null}
        </div>
      ))}
    </dl>
  );
}
