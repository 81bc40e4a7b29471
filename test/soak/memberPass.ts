/**
 * Full passes over a message's readers (filter 0) or non-readers (filter 1), one page per operation, so that
 * receipts, joins, leaves and outages happen between the pages of a pass, as they do while a user scrolls a
 * reader list. When a pass ends it is held to R7: nobody twice, everyone who stayed in the set for the whole pass,
 * nobody outside it, readers in read order, and a last page that says so.
 */
import { isTransientError, type Message, type ReadMemberPage } from 'readby';
import type { Invariants } from './invariants';
import { type Client, follow, membershipGuard, pick, type World } from './world';

export const PAGE_KIND = {
  twice: 'R7 member list: a user is returned twice in one pass',
  missing: 'R7 member list: a user who stayed in the set is missing from the pass',
  stranger: 'R7 member list: a user is returned who is not in the set',
  order: 'R7 member list: readers are out of read order',
  shape: 'R7 member list: a page of the wrong shape',
} as const;

/** Page sizes, 150 included: above 100 counts as 100 (R7). */
const PAGE_SIZES = [1, 2, 3, 5, 7, 100, 150];

export interface MemberPass {
  message: Message;
  filter: 0 | 1;
  count: number;
  cursor: string;
  returned: string[];
  /** The readers when the first page was asked for; null until then. */
  readersAtStart: string[] | null;
  inFlight: boolean;
  pages: number;
  startOp: number;
}

export interface PassStats {
  started: number;
  completed: number;
  pages: number;
}

/** One step of a client's paging: the next page of a pass under way, or the first page of a new pass. */
export function pageStep(world: World, check: Invariants, client: Client, stats: PassStats): void {
  const { random } = world;
  const waiting = client.passes.filter((pass) => !pass.inFlight);
  if (waiting.length > 0 && (client.passes.length >= 2 || random.chance(0.8))) {
    requestPage(world, check, client, pick(random, waiting), stats);
    return;
  }
  if (client.passes.length >= 2) return;
  const message = choosePassMessage(world, client);
  if (!message) return;
  const pass: MemberPass = {
    message,
    filter: random.chance(0.5) ? 0 : 1,
    count: pick(random, PAGE_SIZES),
    cursor: '',
    returned: [],
    readersAtStart: null,
    inFlight: false,
    pages: 0,
    startOp: world.op,
  };
  client.passes.push(pass);
  stats.started += 1;
  requestPage(world, check, client, pass, stats);
}

/** The sender's own group messages with receipts; any member's, where the server opens lists to members. */
function choosePassMessage(world: World, client: Client): Message | null {
  const own = client.sent.slice(-50).filter((message) => message.conversationType === 'GROUP');
  const others =
    world.memberListAccess === 'members'
      ? [...client.received.values()].flat().filter((message) => message.conversationType === 'GROUP')
      : [];
  const candidates = world.random.chance(0.5) && others.length > 0 ? others : own;
  return candidates.length === 0 ? null : pick(world.random, candidates);
}

function requestPage(
  world: World,
  check: Invariants,
  client: Client,
  pass: MemberPass,
  stats: PassStats,
): void {
  const { message, filter, count, cursor } = pass;
  if (pass.readersAtStart === null) pass.readersAtStart = readersOf(check, message.ID);
  pass.inFlight = true;
  const fair = membershipGuard(world, message.to, client.userID);
  const op = world.op;
  follow(world, client.chat.getGroupMessageReadMemberList({ message, filter, cursor, count })).then(
    ({ data }) => {
      pass.inFlight = false;
      stats.pages += 1;
      pass.pages += 1;
      onPage(world, check, client, pass, data, op);
      if (data.isCompleted || data.cursor === '') {
        drop(client, pass);
        stats.completed += 1;
        finish(world, check, client, pass, op);
      }
    },
    (error) => {
      pass.inFlight = false;
      // A page lost on the network is asked for again with the same cursor, as a list would on retry.
      if (isTransientError(error)) return;
      drop(client, pass);
      check.callFailed(`${client.userID}'s page of ${message.ID} (filter ${filter})`, error, fair);
    },
  );
}

function onPage(
  world: World,
  check: Invariants,
  client: Client,
  pass: MemberPass,
  page: ReadMemberPage,
  op: number,
) {
  const list = pass.filter === 0 ? page.readUserIDList : page.unreadUserIDList;
  const other = pass.filter === 0 ? page.unreadUserIDList : page.readUserIDList;
  const where = `${client.userID}'s pass over ${pass.message.ID} (filter ${pass.filter}, count ${pass.count}), page ${pass.pages}`;
  if (
    other.length > 0 ||
    list.length > Math.min(pass.count, 100) ||
    page.isCompleted !== (page.cursor === '') ||
    page.messageID !== pass.message.ID
  ) {
    check.report(PAGE_KIND.shape, `${where}: ${JSON.stringify(page)}`, op);
  }
  pass.returned.push(...list);
  pass.cursor = page.cursor;
  if (page.cursor !== '') {
    world.issuedCursors.push({ messageID: pass.message.ID, filter: pass.filter, cursor: page.cursor });
    if (world.issuedCursors.length > 20) world.issuedCursors.shift();
  }
}

/** R7 over the whole pass, against the readers when it began and when it ended. */
function finish(world: World, check: Invariants, client: Client, pass: MemberPass, op: number): void {
  const record = world.records.get(pass.message.ID);
  if (!record) return;
  const where = `${client.userID}'s pass over ${pass.message.ID} (filter ${pass.filter}, count ${pass.count}, ${pass.pages} pages from op ${pass.startOp})`;
  const returned = new Set(pass.returned);
  if (returned.size !== pass.returned.length)
    check.report(PAGE_KIND.twice, `${where}: ${pass.returned.join(',')}`, op);
  const atStart = new Set(pass.readersAtStart);
  const atEnd = readersOf(check, pass.message.ID);
  const readAtEnd = new Set(atEnd);
  // Reads only add, so a reader at the start stayed one, and a non-reader at the end was one all along.
  const stayed =
    pass.filter === 0 ? [...atStart] : [...record.recipients].filter((user) => !readAtEnd.has(user));
  const missing = stayed.filter((user) => !returned.has(user));
  if (missing.length > 0)
    check.report(PAGE_KIND.missing, `${where}: ${missing.join(',')} not in ${pass.returned.join(',')}`, op);
  const strangers = pass.returned.filter((user) =>
    pass.filter === 0 ? !readAtEnd.has(user) : !record.recipients.has(user) || atStart.has(user),
  );
  if (strangers.length > 0) check.report(PAGE_KIND.stranger, `${where}: ${strangers.join(',')}`, op);
  if (pass.filter === 0 && !isSubsequence(pass.returned, atEnd)) {
    check.report(PAGE_KIND.order, `${where}: ${pass.returned.join(',')} against ${atEnd.join(',')}`, op);
  }
}

function readersOf(check: Invariants, messageID: string): string[] {
  return check.groupTruth(messageID)?.readUserIDList ?? [];
}

function isSubsequence(list: string[], of: string[]): boolean {
  let at = 0;
  for (const item of list) {
    while (at < of.length && of[at] !== item) at += 1;
    if (at === of.length) return false;
    at += 1;
  }
  return true;
}

function drop(client: Client, pass: MemberPass): void {
  client.passes.splice(client.passes.indexOf(pass), 1);
}
