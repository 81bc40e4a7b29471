/**
 * Adding and removing listeners costs O(1) each, however many there are: 50,000 handlers (one per mounted badge
 * in a long list, say) added to one event and then removed by their unsubscribe functions, against a plain `Set`
 * doing the same adds and deletes in the same run. Gated as a ratio of medians, since the machine is shared.
 */
import { createEmitter } from '../src/core/index';
import { type BenchRow, budgetRow, interleave, now, pairedRatio, spread } from './types';

const LISTENERS = 50_000;
const RUNS = 7;
/** A handful of times a bare Set: the emitter also builds the unsubscribe closures and keeps one Set per event. */
const BAR = 10;

function emitterRun(handlers: Array<(n: number) => void>): number {
  const emitter = createEmitter<{ tick: number }>();
  const started = now();
  const stops = handlers.map((handler) => emitter.on('tick', handler));
  for (const stop of stops) stop();
  return now() - started;
}

function setRun(handlers: Array<(n: number) => void>): number {
  const set = new Set<(n: number) => void>();
  const started = now();
  const stops = handlers.map((handler) => {
    set.add(handler);
    return () => set.delete(handler);
  });
  for (const stop of stops) stop();
  return now() - started;
}

export async function run(): Promise<BenchRow[]> {
  const handlers = Array.from({ length: LISTENERS }, (_, index) => (n: number) => n + index);
  const samples = await interleave(
    { emitter: () => emitterRun(handlers), set: () => setRun(handlers) },
    { rounds: RUNS },
  );
  const ratio = pairedRatio(samples.emitter, samples.set);
  return [
    budgetRow({
      bar: 'emitter.listeners',
      name: 'emitter: add and remove 50,000 listeners, ÷ a plain Set',
      value: ratio.median,
      unit: '×',
      max: BAR,
      measured: { emitter: spread(samples.emitter, 'ms'), Set: spread(samples.set, 'ms'), ratio },
    }),
  ];
}
