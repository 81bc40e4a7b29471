type Listener = () => void;

/** When a change is published: in the same task (`'soon'`), on the store's schedule, or right now. */
export type PublishWhen = 'now' | 'soon' | 'scheduled';

/**
 * The receipt store's listeners, one set per message ID, and the publication of changes to them: changed items
 * are collected, and each is published once, however many changes it had, when the chosen moment comes. Pushes
 * wait for the store's schedule (a frame, in a browser), so that a burst becomes one update; everything else goes
 * out in the same task.
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
  readonly #schedule: (publish: () => void) => void;
  readonly #listeners = new Map<string, Set<Listener>>();
  #dirty = new Set<T>();
  /** Items that are new: whoever subscribed before they existed hears of their first state. */
  readonly #created = new Set<string>();
  #pending: 'soon' | 'scheduled' | null = null;

  constructor(
    idOf: (item: T) => string,
    refresh: (item: T) => boolean,
    schedule: (publish: () => void) => void,
  ) {
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

  /** Announces a new item; its listeners hear of it with the next publication. */
  created(item: T, when: PublishWhen): void {
    this.#created.add(this.#idOf(item));
    this.#request(when);
  }

  /** Marks an item changed, to be published `when` says. */
  changed(item: T, when: PublishWhen): void {
    this.#dirty.add(item);
    this.#request(when);
  }

  clear(): void {
    this.#listeners.clear();
    this.#dirty.clear();
    this.#created.clear();
  }

  #request(when: PublishWhen): void {
    if (when === 'now') {
      this.#publish();
    } else if (when === 'soon') {
      if (this.#pending === 'soon') return;
      this.#pending = 'soon';
      queueMicrotask(() => this.#publish());
    } else if (!this.#pending) {
      this.#pending = 'scheduled';
      this.#schedule(() => this.#publish());
    }
  }

  /** Refreshes every changed item, then tells their listeners, each once. */
  #publish(): void {
    this.#pending = null;
    const ids = new Set(this.#created);
    this.#created.clear();
    const dirty = this.#dirty;
    this.#dirty = new Set();
    for (const item of dirty) if (this.#refresh(item)) ids.add(this.#idOf(item));
    for (const id of ids) for (const listener of [...(this.#listeners.get(id) ?? [])]) listener();
  }
}
