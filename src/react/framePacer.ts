import type { PublishSchedule } from '../core/index';

/** What one publication may take in its task: React's render and commit of the badges it tells. */
const SLICE_MS = 10;
/** What the frame that draws a publication may take, all told: style, layout and paint of the page. */
const FRAME_MS = 30;
/** Badges a publication may tell whatever the measures say, so that counts always move on. */
const MIN_SIZE = 16;
/** A frame this much longer than the shortest one seen means the page is busy: pushed receipts wait, */
const BUSY_FRAME = 1.5;
/** but never longer than this since the last publication. */
const MAX_WAIT_MS = 300;
/**
 * After a publication, pushed receipts wait this many times what the frame that drew it took, so that a long
 * burst leaves most of the page's time to everything else (input, the pushes themselves), and more of it is drawn
 * once.
 */
const REST = 12;
/** Badges a publication tells until one has been measured. */
const FIRST_SIZE = 200;

type Publish = (limit?: number) => number;

/**
 * The receipt store's schedule in a browser. Pushed receipts wait for the next animation frame, so that a burst
 * becomes one update, and what a caller waits for (pulled counts) goes out at once; either way the page decides
 * how much and how often:
 *
 * - a publication is one task, after the frame rather than in it, and tells only as many badges as React renders
 *   and commits in a few milliseconds, so that no task grows long and no frame waits for React;
 * - a frame draws only as many new badges as it can without running long: it is measured, and the number
 *   follows it;
 * - while frames run long (the page is busy, rings are animating), and for a while after each publication,
 *   pushed receipts wait, up to 400 ms, so that the page keeps time for everything else; a badge that changes
 *   again meanwhile is drawn once, with its latest counts.
 *
 * On a fast machine a burst is drawn in the next frame; on a slow one, over several.
 *
 * @example
 * ```ts
 * const store = getReceiptStore(chat, { schedule: createFramePacer() });
 * ```
 */
export function createFramePacer(): PublishSchedule {
  /**
   * Publications asked for and not run yet, each to be run once; `urgent` ones are what a caller waits for. Any
   * of them publishes whatever waits in the store, oldest change first.
   */
  const waiting: Array<{ publish: Publish; urgent: boolean }> = [];
  /** Badges a publication may tell, as far as React's task goes and as far as the frame that draws them goes. */
  let sliceSize = FIRST_SIZE;
  let frameSize = FIRST_SIZE;
  /** Told since the last frame began: the next frame draws them. */
  let toldSinceFrame = 0;
  /** The shortest time between two frames seen, the last frame's time, and whether the page looked busy then. */
  let shortestFrame = Number.POSITIVE_INFINITY;
  let lastFrame: number | null = null;
  let busy = false;
  let lastPublication = Number.NEGATIVE_INFINITY;
  let restUntil = Number.NEGATIVE_INFINITY;
  let frameAsked = false;
  let taskAsked = false;
  /** A publication is telling listeners: what is asked meanwhile (the rest of it) waits for a frame. */
  let publishing = false;

  const askFrame = () => {
    if (frameAsked) return;
    frameAsked = true;
    onNextFrame(onFrame);
  };

  const askTask = () => {
    if (taskAsked) return;
    taskAsked = true;
    inNextTask(() => {
      taskAsked = false;
      publishSome();
    });
  };

  function onFrame(time: number): void {
    frameAsked = false;
    const began = now();
    if (lastFrame !== null) {
      const interval = time - lastFrame;
      shortestFrame = Math.min(shortestFrame, interval);
      busy = interval > shortestFrame * BUSY_FRAME;
    }
    const drawn = toldSinceFrame;
    toldSinceFrame = 0;
    if (drawn > 0) {
      // The first task after the frame: by then the frame has laid out and painted what was told before it.
      inNextTask(() => measureFrame(now() - began, drawn));
      // And the frame after shows whether drawing them left the page busy.
      askFrame();
    }
    if (waiting.length > 0) {
      const urgent = waiting.some((entry) => entry.urgent);
      // After the frame, not in it: the page draws this frame without waiting for React.
      if (urgent || (!busy && began >= restUntil) || began - lastPublication >= MAX_WAIT_MS) askTask();
      else askFrame();
    }
    lastFrame = frameAsked ? time : null;
  }

  function measureFrame(frameMs: number, drawn: number): void {
    frameSize = sizeFor(frameSize, drawn, frameMs, FRAME_MS);
    restUntil = now() + REST * frameMs;
  }

  function publishSome(): void {
    if (waiting.length === 0) return;
    const { publish, urgent } = waiting.shift()!;
    const room = Math.min(sliceSize, frameSize);
    const started = now();
    publishing = true;
    let told = 0;
    try {
      told = publish(room);
    } finally {
      publishing = false;
    }
    toldSinceFrame += told;
    lastPublication = started;
    // React renders and commits what the listeners asked for in a microtask queued before this one.
    queueMicrotask(() => {
      sliceSize = sizeFor(sliceSize, told, now() - started, SLICE_MS);
      // The rest of what a caller waits for in the next task; pushed receipts at a later frame.
      if (urgent && waiting.some((entry) => entry.urgent)) askTask();
      // The frame that draws what was told is measured, even when nothing more waits.
      if (told > 0 || waiting.length > 0) askFrame();
    });
  }

  return (publish, urgent) => {
    waiting.push({ publish, urgent });
    if (publishing) return;
    // What a caller waits for goes out in this task, busy or not; pushed receipts wait for a frame, and for the
    // page to catch up.
    if (urgent) queueMicrotask(publishSome);
    else askFrame();
  };
}

/**
 * The size for the next publication, after `count` badges took `took` ms of a `budget`: the size that would have
 * taken the budget, half-way from the last. Since a commit or a frame costs a fixed part plus a part per badge,
 * this settles on the size that takes the budget. Only a full publication, or one that ran over, tells anything.
 */
function sizeFor(size: number, count: number, took: number, budget: number): number {
  if (count < size && took <= budget) return size;
  const fitting = took > 0 ? (count * budget) / took : size * 2;
  return Math.max(MIN_SIZE, Math.round((size + Math.min(fitting, size * 2)) / 2));
}

/**
 * Timer functions are looked up when called, so that fake timers installed after this module loaded control
 * them; `performance` too.
 */
function now(): number {
  return performance.now();
}

function onNextFrame(run: (time: number) => void): void {
  if (typeof requestAnimationFrame === 'function') requestAnimationFrame(run);
  else setTimeout(() => run(now()), 16);
}

/** The Prioritized Task Scheduling API, where the browser has it (Chromium, Firefox). */
interface TaskScheduler {
  postTask(run: () => void): Promise<unknown>;
}

/**
 * A new task: `scheduler.postTask` where the browser has it, which runs without the 4 ms that nested timers come
 * to wait; else a timer, which fake timers control too.
 */
function inNextTask(run: () => void): void {
  const tasks = (globalThis as { scheduler?: Partial<TaskScheduler> }).scheduler;
  if (typeof tasks?.postTask === 'function') void (tasks as TaskScheduler).postTask(run);
  else setTimeout(run, 0);
}
