/**
 * How long a skipped push number may take to turn up before its push counts as lost. Deliveries that overtake
 * each other (a transport that may reorder, as the mock's `reorder` fault does) skip a number only for a moment;
 * pulling for each of them would cost a resync where nothing was lost.
 */
export const PUSH_GRACE_MS = 500;
/** A jump of more numbers than this counts as a loss at once, rather than tracking each number. */
const MAX_TRACKED = 1_000;

/**
 * Notices lost pushes from their numbers (`ServerPush.seq`): a number skipped and still missing after
 * {@link PUSH_GRACE_MS} to twice that is a lost push, and `onLoss` runs once for the lot.
 */
export class PushGaps {
  readonly #onLoss: () => void;
  /** The highest number seen on this connection. */
  #seen = 0;
  /** Skipped numbers not seen since, each with whether a whole grace period has passed since it was skipped. */
  readonly #missing = new Map<number, boolean>();
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(onLoss: () => void) {
    this.#onLoss = onLoss;
  }

  /** A push's number. A heartbeat (`sync`) repeats the latest number, so that number is due by then too. */
  see(seq: number, isHeartbeat: boolean): void {
    const dueUpTo = isHeartbeat ? seq : seq - 1;
    if (dueUpTo - this.#seen > MAX_TRACKED) {
      this.#seen = seq;
      this.#lost();
      return;
    }
    for (let number = this.#seen + 1; number <= dueUpTo; number++) this.#missing.set(number, false);
    if (!isHeartbeat) this.#missing.delete(seq);
    this.#seen = Math.max(this.#seen, seq);
    if (this.#timer === null && this.#missing.size > 0) {
      this.#timer = setTimeout(() => this.#check(), PUSH_GRACE_MS);
    }
  }

  /** A new connection numbers its pushes afresh; what the old one lost is the reconnect's to make up for. */
  reset(): void {
    this.#seen = 0;
    this.stop();
  }

  stop(): void {
    this.#missing.clear();
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #check(): void {
    this.#timer = null;
    let lost = false;
    for (const [number, overdue] of this.#missing) {
      if (overdue) lost = true;
      else this.#missing.set(number, true);
    }
    if (lost) {
      this.#lost();
      return;
    }
    if (this.#missing.size > 0) this.#timer = setTimeout(() => this.#check(), PUSH_GRACE_MS);
  }

  /** One pull makes up for every push numbered so far, so nothing skipped before it needs watching any more. */
  #lost(): void {
    this.stop();
    this.#onLoss();
  }
}
