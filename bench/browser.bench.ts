/**
 * The browser's bars (docs/rules.md §4): a receipt burst into 1,000 mounted badges makes no long task, keeps frames as
 * smooth as a naive UI's, renders in half the time, and shows the counts after mount no later.
 *
 * A production build of `bench/browser` (React's profiling build, so that `<Profiler>` reports) is served locally
 * and driven in Chromium. Each run is a fresh page: the mock server, a 1,000-member group, 1,000 messages of mine
 * loaded from history, 1,000 badges with the total and the ring, then 5,000 receipts over 2 s from other members.
 * readby's badges and naive ones (each fetching its own counts and listening to every receipt event) run in
 * interleaved rounds on the same bursts; both must end showing the same counts, the server's.
 */
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import { type Browser, chromium } from 'playwright';
import { build } from 'vite';
import type { BadgeUI, BurstShape, PageRun } from './browser/protocol';
import { BURST_RECEIPTS, MESSAGES } from './browser/protocol';
import { serveFolder } from './browser/serveFolder';
import { type BenchRow, budgetRow, interleave, pairedRatio, spread } from './types';

const ROUNDS = 5;
const SHAPES: Record<BurstShape, string> = {
  catchUp: 'catch-up burst',
  scattered: 'scattered burst',
};
const page = join(import.meta.dirname, 'browser');
const outDir = join(page, 'dist');

export async function run(): Promise<BenchRow[]> {
  await build({
    configFile: false,
    root: page,
    mode: 'production',
    logLevel: 'warn',
    plugins: [react()],
    // React's production build with its timers kept, for <Profiler>.
    resolve: { alias: [{ find: /^react-dom\/client$/, replacement: 'react-dom/profiling' }] },
    build: { outDir, emptyOutDir: true },
  });
  const site = await serveFolder(outDir);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      // The page collects garbage before each burst, so that the last run's garbage is not collected during it.
      '--js-flags=--expose-gc',
    ],
  });
  try {
    const rows: BenchRow[] = [];
    // One warm-up round before the first shape: the browser has compiled the page's code by the second.
    for (const [index, shape] of (Object.keys(SHAPES) as BurstShape[]).entries()) {
      rows.push(...(await measureShape(browser, site.url, shape, index === 0 ? 1 : 0)));
    }
    return rows;
  } finally {
    await browser.close();
    await site.close();
  }
}

async function measureShape(
  browser: Browser,
  url: string,
  shape: BurstShape,
  warmUp: number,
): Promise<BenchRow[]> {
  const runs: Record<BadgeUI, PageRun[]> = { readby: [], naive: [] };
  const contender = (ui: BadgeUI) => async () => {
    // Both UIs of a round face the same burst, over the same range of latencies.
    const result = await runOnce(browser, url, ui, shape, runs[ui].length + 1);
    runs[ui].push(result);
    return result.renderMs;
  };
  await interleave({ readby: contender('readby'), naive: contender('naive') }, { rounds: ROUNDS, warmUp });
  // A warm-up round is not kept.
  const readby = runs.readby.slice(-ROUNDS);
  const naive = runs.naive.slice(-ROUNDS);
  readby.forEach((run, round) => {
    const other = naive[round]!;
    const differ = run.finalCounts.findIndex((count, index) => count !== other.finalCounts[index]);
    if (differ !== -1 || run.finalCounts.length !== MESSAGES || other.finalCounts.length !== MESSAGES)
      throw new Error(
        `${shape}, round ${round + 1}: readby and the naive UI end with different counts (message ${differ + 1}: ${run.finalCounts[differ]} against ${other.finalCounts[differ]})`,
      );
  });
  const figure = (runs: PageRun[], pick: (run: PageRun) => number, unit: string) =>
    spread(runs.map(pick), unit);
  const ratio = (pick: (run: PageRun) => number) => pairedRatio(readby.map(pick), naive.map(pick));
  const label = SHAPES[shape];
  const longTasks = figure(readby, (run) => run.longTasks, 'tasks');
  const frames = ratio((run) => run.frameP95);
  const render = ratio((run) => run.renderMs);
  const mount = ratio((run) => run.mountToCounts);
  const withLongTasks = readby.filter((run) => run.longTasks > 0).length;
  return [
    budgetRow({
      bar: `browser.${shape}.longTasks`,
      name: `${label}: long tasks (> 50 ms) until the final counts show`,
      value: longTasks.median,
      unit: ' tasks',
      max: 0,
      measured: {
        readby: longTasks,
        naive: figure(naive, (run) => run.longTasks, 'tasks'),
        'readby ms': figure(readby, (run) => run.longTaskMs, 'ms'),
        'naive ms': figure(naive, (run) => run.longTaskMs, 'ms'),
      },
      detail: `${withLongTasks} of ${ROUNDS} readby runs had one; ${BURST_RECEIPTS.toLocaleString('en')} receipts over 2 s; final counts shown after ${spreadText(figure(readby, (run) => run.settleMs, 'ms'))} (naive ${spreadText(figure(naive, (run) => run.settleMs, 'ms'))})`,
    }),
    budgetRow({
      bar: `browser.${shape}.frameP95`,
      name: `${label}: frame time p95, readby ÷ naive`,
      value: frames.median,
      unit: '×',
      max: 1,
      measured: {
        ratio: frames,
        readby: figure(readby, (run) => run.frameP95, 'ms'),
        naive: figure(naive, (run) => run.frameP95, 'ms'),
      },
    }),
    budgetRow({
      bar: `browser.${shape}.renderTime`,
      name: `${label}: React render time, readby ÷ naive`,
      value: render.median,
      unit: '×',
      max: 0.5,
      measured: {
        ratio: render,
        readby: figure(readby, (run) => run.renderMs, 'ms'),
        naive: figure(naive, (run) => run.renderMs, 'ms'),
      },
      detail: `commits: readby ${spreadText(figure(readby, (run) => run.commits, ''))}, naive ${spreadText(figure(naive, (run) => run.commits, ''))}`,
    }),
    budgetRow({
      bar: `browser.${shape}.mountToCounts`,
      name: `${label}: mount to every badge showing counts, readby ÷ naive`,
      value: mount.median,
      unit: '×',
      max: 1,
      measured: {
        ratio: mount,
        readby: figure(readby, (run) => run.mountToCounts, 'ms'),
        naive: figure(naive, (run) => run.mountToCounts, 'ms'),
      },
    }),
  ];
}

async function runOnce(
  browser: Browser,
  url: string,
  ui: BadgeUI,
  shape: BurstShape,
  seed: number,
): Promise<PageRun> {
  const tab = await browser.newPage();
  try {
    await tab.goto(`${url}/index.html?ui=${ui}&shape=${shape}&seed=${seed}`);
    return await tab.evaluate(() => window.benchRun!);
  } finally {
    await tab.close();
  }
}

function spreadText({ median, min, max }: { median: number; min: number; max: number }): string {
  return `${Math.round(median)} (${Math.round(min)}–${Math.round(max)})`;
}
