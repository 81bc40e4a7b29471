/**
 * What every benchmark module reports. `bench/run.ts` runs each `bench/*.bench.ts` module that exports
 * `run(): BenchRow[] | Promise<BenchRow[]>`, prints one table and writes `bench/results/latest.json`.
 */
export interface BenchRow {
  /** Which spec §4 bar the row measures (one of {@link SPEC_BARS}), or a name of its own for extra figures. */
  bar: string;
  /** What was measured, in words. */
  name: string;
  value: number;
  unit: string;
  /** The bar as text, such as `≥ 1,000,000`. */
  target: string;
  pass: boolean;
  /** Whatever helps to read the figure: sizes, counts, the figures it was computed from. */
  detail?: string;
}

export interface BenchModule {
  run(): BenchRow[] | Promise<BenchRow[]>;
}

/**
 * The performance bars of spec §4. A bar that no module reports shows as "not measured", so that a missing
 * benchmark is seen rather than silently absent.
 */
export const SPEC_BARS = {
  serverReceipts: 'receipts applied in the server: ≥ 1,000,000 a second',
  endToEndReceipts: 'receipts end to end in process: ≥ 200,000 a second',
  memberListPage: 'a member-list page costs the same at 1,000 and 100,000 members',
  serverMemory: '1,000 messages to 100,000 recipients, 10% read: ≤ 100 MB of server memory',
  /** For `bench/react.bench.ts` (the React layer's benchmarks). */
  badgeRenders:
    'a receipt burst into 1,000 mounted badges re-renders only the changed badges, at most once a frame',
  /** For `bench/react.bench.ts` (the React layer's benchmarks). */
  badgeCountRequests: 'mounting 1,000 badges issues ≤ 10 count requests',
} as const;

export type SpecBar = keyof typeof SPEC_BARS;

/** Formats a number for the table: whole numbers with separators, others to three significant digits. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en');
  return value.toLocaleString('en', { maximumSignificantDigits: 3 });
}

/** Milliseconds since an arbitrary start, with sub-millisecond resolution. */
export function now(): number {
  return performance.now();
}
