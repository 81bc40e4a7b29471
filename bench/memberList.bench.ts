/**
 * docs/rules.md §4 and R7: a member-list page costs the same at 1,000 and 100,000 members. For each filter and read
 * pattern, full passes of 100-member pages run in a group of each size. The budget (≤ 1.5×) is on the server's work
 * counter, bit words, read-order entries and roster slots looked at a page, which does not depend on the machine;
 * time a page is reported beside it, as the median of paired round ratios. Then the 100,000-member group again,
 * with members who left before the send keeping their slots among the others, against the same 1,000-member page.
 */
import { createMockServer, createRandom, type MockServer } from '../src/mock/index';
import { type BenchRow, budgetRow, formatNumber, interleave, now, pairedRatio, spread } from './types';

const SIZES = [1_000, 100_000] as const;
/** "The same", allowing for the noise of timing and for a big group's data being further from the cache. */
const RATIO_BAR = 1.5;
const PAGE = 100;
const ROUNDS = 5;

interface Pattern {
  name: string;
  reads: (index: number, size: number, random: () => number) => boolean;
}

const PATTERNS: Pattern[] = [
  { name: 'half read, scattered', reads: (_index, _size, random) => random() < 0.5 },
  { name: 'all but the last 150 read', reads: (index, size) => index < size - 150 },
];

/**
 * Members who left before the send: no recipients (R1), but they keep their roster slots, which a non-reader page
 * must not pay for. Scattered, one after each member; clustered, in one run after the first half of the members.
 */
interface Departure {
  name: string;
  count: number;
  layout: 'scattered' | 'clustered';
}

const DEPARTURES: Departure[] = [
  { name: 'no departed members', count: 0, layout: 'scattered' },
  { name: '100,000 departed, scattered', count: 100_000, layout: 'scattered' },
  { name: '90,000 departed, clustered', count: 90_000, layout: 'clustered' },
];

/** Member IDs with the departed ones placed among them as `departure` says, in join order. */
function rosterOrder(users: string[], departure: Departure): { memberList: string[]; gone: string[] } {
  const gone = Array.from({ length: departure.count }, (_, index) => `gone${index}`);
  if (departure.layout === 'clustered') {
    const half = users.length >> 1;
    return { memberList: [...users.slice(0, half), ...gone, ...users.slice(half)], gone };
  }
  const memberList: string[] = [];
  for (let index = 0; index < Math.max(users.length, gone.length); index++) {
    if (index < users.length) memberList.push(users[index]!);
    if (index < gone.length) memberList.push(gone[index]!);
  }
  return { memberList, gone };
}

function setUp(
  size: number,
  pattern: Pattern,
  departure: Departure = DEPARTURES[0]!,
): { server: MockServer; messageID: string } {
  const server = createMockServer({ seed: 1, maxReceiptGroupSize: size });
  const users = Array.from({ length: size }, (_, index) => `member${index}`);
  const { memberList, gone } = rosterOrder(users, departure);
  server.createGroup({ groupID: 'big', type: 'Public', memberList });
  if (gone.length > 0) server.removeGroupMembers('big', gone);
  const { ID } = server.postMessage({
    from: users[0]!,
    to: 'big',
    conversationType: 'GROUP',
    text: 'all hands',
    needReadReceipt: true,
  });
  const random = createRandom(size);
  for (let index = 1; index < size; index++) {
    if (pattern.reads(index, size, random.next)) {
      server.request(users[index]!, 'sendMessageReadReceipt', { messageIDs: [ID] });
    }
  }
  return { server, messageID: ID };
}

function fullPass(server: MockServer, messageID: string, filter: 0 | 1): number {
  let cursor = '';
  let pages = 0;
  do {
    cursor = server.request('member0', 'getGroupMessageReadMemberList', {
      messageID,
      filter,
      cursor,
      count: PAGE,
    }).cursor;
    pages += 1;
  } while (cursor !== '');
  return pages;
}

/** Time and work per page over full passes, repeated for at least `minMs`. */
function measure(server: MockServer, messageID: string, filter: 0 | 1, minMs = 100) {
  for (let warm = 0; warm < 3; warm++) fullPass(server, messageID, filter);
  const workBefore = server.getWorkStats();
  let pages = 0;
  const started = now();
  do pages += fullPass(server, messageID, filter);
  while (now() - started < minMs);
  const ms = now() - started;
  const work = server.getWorkStats();
  return {
    microsPerPage: (ms * 1000) / pages,
    probesPerPage: (work.memberListProbes - workBefore.memberListProbes) / pages,
  };
}

/**
 * The row of two groups measured in interleaved rounds. The budget is on work, probes a page, which load on the
 * machine cannot blur; time a page is reported beside it as the median of paired round ratios.
 */
async function compare(
  groups: { server: MockServer; messageID: string }[],
  filter: 0 | 1,
  name: string,
): Promise<BenchRow> {
  const [small, large] = groups as [(typeof groups)[0], (typeof groups)[0]];
  const probes = { small: [] as number[], large: [] as number[] };
  const samples = await interleave(
    {
      small: () => {
        const figures = measure(small.server, small.messageID, filter);
        probes.small.push(figures.probesPerPage);
        return figures.microsPerPage;
      },
      large: () => {
        const figures = measure(large.server, large.messageID, filter);
        probes.large.push(figures.probesPerPage);
        return figures.microsPerPage;
      },
    },
    { rounds: ROUNDS },
  );
  const probeRatio = Math.max(...probes.large) / Math.min(...probes.small);
  const timeRatio = pairedRatio(samples.large, samples.small);
  return budgetRow({
    bar: 'memberList.flat',
    name: `${name}: probes a page, 100k ÷ 1k`,
    value: probeRatio,
    unit: '×',
    max: RATIO_BAR,
    measured: {
      '1k page': spread(samples.small, 'µs'),
      '100k page': spread(samples.large, 'µs'),
      'time ratio': timeRatio,
    },
    detail: `${formatNumber(Math.min(...probes.small))} vs ${formatNumber(Math.max(...probes.large))} probes a page`,
  });
}

export async function run(): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  for (const pattern of PATTERNS) {
    const groups = SIZES.map((size) => setUp(size, pattern));
    for (const filter of [0, 1] as const) {
      const name = `member-list page, ${filter === 0 ? 'readers' : 'non-readers'}, ${pattern.name}`;
      rows.push(await compare(groups, filter, name));
    }
  }
  // Departed members only ever cost the non-reader list: readers are paged by read order, not by slot.
  const pattern = PATTERNS[0]!;
  const [smallSize, largeSize] = SIZES;
  const small = setUp(smallSize, pattern);
  for (const departure of DEPARTURES) {
    const large = setUp(largeSize, pattern, departure);
    rows.push(
      await compare([small, large], 1, `member-list page, non-readers, ${pattern.name}, ${departure.name}`),
    );
  }
  return rows;
}
