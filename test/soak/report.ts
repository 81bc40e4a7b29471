/** Prints what a soak found: per seed, then in total. */
import type { SoakReport } from './soak';

const number = (value: number, digits = 0) =>
  value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function formatReport(report: SoakReport): string {
  const lines = [
    `seed ${report.seed} (member lists: ${report.memberListAccess}): ${number(report.operations)} operations in ${number(report.seconds, 1)} s, ${number(report.opsPerSecond)} ops/s`,
    `  pulls (getMessageReadReceiptList requests): ${number(report.pulls.requests)}, ${number(report.pulls.perOperation, 3)} per operation (${number(report.pulls.explicit)} made by the soak, ${number(report.pulls.quiet)} in the quiet period)`,
    `  stale views at the end: ${report.convergence.stale} of ${number(report.convergence.checked)} checked (not held to it: ${report.convergence.outsideGroup} whose sender is outside the group at the end; ${report.convergence.landedButFailed} sends shown failed that the server stored, not retried when the run ended)`,
    ...report.convergence.examples.map((example) => `    ${example}`),
    `  violations: ${Object.values(report.violations).reduce((sum, count) => sum + count, 0)}`,
  ];
  for (const [kind, count] of Object.entries(report.violations).sort()) {
    lines.push(`    ${number(count).padStart(6)}  ${kind}`);
    for (const example of report.examples.filter((violation) => violation.kind === kind)) {
      lines.push(`            op ${example.op}: ${example.detail}`);
    }
  }
  lines.push(
    `  activity: ${Object.entries(report.activity)
      .map(([name, count]) => `${name} ${number(count)}`)
      .join(', ')}`,
  );
  lines.push(
    `  hostile calls: ${Object.entries(report.hostile)
      .map(([name, count]) => `${name} ${number(count)}`)
      .join(', ')}`,
  );
  return lines.join('\n');
}

export function formatTotal(reports: SoakReport[]): string {
  const operations = reports.reduce((sum, report) => sum + report.operations, 0);
  const seconds = reports.reduce((sum, report) => sum + report.seconds, 0);
  const pulls = reports.reduce((sum, report) => sum + report.pulls.requests, 0);
  const stale = reports.reduce((sum, report) => sum + report.convergence.stale, 0);
  const checked = reports.reduce((sum, report) => sum + report.convergence.checked, 0);
  const violations = new Map<string, number>();
  for (const report of reports) {
    for (const [kind, count] of Object.entries(report.violations))
      violations.set(kind, (violations.get(kind) ?? 0) + count);
  }
  const lines = [
    `total: ${number(operations)} operations in ${number(seconds, 1)} s, ${number(operations / seconds)} ops/s`,
    `  pulls: ${number(pulls)}, ${number(pulls / operations, 3)} per operation`,
    `  stale views at the end: ${stale} of ${number(checked)} checked`,
    `  violations: ${[...violations.values()].reduce((sum, count) => sum + count, 0)}`,
    ...[...violations].sort().map(([kind, count]) => `    ${number(count).padStart(6)}  ${kind}`),
  ];
  return lines.join('\n');
}
