type Listener = () => void;

/** When a change is published: right now, as soon as the schedule allows (`'soon'`), or on the schedule. */
export type PublishWhen = 'now' | 'soon' | 'scheduled';

/**
 * Runs the receipt store's publications. Called with `publish` whenever changes wait; `urgent` is true for what a
 * caller waits for (counts just pulled, a failure) and false for pushed receipts, which may wait for a frame.
 * `publish(limit)` tells the listeners of at most `limit` changed messages (all of them without a limit), those
 * that changed first going first, and returns how many it told. When more are waiting, the store calls the
 * schedule again before `publish` returns, so a scheduler that passes a limit never loses any.
 *
 * @example
 * ```ts
 * // Pushes wait for a frame; at most 50 changed messages are told per frame.
 * const schedule: PublishSchedule = (publish, urgent) =>
 *   urgent ? queueMicrotask(() => publish(50)) : requestAnimationFrame(() => publish(50));
 * ```
 */
export type PublishSchedule = (publish: (limit?: number) => number, urgent: boolean) => void;

/**
 * The receipt store's listeners, one set per message ID, and the publication of changes to them. Changed items
 * wait in the order they first changed; each is published once, however many changes it had meanwhile, when the
 * schedule runs a publication, so that a burst becomes few updates. A scheduler may publish them a few at a time
 * (see {@link PublishSchedule}), so that a large burst is drawn over several tasks and frames.
 *
 * @example
 * ```ts
 * const publisher = new ReceiptPublisher<Item>((item) => item.id, (item) => item.recompute(), schedule);
 * publisher.subscribe('m1', () => render());
 * publisher.changed(item, 'scheduled');
 * ```
 */
export class ReceiptPublisher<T> {
  readonly #idOf: (item: T) => string;
  /** Replaces an item's published state; returns whether it differs from the last one. */
  readonly #refresh: (item: T) => boolean;
  readonly #schedule: PublishSchedule;
  readonly #listeners = new Map<string, Set<Listener>>();
  /** Changed items not published yet, oldest change first. A Set keeps an item where it first changed. */
  readonly #waiting = new Set<T>();
  /** Whether a publication of each urgency has been asked of the schedule and has not run yet. */
  readonly #asked = { urgent: false, scheduled: false };

  constructor(idOf: (item: T) => string, refresh: (item: T) => boolean, schedule: PublishSchedule) {
    this.#idOf = idOf;
    this.#refresh = refresh;
    this.#schedule = schedule;
  }

  /** Calls `listener` whenever the item with this ID is published changed. Returns a function that stops it. */
  subscribe(id: string, listener: Listener): () => void {
    let set = this.#listeners.get(id);
    if (!set) {
      set = new Set();
      this.#listeners.set(id, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.#listeners.get(id) === set) this.#listeners.delete(id);
    };
  }

  /** Whether anyone listens to this ID. */
  isWatched(id: string): boolean {
    return this.#listeners.has(id);
  }

  /** Announces a new item at once: whoever subscribed before it existed hears of its first state. */
  created(item: T): void {
    this.#tell(this.#idOf(item));
  }

  /** Marks an item changed, to be published `when` says. */
  changed(item: T, when: PublishWhen): void {
    if (when === 'now') {
      // Only this item: a change made now must not push a burst that waits for its frame out all at once.
      this.#waiting.delete(item);
      if (this.#refresh(item)) this.#tell(this.#idOf(item));
      return;
    }
    this.#waiting.add(item);
    this.#ask(when === 'soon');
  }

  clear(): void {
    this.#listeners.clear();
    this.#waiting.clear();
  }

  #ask(urgent: boolean): void {
    const kind = urgent ? 'urgent' : 'scheduled';
    if (this.#asked[kind]) return;
    this.#asked[kind] = true;
    this.#schedule((limit) => {
      this.#asked[kind] = false;
      const told = this.#publish(limit);
      if (this.#waiting.size > 0) this.#ask(urgent);
      return told;
    }, urgent);
  }

  /** Refreshes waiting items, oldest first, until `limit` of them changed; then tells their listeners, each once. */
  #publish(limit = Number.POSITIVE_INFINITY): number {
    // At least one, so that every publication makes progress whatever it is given.
    const most = Math.max(limit, 1);
    const ids: string[] = [];
    for (const item of this.#waiting) {
      if (ids.length >= most) break;
      this.#waiting.delete(item);
      if (this.#refresh(item)) ids.push(this.#idOf(item));
    }
    for (const id of ids) this.#tell(id);
    return ids.length;
  }

  #tell(id: string): void {
    for (const listener of [...(this.#listeners.get(id) ?? [])]) listener();
  }
}
