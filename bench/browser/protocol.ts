/**
 * What the browser benchmark's page and its driver agree on: the scene, the two burst shapes, and what one run of
 * the page reports.
 */

/** Members of the group, the sender included. */
export const GROUP_SIZE = 1_000;
/** The sender's messages on screen, each with a badge. */
export const MESSAGES = 1_000;
/** Receipts in a burst, and the time they are spread over. */
export const BURST_RECEIPTS = 5_000;
export const BURST_MS = 2_000;
/** Latency of every delivery between the sender's client and the server, in ms. */
export const LATENCY_MS: [number, number] = [10, 30];

/**
 * `catchUp`: members read through the messages in order, up to 30 consecutive messages a call; `scattered`: each
 * call is one receipt, for messages spread over the whole conversation.
 */
export type BurstShape = 'catchUp' | 'scattered';

/** readby's badges, or badges that each fetch their own counts and listen to every receipt event. */
export type BadgeUI = 'readby' | 'naive';

/** What one run of the page measured. Times in ms. */
export interface PageRun {
  ui: BadgeUI;
  shape: BurstShape;
  /** From the first render until every badge shows its counts. */
  mountToCounts: number;
  /** Tasks over 50 ms from the burst's first receipt until every badge shows its final counts. */
  longTasks: number;
  longTaskMs: number;
  /** 95th percentile of the time between animation frames over the same span. */
  frameP95: number;
  frames: number;
  /** React's render time (Profiler `actualDuration`) over the same span, and the commits it made. */
  renderMs: number;
  commits: number;
  /** From the burst's first receipt until every badge shows its final counts. */
  settleMs: number;
  /** The read count each badge shows at the end, in message order. */
  finalCounts: number[];
}

declare global {
  interface Window {
    /** Set by the page: settles with the run's figures, or fails with what went wrong. */
    benchRun?: Promise<PageRun>;
  }
}
