import type { PublishSchedule } from 'readby';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFramePacer } from '../../src/react/framePacer';

/**
 * The page's clock: fake time, plus what the test says work took (React rendering badges, the browser drawing a
 * frame), which fake timers cannot spend by themselves.
 */
let spent = 0;
const work = (ms: number) => {
  spent += ms;
};

beforeEach(() => {
  vi.useFakeTimers();
  spent = 0;
  const start = Date.now();
  vi.spyOn(performance, 'now').mockImplementation(() => Date.now() - start + spent);
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

/**
 * Changed messages waiting to be told, published the way the receipt store publishes them: oldest first, at most
 * `limit`, asking the schedule again while any wait. `msPerBadge` is what telling one costs React.
 */
function changes(schedule: PublishSchedule, { msPerBadge = 0 } = {}) {
  let waiting = 0;
  let urgent = false;
  const told: number[] = [];
  const limits: number[] = [];
  const publish = (limit = Number.POSITIVE_INFINITY) => {
    limits.push(limit);
    const count = Math.min(waiting, Math.max(1, limit));
    waiting -= count;
    told.push(count);
    work(count * msPerBadge);
    if (waiting > 0) schedule(publish, urgent);
    return count;
  };
  return {
    told,
    limits,
    /** `count` messages change: pushed receipts, or counts a caller waits for (`urgent`). */
    change(count: number, asUrgent = false) {
      const idle = waiting === 0;
      waiting += count;
      urgent = asUrgent;
      if (idle) schedule(publish, asUrgent);
    },
    get waiting() {
      return waiting;
    },
  };
}

/** Runs the next frame, then lets the tasks after it run. */
function frame(): void {
  vi.advanceTimersToNextFrame();
  vi.advanceTimersByTime(1);
}

describe('§4 a receipt burst makes no long task: the provider paces publication by the page', () => {
  it('tells pushed receipts after the next frame, not when they arrive nor inside the frame (R5)', async () => {
    const burst = changes(createFramePacer());
    burst.change(5);
    await vi.advanceTimersByTimeAsync(0);
    expect(burst.told).toEqual([]);
    let toldInFrame: number[] | null = null;
    requestAnimationFrame(() => {
      toldInFrame = [...burst.told];
    });
    vi.advanceTimersToNextFrame();
    expect(toldInFrame).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(burst.told).toEqual([5]);
  });

  it('tells pulled counts in the task they arrive in, without waiting for a frame (R6)', async () => {
    const pulled = changes(createFramePacer());
    pulled.change(100, true);
    await Promise.resolve();
    expect(pulled.told).toEqual([100]);
  });

  it('splits a publication React is slow to commit, and still tells every change exactly once', async () => {
    const pulled = changes(createFramePacer(), { msPerBadge: 0.2 });
    pulled.change(1_000, true);
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 0; i < 20 && pulled.waiting > 0; i++) frame();
    expect(pulled.waiting).toBe(0);
    expect(pulled.told.reduce((sum, count) => sum + count, 0)).toBe(1_000);
    // The first publication took 40 ms; each after it is sized to take about 10.
    expect(pulled.told[0]).toBe(200);
    expect(Math.max(...pulled.told.slice(1))).toBeLessThanOrEqual(50);
    expect(pulled.told.every((count, index) => count <= pulled.limits[index]!)).toBe(true);
  });

  it('draws fewer badges a frame after a frame that ran long', async () => {
    const pushed = changes(createFramePacer());
    // The page takes 0.3 ms to draw each badge told since the last frame, on top of 10 ms of its own.
    let undrawn = 0;
    const drawEveryFrame = () => {
      work(10 + undrawn * 0.3);
      undrawn = 0;
      requestAnimationFrame(drawEveryFrame);
    };
    requestAnimationFrame(drawEveryFrame);
    const before = pushed.told.length;
    pushed.change(1_000);
    for (let i = 0; i < 200 && pushed.waiting > 0; i++) {
      frame();
      undrawn += pushed.told.slice(before).reduce((sum, count) => sum + count, 0) - undrawn;
    }
    expect(pushed.waiting).toBe(0);
    // 200 badges made a 70 ms frame; from then on a frame draws what fits in about 30 ms.
    expect(pushed.told[0]).toBe(200);
    expect(Math.max(...pushed.told.slice(1))).toBeLessThanOrEqual(85);
  });

  it('lets pushed receipts wait after a slow frame, so that the page keeps time for other work, but 300 ms at most', async () => {
    const pushed = changes(createFramePacer());
    pushed.change(10);
    frame();
    expect(pushed.told).toEqual([10]);
    // The frame that draws them takes 40 ms.
    requestAnimationFrame(() => work(40));
    frame();
    const drawnAt = Date.now();
    pushed.change(10);
    while (pushed.told.length === 1) frame();
    const waited = Date.now() - drawnAt;
    expect(waited).toBeGreaterThan(100);
    expect(waited).toBeLessThanOrEqual(300 + 17);
  });
});
