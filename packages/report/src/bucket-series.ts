/** How a bucket combines its points: the mean, or the worst value so downsampling never hides a spike. */
export type BucketAggregate = 'mean' | 'max';

/** One output column: what to read from a point and how a bucket combines it. */
export interface BucketColumn<T> {
  readonly pick: (point: T) => number;
  readonly aggregate: BucketAggregate;
}

/** Per-bucket values: the first second of each bucket, and one array per column. */
export type Buckets<K extends string> = { readonly seconds: number[] } & { readonly [key in K]: number[] };

/**
 * Groups consecutive points into at most `maxPoints` buckets so a long run still gives a readable
 * chart. Non-finite values count as 0, so one bad sample cannot blank a chart.
 */
export function bucketSeries<T extends { readonly second: number }, K extends string>(
  points: readonly T[],
  columns: Readonly<Record<K, BucketColumn<T>>>,
  maxPoints = 60,
): Buckets<K> {
  const size = Math.max(1, Math.ceil(points.length / maxPoints));
  const keys = Object.keys(columns) as K[];
  const seconds: number[] = [];
  const values = new Map<K, number[]>(keys.map((key) => [key, []]));
  for (let i = 0; i < points.length; i += size) {
    const group = points.slice(i, i + size);
    seconds.push(finite(group[0]!.second));
    for (const key of keys) {
      const { pick, aggregate } = columns[key];
      const picked = group.map((p) => finite(pick(p)));
      values
        .get(key)!
        .push(aggregate === 'max' ? Math.max(...picked) : picked.reduce((s, v) => s + v, 0) / picked.length);
    }
  }
  return { seconds, ...Object.fromEntries(values) } as Buckets<K>;
}

function finite(value: number): number {
  return Number.isFinite(value) ? value : 0;
}
