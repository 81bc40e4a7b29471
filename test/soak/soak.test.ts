import { beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE } from './hostile';
import { KIND } from './invariants';
import { PAGE_KIND } from './memberPass';
import { runSoak, type SoakReport } from './soak';

/** Three seeds: seeds 1 and 3 keep member lists to the sender, seed 2 opens them to members (R7). */
const SEEDS = [1, 2, 3];
const OPERATIONS = 3_000;

/** The violations of the given kinds (or kind prefixes), each with its count and first reproductions. */
function violationsOf(report: SoakReport, kinds: readonly string[]): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  for (const [kind, count] of Object.entries(report.violations)) {
    if (!kinds.some((prefix) => kind.startsWith(prefix))) continue;
    const examples = report.examples.filter((violation) => violation.kind === kind);
    found[kind] = [
      `${count}×`,
      ...examples.map((violation) => `seed ${report.seed}, op ${violation.op}: ${violation.detail}`),
    ];
  }
  return found;
}

const GROUPS_OF_KINDS = {
  counts: [KIND.recipients, KIND.notRecipient, KIND.sum, KIND.decreased, KIND.ahead, KIND.status],
  exactlyOnce: [KIND.twice, KIND.missing, KIND.phantom],
  push: [KIND.pushBehind],
  pages: Object.values(PAGE_KIND),
  support: [KIND.support],
  cursors: [HOSTILE.cursor],
  identity: [HOSTILE.identity],
  squatting: [HOSTILE.squat, KIND.squatted],
  outsiders: [
    HOSTILE.pullOthers,
    HOSTILE.listOthers,
    HOSTILE.receiptOutside,
    HOSTILE.notMember,
    HOSTILE.missingGroup,
  ],
  content: [HOSTILE.content],
  malformed: [HOSTILE.wire, HOSTILE.client],
  failure: [KIND.refused, KIND.retryRefused, KIND.unsettled, KIND.threw],
};

describe.each(SEEDS)(`a soak of ${OPERATIONS} operations with faults and hostile calls, seed %i`, (seed) => {
  let report: SoakReport;
  beforeAll(async () => {
    report = await runSoak({ seed, operations: OPERATIONS });
  }, 60_000);

  it('covers what it checks: sends, receipts, full member-list passes, outages, joins, leaves and hostile calls', () => {
    const { activity } = report;
    expect(activity.send).toBeGreaterThan(400);
    expect(activity['receipts stored']).toBeGreaterThan(300);
    expect(activity['member-list passes completed']).toBeGreaterThan(50);
    expect(activity.outage).toBeGreaterThan(10);
    expect((activity.join ?? 0) + (activity.leave ?? 0)).toBeGreaterThan(10);
    expect(Object.keys(report.hostile).length).toBeGreaterThanOrEqual(9);
    expect(report.pulls.requests).toBeGreaterThan(report.pulls.explicit);
  });

  it('R1, R2: in every view, read + unread equals the recipients at the send, and counts never fall or run ahead of the server', () => {
    expect(violationsOf(report, GROUPS_OF_KINDS.counts)).toEqual({});
  });

  it('R3, R3.4, R3.5, R12: every receipt a call succeeded for is stored exactly once, retries included, and no other', () => {
    expect(violationsOf(report, GROUPS_OF_KINDS.exactlyOnce)).toEqual({});
  });

  it('R5: by the time a receipt event is handled, findMessage shows its counts', () => {
    expect(violationsOf(report, GROUPS_OF_KINDS.push)).toEqual({});
  });

  it('R7: a full pass over readers or non-readers, across concurrent reads, returns nobody twice, everyone who stayed, and nobody else', () => {
    expect(violationsOf(report, GROUPS_OF_KINDS.pages)).toEqual({});
  });

  it('R8: a message has receipts exactly where its group type and size allow them, and says so', () => {
    expect(violationsOf(report, GROUPS_OF_KINDS.support)).toEqual({});
  });

  it('R7: forged, replayed and garbled member-list cursors are refused with INVALID_PARAMETER', () => {
    expect(violationsOf(report, GROUPS_OF_KINDS.cursors)).toEqual({});
  });

  it('R10: a connection acts for the user it connected as, whatever its userID says later', () => {
    expect(violationsOf(report, GROUPS_OF_KINDS.identity)).toEqual({});
  });

  it("R10: taking another client's next message ID does not stop that client's send", () => {
    expect(violationsOf(report, GROUPS_OF_KINDS.squatting)).toEqual({});
  });

  it("R3.3, R6, R7, R10: calls on other users' messages and on groups the caller is not in are refused and change nothing", () => {
    expect(violationsOf(report, GROUPS_OF_KINDS.outsiders)).toEqual({});
  });

  it('§1.3: a message whose content is not a text or custom payload is refused with INVALID_PARAMETER and stored nowhere', () => {
    expect(violationsOf(report, GROUPS_OF_KINDS.content)).toEqual({});
  });

  it('§1.6: malformed requests and bad arguments are refused with the code docs/rules.md gives and change nothing', () => {
    expect(violationsOf(report, GROUPS_OF_KINDS.malformed)).toEqual({});
  });

  it('R12: legitimate calls fail only on the network or for a fair reason, and every call settles', () => {
    expect(violationsOf(report, GROUPS_OF_KINDS.failure)).toEqual({});
  });

  it('finds no violation of a kind the tests above do not name', () => {
    expect(violationsOf(report, [''])).toEqual(violationsOf(report, Object.values(GROUPS_OF_KINDS).flat()));
  });

  it("§4: after one quiet period every sender's view equals the server's truth, with no pull by hand", () => {
    expect(report.convergence.examples).toEqual([]);
    expect(report.convergence.stale).toBe(0);
    expect(report.convergence.checked).toBeGreaterThan(300);
  });
});
