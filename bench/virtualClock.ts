/**
 * A simulated clock for benchmarks that need minutes of latency, timeouts and heartbeats to pass in seconds:
 * while installed, `setTimeout` and `clearTimeout` schedule on it, and `advance(ms)` runs what falls due in time
 * order, letting promises settle between due times, as fake timers do in the tests.
 */
interface Timer {
  due: number;
  order: number;
  callback: () => void;
}

export interface VirtualClock {
  /** Simulated milliseconds since install. */
  now(): number;
  advance(ms: number): Promise<void>;
  uninstall(): void;
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

export function installVirtualClock(): VirtualClock {
  const realSetTimeout = globalThis.setTimeout;
  const realClearTimeout = globalThis.clearTimeout;
  const heap: Timer[] = [];
  const cancelled = new Set<Timer>();
  let now = 0;
  let order = 0;

  const before = (a: Timer, b: Timer) => a.due < b.due || (a.due === b.due && a.order < b.order);
  const push = (timer: Timer) => {
    heap.push(timer);
    let index = heap.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!before(heap[index]!, heap[parent]!)) break;
      [heap[index], heap[parent]] = [heap[parent]!, heap[index]!];
      index = parent;
    }
  };
  const pop = (): Timer => {
    const top = heap[0]!;
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let index = 0;
      for (;;) {
        const left = index * 2 + 1;
        const right = left + 1;
        let smallest = index;
        if (left < heap.length && before(heap[left]!, heap[smallest]!)) smallest = left;
        if (right < heap.length && before(heap[right]!, heap[smallest]!)) smallest = right;
        if (smallest === index) break;
        [heap[index], heap[smallest]] = [heap[smallest]!, heap[index]!];
        index = smallest;
      }
    }
    return top;
  };

  globalThis.setTimeout = ((callback: (...args: unknown[]) => void, ms = 0, ...args: unknown[]) => {
    const timer: Timer = {
      due: now + Math.max(0, Number(ms) || 0),
      order: order++,
      callback: () => callback(...args),
    };
    push(timer);
    return timer;
  }) as unknown as typeof setTimeout;
  globalThis.clearTimeout = ((timer: Timer | undefined) => {
    if (timer) cancelled.add(timer);
  }) as unknown as typeof clearTimeout;

  return {
    now: () => now,
    async advance(ms) {
      const target = now + ms;
      await turn();
      while (heap.length > 0 && heap[0]!.due <= target) {
        now = heap[0]!.due;
        // Everything due at this instant runs before promises settle, as on a real event loop's timer phase.
        while (heap.length > 0 && heap[0]!.due === now) {
          const timer = pop();
          if (cancelled.delete(timer)) continue;
          timer.callback();
        }
        await turn();
      }
      now = target;
    },
    uninstall() {
      globalThis.setTimeout = realSetTimeout;
      globalThis.clearTimeout = realClearTimeout;
    },
  };
}
