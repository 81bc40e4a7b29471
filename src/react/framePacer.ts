import type { PublishSchedule } from '../core/index';

/** What one publication may take in its task: React's render and commit of the badges it tells. */
const SLICE_MS = 10;
/** A time between two frames this much longer than the shortest one seen means a frame was late. */
const LATE_FRAME = 1.5;
/** Badges a publication may tell whatever the measures say, so that counts always move on. */
const MIN_SIZE = 16;
/**
 * A new round of pushed receipts starts at most this often after the last: a badge that changes several times
 * meanwhile renders once, and a read count a fraction of a second old is as good as a fresh one to a reader. While
 * receipts keep coming, each round waits twice as long as the one before, up to `MAX_INTERVAL_MS`; after a pause,
 * the first receipt shows at the next frame. The rest of a round that could not tell everything goes on as soon as
 * its frames allow.
 */
const PUSH_INTERVAL_MS = 100;
const MAX_INTERVAL_MS = 400;
/** Pushed receipts due wait for frames on time, but never longer than this. */
const MAX_WAIT_MS = 300;
/** Badges a publication tells until one has been measured: in its task, and by the frames around it. */
const FIRST_SIZE = 200;

type Publish = (limit?: number) => number;

/**
 * The receipt store's schedule in a browser. Pushed receipts wait for the next animation frame, so that a burst
 * becomes one update, and what a caller waits for (pulled counts) goes out at once; either way the page decides
 * how much and how often:
 *
 * - a publication is one task, after a frame rather than in it, and tells only as many badges as React renders
 *   and commits in a few milliseconds, so that no task grows long and no frame waits for React;
 * - each publication is judged by the frames around it: if the frame it ran before, or the frame that drew it,
 *   came late, the next one tells half as many badges; if both came on time and it was full, 1.5 times as many;
 * - a round of pushed receipts starts 100 ms after the last at the soonest, and up to 400 ms while receipts keep
 *   coming; it waits while frames come late (the page is busy) and while the last publication is being judged,
 *   up to 300 ms more; a badge that changes again meanwhile is drawn once, with its latest counts.
 *
 * On a fast machine a burst is drawn in a few frames; on a slow one, over more, every frame on time.
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
  /** Badges a publication may tell, as far as React's task goes and as far as the frames around it go. */
  let sliceSize = FIRST_SIZE;
  let frameSize = FIRST_SIZE;
  /** Told since the last frame began: the next frame draws them. */
  let toldSinceFrame = 0;
  /** A publication being judged: frames seen since it was drawn, whether one came late, whether it was full. */
  let judged: { frames: number; late: boolean; full: boolean } | null = null;
  /** The shortest time between two frames seen, the last frame's time, and whether it came late. */
  let shortestFrame = Number.POSITIVE_INFINITY;
  let lastFrame: number | null = null;
  let late = false;
  let lastPublication = Number.NEGATIVE_INFINITY;
  /** Whether the last publication told all it had room for: then more may wait, and it goes on. */
  let lastFull = false;
  /** The time a round of pushed receipts waits after the last, longer while they keep coming. */
  let interval = PUSH_INTERVAL_MS;
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
    // Frames asked one after another give the time between them; after a pause, the page is taken to be as it
    // was last seen.
    if (lastFrame !== null) {
      const gap = time - lastFrame;
      shortestFrame = Math.min(shortestFrame, gap);
      late = gap > shortestFrame * LATE_FRAME;
    }
    if (judged) judge();
    if (toldSinceFrame > 0) {
      // This frame draws what was told since the last one; the time to it covered the publication's own task.
      judged = { frames: 0, late: false, full: toldSinceFrame >= frameSize };
      judge();
      toldSinceFrame = 0;
    }
    if (waiting.length > 0) {
      const urgent = waiting.some((entry) => entry.urgent);
      // Read from the page's clock: a frame's own timestamp may count from another origin (as in jsdom).
      const since = now() - lastPublication;
      const due = lastFull || since >= interval;
      // In a task after the frame, not in it: the page draws this frame without waiting for React.
      if (urgent || (due && ((!judged && !late) || since >= interval + MAX_WAIT_MS))) askTask();
      askFrame();
    }
    if (judged) askFrame();
    lastFrame = frameAsked ? time : null;
  }

  /** Counts this frame against the publication being judged, and sizes the next one after two. */
  function judge(): void {
    const publication = judged!;
    publication.late ||= late;
    publication.frames += 1;
    if (publication.frames < 2) return;
    if (publication.late) frameSize = Math.max(MIN_SIZE, Math.round(frameSize / 2));
    else if (publication.full) frameSize = Math.round(frameSize * 1.5);
    judged = null;
  }

  function publishSome(): void {
    if (waiting.length === 0) return;
    // What a caller waits for first; any publication tells whatever waits, oldest change first.
    const next = Math.max(
      0,
      waiting.findIndex((entry) => entry.urgent),
    );
    const { publish, urgent } = waiting.splice(next, 1)[0]!;
    // What a caller waits for is bounded by React's task alone, so that it shows as soon as it can; pushed
    // receipts by the frames too.
    const room = urgent ? sliceSize : Math.min(sliceSize, frameSize);
    const started = now();
    // A new round of pushed receipts soon after the last one means they keep coming: the next waits longer.
    if (!urgent && !lastFull) {
      const since = started - lastPublication;
      interval = since < interval * 2 ? Math.min(MAX_INTERVAL_MS, interval * 2) : PUSH_INTERVAL_MS;
    }
    publishing = true;
    let told = 0;
    try {
      told = publish(room);
    } finally {
      publishing = false;
    }
    toldSinceFrame += told;
    lastPublication = started;
    lastFull = told >= room;
    // React renders and commits what the listeners asked for in a microtask queued before this one.
    queueMicrotask(() => {
      sliceSize = sizeFor(sliceSize, told, now() - started, SLICE_MS);
      // The rest of what a caller waits for in the next task; pushed receipts at a later frame.
      if (urgent && waiting.some((entry) => entry.urgent)) askTask();
      // The frame that draws what was told is judged, even when nothing more waits.
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
