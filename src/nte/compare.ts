/** A figure beside the average of earlier periods, with the change said in words. */
export interface ComparedFigure {
  label: string;
  count: number;
  /** The mean over the earlier periods, to one decimal place. */
  average: number;
  change: 'up' | 'down' | 'same';
  /** e.g. "Up 3 on the average of 4.5" */
  changeText: string;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function compareFigure(label: string, count: number, earlier: readonly number[]): ComparedFigure {
  const average = earlier.length ? round1(earlier.reduce((a, b) => a + b, 0) / earlier.length) : 0;
  const diff = round1(count - average);
  const change = diff > 0 ? 'up' : diff < 0 ? 'down' : 'same';
  const changeText =
    change === 'same'
      ? `Same as the average of ${average}`
      : `${change === 'up' ? 'Up' : 'Down'} ${Math.abs(diff)} on the average of ${average}`;
  return { label, count, average, change, changeText };
}

/** Compares every key found in this period or the earlier ones; biggest first, then by label. */
export function compareCounts(
  current: ReadonlyMap<string, number>,
  earlier: readonly ReadonlyMap<string, number>[],
  order: 'count' | 'given' = 'count',
  keys?: readonly string[],
): ComparedFigure[] {
  const all = keys ?? [...new Set([...current.keys(), ...earlier.flatMap((m) => [...m.keys()])])];
  const rows = all.map((k) =>
    compareFigure(
      k,
      current.get(k) ?? 0,
      earlier.map((m) => m.get(k) ?? 0),
    ),
  );
  if (order === 'count')
    rows.sort((a, b) => b.count - a.count || b.average - a.average || a.label.localeCompare(b.label));
  return rows;
}

export function tally<T>(items: readonly T[], key: (t: T) => string | null): Map<string, number> {
  const m = new Map<string, number>();
  for (const i of items) {
    const k = key(i);
    if (k !== null) m.set(k, (m.get(k) ?? 0) + 1);
  }
  return m;
}
