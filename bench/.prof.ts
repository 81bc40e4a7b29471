import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 200 });
let n = 0;
(globalThis as any).__start = () => {
  void session.post('Profiler.start');
};
(globalThis as any).__stop = async () => {
  const { profile } = await session.post('Profiler.stop');
  writeFileSync(`/tmp/e2e-${n++}.cpuprofile`, JSON.stringify(profile));
};
const mod = await import(process.argv[2]!);
for (let i = 0; i < 2; i++) console.log((await mod[process.argv[3]!]()).toFixed(0), 'ms');
