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

/** Frame callbacks waiting for the next frame, and what drawing a frame takes the page, in ms. */
let callbacks: Array<(time: number) => void> = [];
let drawing = () => 0;

beforeEach(() => {
  vi.useFakeTimers();
  spent = 0;
  callbacks = [];
  drawing = () => 0;
  const start = Date.now();
  vi.spyOn(performance, 'now').mockImplementation(() => Date.now() - start + spent);
  vi.stubGlobal('requestAnimationFrame', (callback: (time: number) => void) => callbacks.push(callback));
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

/**
 * A frame as a browser runs it: 16 ms on (tasks due meanwhile run), every frame callback, then the page draws,
 * then the tasks after the frame run.
 */
async function frame(): Promise<void> {
  await vi.advanceTimersByTimeAsync(16);
  const time = performance.now();
  for (const callback of callbacks.splice(0)) callback(time);
  work(drawing());
  await vi.advanceTimersByTimeAsync(1);
}

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

describe('§4 a receipt burst makes no long task: the provider paces publication by the page', () => {
  it('tells pushed receipts after the next frame, not when they arrive nor inside the frame (R5)', async () => {
    const burst = changes(createFramePacer());
    burst.change(5);
    await vi.advanceTimersByTimeAsync(10);
    expect(burst.told).toEqual([]);
    let toldWhenDrawn: number[] | null = null;
    drawing = () => {
      toldWhenDrawn ??= [...burst.told];
      return 0;
    };
    await frame();
    expect(toldWhenDrawn).toEqual([]);
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
    for (let i = 0; i < 20 && pulled.waiting > 0; i++) await frame();
    expect(pulled.waiting).toBe(0);
    expect(pulled.told.reduce((sum, count) => sum + count, 0)).toBe(1_000);
    // The first publication took 40 ms; those after it get smaller until they take about the 10 ms a task may.
    const took = pulled.told.map((count) => count * 0.2);
    expect(took[0]).toBe(40);
    expect(took.slice(1, 4).every((ms, index) => ms < took[index]!)).toBe(true);
    expect(Math.max(...took.slice(5, -1))).toBeLessThanOrEqual(11);
    expect(pulled.told.every((count, index) => count <= pulled.limits[index]!)).toBe(true);
  });

  it('draws fewer badges a frame after a frame that ran long', async () => {
    const pushed = changes(createFramePacer());
    // Drawing a frame takes the page 10 ms, and 0.3 ms more for each badge told since the frame before.
    let drawnUpTo = 0;
    const frames: number[] = [];
    drawing = () => {
      const told = pushed.told.reduce((sum, count) => sum + count, 0);
      frames.push(10 + (told - drawnUpTo) * 0.3);
      drawnUpTo = told;
      return frames.at(-1)!;
    };
    pushed.change(1_000);
    for (let i = 0; i < 200 && pushed.waiting > 0; i++) await frame();
    expect(pushed.waiting).toBe(0);
    // The first publication, 200 badges, made a 70 ms frame; those after it get smaller until their frames take
    // about the 30 ms a frame may.
    expect(pushed.told[0]).toBe(200);
    const withBadges = frames.filter((ms) => ms > 10);
    expect(withBadges[0]).toBe(70);
    expect(Math.max(...withBadges.slice(5, -1))).toBeLessThanOrEqual(35);
  });

  it('lets pushed receipts wait after a slow frame, so that the page keeps time for other work, but 300 ms at most', async () => {
    const pushed = changes(createFramePacer());
    pushed.change(10);
    await frame();
    expect(pushed.told).toEqual([10]);
    // The frame that draws them takes 40 ms.
    drawing = () => 40;
    await frame();
    drawing = () => 0;
    const drawnAt = performance.now();
    pushed.change(10);
    while (pushed.told.length === 1) await frame();
    const waited = performance.now() - drawnAt;
    expect(waited).toBeGreaterThan(100);
    expect(waited).toBeLessThanOrEqual(300 + 17);
  });
});
