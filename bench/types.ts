/**
 * What every benchmark module reports, and the helpers that make its figures comparisons rather than absolute
 * times. `bench/run.ts` runs each `bench/*.bench.ts` module that exports `run(): BenchRow[] | Promise<BenchRow[]>`,
 * prints one table, writes `bench/results/latest.json` and exits non-zero when a gated row misses its budget.
 *
 * The machines this runs on are shared and noisy, so a budget is a ratio to a baseline measured in the same run,
 * in interleaved rounds ({@link interleave}), judged on medians; or a count that timing cannot blur (probes, long
 * tasks, bytes, requests).
 */
export interface BenchRow {
  /** A stable key for the budget the row checks, such as `engine.apply` or `browser.longTasks`. */
  bar: string;
  /** What was measured, in words. */
  name: string;
  /** The figure the budget judges: usually a median ratio, readby over its baseline. */
  value: number;
  unit: string;
  /** The budget as text, such as `≤ 1×`. */
  target: string;
  pass: boolean;
  /**
   * Whether a missed budget fails `npm run bench`. False only for figures kept for reference, such as the absolute
   * throughputs of docs/rules.md §4, which say more about the machine than about the code.
   */
  gate: boolean;
  /** Each contender's own figures (readby, naive, stream, …): median, min and max over the rounds. */
  measured?: Record<string, Spread>;
  /** Whatever helps to read the figure: sizes, counts, the figures it was computed from. */
  detail?: string;
}

export interface BenchModule {
  run(): BenchRow[] | Promise<BenchRow[]>;
}

/** Median, min and max of a set of samples, with their unit. */
export interface Spread {
  median: number;
  min: number;
  max: number;
  runs: number;
  unit: string;
}

export function spread(samples: readonly number[], unit: string): Spread {
  if (samples.length === 0) throw new Error('spread: no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return { median, min: sorted[0]!, max: sorted.at(-1)!, runs: sorted.length, unit };
}

/**
 * Runs each contender once per round, `rounds` times, rotating which goes first, so that load from elsewhere on
 * the machine lands on all of them alike. A contender returns its own figure for the round (usually milliseconds
 * it timed itself, so that set-up stays out of the figure). `warmUp` rounds run first and are not kept.
 */
export async function interleave<K extends string>(
  contenders: Record<K, () => number | Promise<number>>,
  { rounds, warmUp = 1 }: { rounds: number; warmUp?: number },
): Promise<Record<K, number[]>> {
  const names = Object.keys(contenders) as K[];
  const samples = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < warmUp + rounds; round++) {
    for (let turn = 0; turn < names.length; turn++) {
      const name = names[(round + turn) % names.length]!;
      const figure = await contenders[name]();
      if (round >= warmUp) samples[name].push(figure);
    }
  }
  return samples;
}

/**
 * The ratio `a ÷ b` round by round, as a spread: the median of paired ratios cancels load that hit both contenders
 * of a round, which a ratio of two medians does not.
 */
export function pairedRatio(a: readonly number[], b: readonly number[]): Spread {
  if (a.length !== b.length) throw new Error('pairedRatio: the contenders ran a different number of rounds');
  return spread(
    a.map((value, index) => value / b[index]!),
    '×',
  );
}

/**
 * A row judged as `value ≤ max` (or `value ≥ min`). `target` is written from the budget, so the printed bar and
 * the check cannot disagree. With neither, the row is a figure reported beside the budgets, never failing the run.
 */
export function budgetRow(row: {
  bar: string;
  name: string;
  value: number;
  unit: string;
  max?: number;
  min?: number;
  gate?: boolean;
  measured?: Record<string, Spread>;
  detail?: string;
}): BenchRow {
  const { max, min, gate = true, ...rest } = row;
  if (max !== undefined && min !== undefined) throw new Error(`${row.bar}: give max or min, not both`);
  if (max === undefined && min === undefined) return { ...rest, target: 'reported', pass: true, gate: false };
  const pass = Number.isFinite(row.value) && (max !== undefined ? row.value <= max : row.value >= min!);
  const target =
    max !== undefined ? `≤ ${formatNumber(max)}${row.unit}` : `≥ ${formatNumber(min!)}${row.unit}`;
  return { ...rest, target, pass, gate };
}

/** Formats a number for the table: whole numbers with separators, others to three significant digits. */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en');
  return value.toLocaleString('en', { maximumSignificantDigits: 3 });
}

/** A spread as `median (min–max) unit`. */
export function formatSpread({ median, min, max, unit }: Spread): string {
  return `${formatNumber(median)} (${formatNumber(min)}–${formatNumber(max)}) ${unit}`;
}

/** Milliseconds since an arbitrary start, with sub-millisecond resolution. */
export function now(): number {
  return performance.now();
}
