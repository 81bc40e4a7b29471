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
    for (let i = 0; i < 40 && pulled.waiting > 0; i++) await frame();
    expect(pulled.waiting).toBe(0);
    expect(pulled.told.reduce((sum, count) => sum + count, 0)).toBe(1_000);
    // The first publication, 200 badges, took 40 ms; those after it get smaller until they take about the 10 ms a
    // task may.
    const took = pulled.told.map((count) => count * 0.2);
    expect(took[0]).toBe(40);
    expect(took[1]!).toBeLessThan(took[0]!);
    expect(Math.max(...took.slice(6, -1))).toBeLessThanOrEqual(11);
    expect(pulled.told.every((count, index) => count <= pulled.limits[index]!)).toBe(true);
  });

  it('tells half as many badges after a publication whose frame came late, and more after one on time', async () => {
    const pushed = changes(createFramePacer());
    // A frame takes the page 10 ms, and 0.5 ms more for each badge told since the frame before: frames come
    // every 27 ms at best, and more than 27 badges make one late (over 40.5 ms).
    let drawnUpTo = 0;
    const frames: Array<{ badges: number; ms: number }> = [];
    drawing = () => {
      const told = pushed.told.reduce((sum, count) => sum + count, 0);
      frames.push({ badges: told - drawnUpTo, ms: 10 + (told - drawnUpTo) * 0.5 });
      drawnUpTo = told;
      return frames.at(-1)!.ms;
    };
    await frame();
    pushed.change(1_000);
    for (let i = 0; i < 400 && pushed.waiting > 0; i++) await frame();
    expect(pushed.waiting).toBe(0);
    expect(pushed.told.reduce((sum, count) => sum + count, 0)).toBe(1_000);
    // 200, 100 and 50 made late frames, each half the one before; 25 came on time, so 38 went next, late again,
    // then 19 ...
    expect(pushed.told.slice(0, 6)).toEqual([200, 100, 50, 25, 38, 19]);
    // Every publication waits for the one before to be judged: a frame drawing badges is followed by one without.
    const drawn = frames.map((entry) => entry.badges > 0);
    expect(drawn.some((draws, index) => draws && drawn[index + 1])).toBe(false);
  });

  it('lets pushed receipts wait while frames come late, but 300 ms past their time at most', async () => {
    const pushed = changes(createFramePacer());
    await frame();
    await frame();
    pushed.change(10);
    await frame();
    expect(pushed.told).toEqual([10]);
    const publishedAt = performance.now();
    // Something else keeps the page busy: every frame now takes 40 ms to draw.
    drawing = () => 40;
    await frame();
    await frame();
    pushed.change(10);
    let framesWaited = 0;
    while (pushed.told.length === 1) {
      await frame();
      framesWaited += 1;
    }
    // Their time was 100 ms after the first ten; frames came every 57 ms, so they went out at the first frame
    // 300 ms past it, not before.
    expect(framesWaited).toBeGreaterThan(1);
    const sincePublished = performance.now() - publishedAt;
    expect(sincePublished).toBeGreaterThanOrEqual(400);
    expect(sincePublished).toBeLessThanOrEqual(400 + 57);
  });

  it('tells pushed receipts at most every 100 ms when frames come on time, so that a badge renders once meanwhile', async () => {
    const pushed = changes(createFramePacer());
    await frame();
    pushed.change(10);
    await frame();
    expect(pushed.told).toEqual([10]);
    const publishedAt = performance.now();
    pushed.change(10);
    while (pushed.told.length === 1) await frame();
    // Frames come every 17 ms: the sixth after the first publication is the first 100 ms after it.
    const since = performance.now() - publishedAt;
    expect(since).toBeGreaterThanOrEqual(100);
    expect(since).toBeLessThanOrEqual(100 + 17);
    expect(pushed.told).toEqual([10, 10]);
  });

  it('waits twice as long before each new round while receipts keep coming, up to 400 ms, and at the next frame after a pause', async () => {
    const pushed = changes(createFramePacer());
    const publishedAt: number[] = [];
    await frame();
    // A receipt arrives every frame for 1.5 s.
    for (let i = 0; i < 90; i++) {
      pushed.change(1);
      const before = pushed.told.length;
      await frame();
      if (pushed.told.length > before) publishedAt.push(performance.now());
    }
    const gaps = publishedAt.slice(1).map((at, index) => at - publishedAt[index]!);
    // Rounds 100, 200, then 400 ms apart (each at the first frame due), however many receipts came meanwhile.
    expect(gaps.slice(0, 4).map((gap) => Math.floor(gap / 17) * 17)).toEqual([102, 204, 408, 408]);
    // After a pause, the first receipt goes out at the next frame.
    for (let i = 0; i < 60; i++) await frame();
    pushed.change(1);
    const told = pushed.told.length;
    await frame();
    expect(pushed.told.length).toBe(told + 1);
  });

  it('goes on with the rest of a round that could not tell everything as soon as its frames are judged', async () => {
    const pushed = changes(createFramePacer());
    await frame();
    pushed.change(500);
    await frame();
    expect(pushed.told).toEqual([200]);
    // The frame that draws them, then the one that judges them (on time: the next may tell half as many again).
    await frame();
    await frame();
    expect(pushed.told).toEqual([200, 300]);
  });
});
