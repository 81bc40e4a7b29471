/**
 * `npm run soak`: the long soak, three seeds of 100,000 operations each. Prints, per seed and in total, the
 * operations, ops/s, violations by kind, stale views at the end and pulls per operation; exits 1 on any violation
 * or stale view. `--seeds 4,5 --operations 20000` runs others; a violation found at operation k of seed s
 * replays with `--seeds s --operations k+1`.
 */
import { formatReport, formatTotal } from './report';
import { runSoak, type SoakReport } from './soak';

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index === -1 ? fallback : (process.argv[index + 1] ?? fallback);
}

const seeds = option('seeds', '1,2,3').split(',').map(Number);
const operations = Number(option('operations', '100000'));
const reports: SoakReport[] = [];
for (const seed of seeds) {
  const report = await runSoak({ seed, operations });
  reports.push(report);
  console.log(formatReport(report));
}
console.log(formatTotal(reports));
const failed = reports.some(
  (report) => Object.keys(report.violations).length > 0 || report.convergence.stale > 0,
);
process.exitCode = failed ? 1 : 0;
