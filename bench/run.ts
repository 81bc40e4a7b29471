/**
 * `npm run bench`: runs every `bench/*.bench.ts` module (or those named on the command line, such as
 * `npm run bench -- engine browser`), prints one table, writes `bench/results/latest.json`, and exits with code 1
 * when a gated row misses its budget or a module fails. Budgets are ratios to baselines measured in the same run,
 * or counts that timing cannot blur; see `docs/performance.md` for each one and how to reproduce it.
 *
 * Each module runs in a process of its own, so that one module's garbage and heap growth do not weigh on the next
 * one's figures. Modules import the source (`../src/core/index`, `../src/mock/index`): the `readby` package names
 * resolve only inside Vite.
 */
import { fork } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type BenchModule, type BenchRow, formatNumber, formatSpread } from './types';

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
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

/** The table `docs/performance.md` shows, between its markers; a full run (no module named) rewrites it. */
const DOCS = join(here, '..', 'docs', 'performance.md');
const START = '<!-- latest run: written by npm run bench -->';
const END = '<!-- end of latest run -->';

function markdown(rows: BenchRow[], machine: string): string {
  const cell = (text: string) => text.replaceAll('|', '\\|');
  const lines = [
    `Run ${new Date().toISOString().slice(0, 10)} on ${machine}.`,
    '',
    '| | figure | value | budget | medians (min–max) |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map(
      (row) =>
        `| ${verdict(row)} | ${cell(row.name)} | ${cell(`${formatNumber(row.value)} ${row.unit}`.trim())} | ${cell(row.target)} | ${cell(
          Object.entries(row.measured ?? {})
            .map(([who, figures]) => `${who} ${formatSpread(figures)}`)
            .join('; '),
        )} |`,
    ),
  ];
  return lines.join('\n');
}

function writeDocs(table: string): void {
  if (!existsSync(DOCS)) return;
  const text = readFileSync(DOCS, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start === -1 || end < start) return;
  writeFileSync(DOCS, `${text.slice(0, start + START.length)}\n${table}\n${text.slice(end)}`);
}

function verdict(row: BenchRow): string {
  if (row.target === 'reported') return 'info';
  if (row.pass) return 'pass';
  return row.gate ? 'FAIL' : 'below';
}

async function main(only: string[]): Promise<number> {
  if (typeof globalThis.gc !== 'function') {
    console.warn(
      'global.gc is missing: run through `npm run bench` (node --expose-gc) for the memory figures.\n',
    );
  }
  const files = readdirSync(here)
    .filter((file) => file.endsWith('.bench.ts'))
    .filter((file) => only.length === 0 || only.includes(basename(file, '.bench.ts')))
    .sort();
  if (files.length === 0) {
    console.error(`No bench module is named ${only.join(', ')}.`);
    return 1;
  }
  const results: ModuleResult[] = [];
  for (const file of files) {
    process.stdout.write(`running ${file} … `);
    const result = await runIsolated(file);
    results.push(result);
    console.log(result.error ? 'failed' : `${result.seconds.toFixed(1)} s`);
  }

  const rows = results.flatMap((result) => result.rows.map((row) => ({ module: result.module, ...row })));
  const printed = rows.map((row) => [
    verdict(row),
    row.name,
    `${formatNumber(row.value)} ${row.unit}`.trim(),
    row.target,
    Object.entries(row.measured ?? {})
      .map(([who, figures]) => `${who} ${formatSpread(figures)}`)
      .join('; '),
    row.detail ?? '',
  ]);
  console.log(`\n${table(['', 'figure', 'value', 'budget', 'medians (min–max)', 'detail'], printed)}\n`);
  const failedModules = results.filter((item) => item.error);
  for (const result of failedModules) console.log(`${result.module} failed:\n${result.error}\n`);

  const missed = rows.filter((row) => row.gate && !row.pass);
  const report = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpu: cpus()[0]?.model ?? 'unknown',
    cpus: cpus().length,
    memoryGB: Math.round(totalmem() / 2 ** 30),
    passed: missed.length === 0 && failedModules.length === 0,
    modules: results.map(({ module, seconds, error }) => ({ module, seconds, ...(error ? { error } : {}) })),
    rows,
  };
  mkdirSync(join(here, 'results'), { recursive: true });
  writeFileSync(join(here, 'results', 'latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  const machine = `${report.cpu}, ${report.cpus} cores, ${report.memoryGB} GB, Node ${report.node.slice(1)}`;
  if (only.length === 0) writeDocs(markdown(rows, machine));
  const gated = rows.filter((row) => row.gate);
  console.log(
    `${gated.length - missed.length} of ${gated.length} budgets met` +
      `${failedModules.length > 0 ? `; ${failedModules.length} module(s) failed` : ''}. ` +
      'Written: bench/results/latest.json',
  );
  for (const row of missed)
    console.log(`missed: ${row.name}: ${formatNumber(row.value)} ${row.unit}, budget ${row.target}`);
  return report.passed ? 0 : 1;
}

const moduleArgument = process.argv.indexOf('--module');
if (moduleArgument === -1) {
  process.exitCode = await main(process.argv.slice(2));
} else {
  const result = await runModule(process.argv[moduleArgument + 1]!);
  process.send?.(result, () => process.exit(0));
}
