/**
 * `npm run bench`: runs every `bench/*.bench.ts` module, prints one table of figures against the bars of spec §4
 * and writes `bench/results/latest.json`. It is a report, not a gate: it exits 0 whatever the figures.
 *
 * Engine and mock server figures live in `engine.bench.ts`, `endToEnd.bench.ts`, `memberList.bench.ts` and
 * `memory.bench.ts`. The React layer's figures (badge re-renders during a receipt burst, count requests when mounting
 * 1,000 badges) belong in `bench/react.bench.ts`, reporting the bars `badgeRenders` and `badgeCountRequests`;
 * until it exists those bars show as "not measured".
 *
 * Each module runs in a process of its own, so that one module's garbage and heap growth do not weigh on the next
 * one's figures. Modules import the source (`../src/core/index`, `../src/mock/index`): the `readby` package names
 * resolve only inside Vite.
 */
import { fork } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BenchModule, type BenchRow, formatNumber, SPEC_BARS, type SpecBar } from './types';

const here = import.meta.dirname;

interface ModuleResult {
  module: string;
  seconds: number;
  rows: BenchRow[];
  error?: string;
}

/** In the child process: runs one module and sends its result to the parent. */
async function runModule(file: string): Promise<ModuleResult> {
  const module = basename(file, '.bench.ts');
  const started = performance.now();
  try {
    const loaded = (await import(pathToFileURL(join(here, file)).href)) as Partial<BenchModule>;
    if (typeof loaded.run !== 'function') throw new Error(`${file} exports no run()`);
    const rows = await loaded.run();
    return { module, seconds: (performance.now() - started) / 1000, rows };
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    return { module, seconds: (performance.now() - started) / 1000, rows: [], error: message };
  }
}

/** In the parent: runs one module in a child process with the parent's Node options (tsx, exposed gc). */
function runIsolated(file: string): Promise<ModuleResult> {
  return new Promise((resolve) => {
    const child = fork(import.meta.filename, ['--module', file], { execArgv: process.execArgv });
    let result: ModuleResult | null = null;
    child.on('message', (message) => {
      result = message as ModuleResult;
    });
    child.on('exit', (code) => {
      resolve(
        result ?? {
          module: basename(file, '.bench.ts'),
          seconds: 0,
          rows: [],
          error: `exited with code ${code}`,
        },
      );
    });
  });
}

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column]!)).join('  ');
  return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  if (typeof globalThis.gc !== 'function') {
    console.warn(
      'global.gc is missing: run through `npm run bench` (node --expose-gc) for the memory figure.\n',
    );
  }
  const files = readdirSync(here)
    .filter((file) => file.endsWith('.bench.ts'))
    .sort();
  const results: ModuleResult[] = [];
  for (const file of files) {
    process.stdout.write(`running ${file} … `);
    const result = await runIsolated(file);
    results.push(result);
    console.log(result.error ? 'failed' : `${result.seconds.toFixed(1)} s`);
  }

  const rows = results.flatMap((result) => result.rows.map((row) => ({ module: result.module, ...row })));
  const printed = rows.map((row) => [
    row.pass ? 'pass' : 'FAIL',
    row.name,
    `${formatNumber(row.value)} ${row.unit}`,
    row.target,
    row.detail ?? '',
  ]);
  const reported = new Set(rows.map((row) => row.bar));
  const missing = (Object.keys(SPEC_BARS) as SpecBar[]).filter((bar) => !reported.has(bar));
  for (const bar of missing)
    printed.push(['—', SPEC_BARS[bar], 'not measured', '', 'no module reports it yet']);
  console.log(`\n${table(['', 'figure', 'value', 'bar', 'detail'], printed)}\n`);
  for (const result of results.filter((item) => item.error)) {
    console.log(`${result.module} failed:\n${result.error}\n`);
  }

  const report = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpu: cpus()[0]?.model ?? 'unknown',
    cpus: cpus().length,
    modules: results.map(({ module, seconds, error }) => ({ module, seconds, ...(error ? { error } : {}) })),
    rows,
    notMeasured: missing.map((bar) => ({ bar, name: SPEC_BARS[bar] })),
  };
  mkdirSync(join(here, 'results'), { recursive: true });
  writeFileSync(join(here, 'results', 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  const passed = rows.filter((row) => row.pass).length;
  console.log(`${passed} of ${rows.length} figures meet their bars; ${missing.length} bars not measured.`);
  console.log('Written: bench/results/latest.json');
}

const moduleArgument = process.argv.indexOf('--module');
if (moduleArgument === -1) {
  await main();
} else {
  const result = await runModule(process.argv[moduleArgument + 1]!);
  process.send?.(result, () => process.exit(0));
}
