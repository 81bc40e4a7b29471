import ReadBy from 'readby';
import { createMockServer, type MockServer, simulateReaders } from 'readby/mock';
import { describe, expect, it, vi } from 'vitest';
import {
  connectChat,
  fakeTimersWithChatCleanup,
  groupMessage,
  peerMessage,
  postToGroup,
  userIDs,
} from './support';

const MEMBERS = ['alice', ...userIDs(19, 'm')];

function teamServer(seed = 1): MockServer {
  const server = createMockServer({ seed });
  server.createGroup({ groupID: 'team', type: 'Private', memberList: MEMBERS });
  return server;
}

function post(server: MockServer, options: { to?: string; needReadReceipt?: boolean } = {}) {
  return server.postMessage({
    from: 'alice',
    to: options.to ?? 'team',
    conversationType: 'GROUP',
    text: 'hello',
    needReadReceipt: options.needReadReceipt ?? true,
  });
}

/** When each reader read, in ms after `start`, by sampling the server's truth every millisecond. */
async function readTimes(
  server: MockServer,
  messageID: string,
  untilMs: number,
): Promise<Map<string, number>> {
  const start = Date.now();
  const times = new Map<string, number>();
  for (let elapsed = 0; elapsed <= untilMs; elapsed += 1) {
    for (const reader of server.getReceiptTruth(messageID)!.readUserIDList) {
      if (!times.has(reader)) times.set(reader, Date.now() - start);
    }
    await vi.advanceTimersByTimeAsync(1);
  }
  return times;
}

describe('simulateReaders (docs/rules.md §2: simulated members who read over time)', () => {
  const track = fakeTimersWithChatCleanup();

  it('members read a new receipt message over time, each within delayMs', async () => {
    const server = teamServer();
    const simulation = simulateReaders(server, {
      groupID: 'team',
      exclude: ['alice'],
      delayMs: [1_000, 3_000],
    });
    const { ID } = post(server);
    const times = await readTimes(server, ID, 3_000);
    expect([...times.keys()].sort()).toEqual(MEMBERS.slice(1).sort());
    expect(Math.min(...times.values())).toBeGreaterThanOrEqual(1_000);
    expect(Math.max(...times.values())).toBeLessThanOrEqual(3_000);
    expect(new Set(times.values()).size).toBeGreaterThan(5);
    simulation.stop();
  });

  it('reads a message sent by a client, and the sender sees the counts rise to all read (R5)', async () => {
    const server = teamServer();
    const alice = track(connectChat(server, 'alice'));
    const simulation = simulateReaders(server, { groupID: 'team', exclude: ['alice'], delayMs: [100, 500] });
    const counts: number[] = [];
    alice.on(ReadBy.EVENT.MESSAGE_READ_RECEIPT_RECEIVED, ({ data }) => {
      for (const item of data) if ('readCount' in item) counts.push(item.readCount);
    });
    const sending = alice.sendMessage(groupMessage(alice, 'team', 'standup?'));
    await vi.advanceTimersByTimeAsync(0);
    const { data } = await sending;
    await vi.advanceTimersByTimeAsync(99);
    expect(counts).toEqual([]);
    await vi.advanceTimersByTimeAsync(401);
    expect(counts.length).toBeGreaterThan(1);
    expect(counts.at(-1)).toBe(19);
    expect(alice.findMessage(data.message.ID)!.readReceiptInfo).toEqual({ readCount: 19, unreadCount: 0 });
    simulation.stop();
  });

  it('readRatio sets the share who ever read, the same share for the same seed', async () => {
    const run = async (seed: number) => {
      const server = createMockServer({ seed, maxReceiptGroupSize: 1_000 });
      const members = ['alice', ...userIDs(400, 'm')];
      server.createGroup({ groupID: 'team', type: 'Private', memberList: members });
      const simulation = simulateReaders(server, { groupID: 'team', delayMs: [10, 50], readRatio: 0.25 });
      const { ID } = postToGroup(server, 'alice', 'team', 'hi');
      await vi.advanceTimersByTimeAsync(10_000);
      simulation.stop();
      return server.getReceiptTruth(ID)!.readUserIDList;
    };
    const first = await run(9);
    expect(first.length).toBeGreaterThan(400 * 0.15);
    expect(first.length).toBeLessThan(400 * 0.35);
    expect(await run(9)).toEqual(first);
    expect(await run(10)).not.toEqual(first);
  });

  it('readRatio 0 reads nothing and 1 reads everyone', async () => {
    const server = teamServer();
    const none = simulateReaders(server, { groupID: 'team', delayMs: [10, 20], readRatio: 0 });
    const silent = post(server);
    await vi.advanceTimersByTimeAsync(100);
    none.stop();
    const all = simulateReaders(server, { groupID: 'team', delayMs: [10, 20], readRatio: 1 });
    const loud = post(server);
    await vi.advanceTimersByTimeAsync(100);
    all.stop();
    expect(server.getReceiptTruth(silent.ID)!.readCount).toBe(0);
    expect(server.getReceiptTruth(loud.ID)!.readCount).toBe(19);
  });

  it('excluded members never read', async () => {
    const server = teamServer();
    const exclude = ['m0', 'm5', 'm18'];
    const simulation = simulateReaders(server, { groupID: 'team', exclude, delayMs: [10, 100] });
    const { ID } = post(server);
    await vi.advanceTimersByTimeAsync(1_000);
    const readers = server.getReceiptTruth(ID)!.readUserIDList;
    expect(readers).toHaveLength(19 - exclude.length);
    expect(readers.filter((reader) => exclude.includes(reader))).toEqual([]);
    simulation.stop();
  });

  it('stop() cancels the reads still pending and watches no new messages', async () => {
    const server = teamServer();
    const simulation = simulateReaders(server, { groupID: 'team', delayMs: [1_000, 2_000] });
    const { ID } = post(server);
    await vi.advanceTimersByTimeAsync(1_500);
    const readSoFar = server.getReceiptTruth(ID)!.readCount;
    expect(readSoFar).toBeGreaterThan(0);
    expect(readSoFar).toBeLessThan(19);
    simulation.stop();
    expect(vi.getTimerCount()).toBe(0);
    const later = post(server);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(server.getReceiptTruth(ID)!.readCount).toBe(readSoFar);
    expect(server.getReceiptTruth(later.ID)!.readCount).toBe(0);
  });

  it('ignores messages without receipts, and groups other than its own', async () => {
    const server = teamServer();
    server.createGroup({ groupID: 'other', type: 'Private', memberList: MEMBERS });
    const simulation = simulateReaders(server, { groupID: 'team', delayMs: [10, 20] });
    const plain = post(server, { needReadReceipt: false });
    const elsewhere = post(server, { to: 'other' });
    await vi.advanceTimersByTimeAsync(100);
    expect(server.getReceiptTruth(plain.ID)).toBeNull();
    expect(server.getReceiptTruth(elsewhere.ID)!.readCount).toBe(0);
    simulation.stop();
  });

  it('without groupID or peers it watches every group', async () => {
    const server = teamServer();
    server.createGroup({ groupID: 'other', type: 'Private', memberList: ['alice', 'zed'] });
    const simulation = simulateReaders(server, { delayMs: [10, 20] });
    const inTeam = post(server);
    const inOther = post(server, { to: 'other' });
    await vi.advanceTimersByTimeAsync(100);
    expect(server.getReceiptTruth(inTeam.ID)!.readCount).toBe(19);
    expect(server.getReceiptTruth(inOther.ID)!.readUserIDList).toEqual(['zed']);
    simulation.stop();
  });

  it('readMessage schedules reads for a message already on the server', async () => {
    const server = teamServer();
    const earlier = post(server);
    const simulation = simulateReaders(server, { groupID: 'team', delayMs: [10, 20] });
    await vi.advanceTimersByTimeAsync(100);
    expect(server.getReceiptTruth(earlier.ID)!.readCount).toBe(0);
    simulation.readMessage(earlier);
    await vi.advanceTimersByTimeAsync(100);
    expect(server.getReceiptTruth(earlier.ID)!.readCount).toBe(19);
    simulation.stop();
  });

  it('a member who left before their read time reads nothing, and the others carry on', async () => {
    const server = teamServer();
    const simulation = simulateReaders(server, { groupID: 'team', delayMs: [500, 1_000] });
    const { ID } = post(server);
    server.removeGroupMembers('team', ['m3']);
    await vi.advanceTimersByTimeAsync(1_000);
    const readers = server.getReceiptTruth(ID)!.readUserIDList;
    expect(readers).not.toContain('m3');
    expect(readers).toHaveLength(18);
    simulation.stop();
  });

  it('one-to-one peers send a receipt and also mark the conversation read (R9)', async () => {
    // The reads fall 200 to 400 ms after this moment, within the same second of server time.
    vi.setSystemTime(1_700_000_000_000);
    const server = teamServer();
    const alice = track(connectChat(server, 'alice'));
    const simulation = simulateReaders(server, { peers: ['bob'], delayMs: [200, 400] });
    const byPeer: string[] = [];
    const receipts: unknown[] = [];
    alice.on(ReadBy.EVENT.MESSAGE_READ_BY_PEER, ({ data }) =>
      byPeer.push(...data.map((message) => message.ID)),
    );
    alice.on(ReadBy.EVENT.MESSAGE_READ_RECEIPT_RECEIVED, ({ data }) => receipts.push(...data));
    const message = peerMessage(alice, 'bob', 'lunch?');
    const toCarol = peerMessage(alice, 'carol', 'and you?');
    const sending = Promise.all([alice.sendMessage(message), alice.sendMessage(toCarol)]);
    await vi.advanceTimersByTimeAsync(0);
    await sending;
    await vi.advanceTimersByTimeAsync(199);
    expect(byPeer).toEqual([]);
    await vi.advanceTimersByTimeAsync(201);
    expect(receipts).toEqual([
      { userID: 'bob', messageID: message.ID, isPeerRead: true, timestamp: 1_700_000_000 },
    ]);
    expect(byPeer).toEqual([message.ID]);
    expect(alice.findMessage(message.ID)).toMatchObject({
      isPeerRead: true,
      readReceiptInfo: { isPeerRead: true },
    });
    expect(alice.findMessage(toCarol.ID)).toMatchObject({ isPeerRead: false });
    simulation.stop();
  });

  it('with markRead false, one-to-one peers send the receipt only', async () => {
    const server = teamServer();
    const alice = track(connectChat(server, 'alice'));
    const simulation = simulateReaders(server, { peers: ['bob'], delayMs: [10, 20], markRead: false });
    const byPeer: unknown[] = [];
    alice.on(ReadBy.EVENT.MESSAGE_READ_BY_PEER, ({ data }) => byPeer.push(...data));
    const message = peerMessage(alice, 'bob', 'ping');
    const sending = alice.sendMessage(message);
    await vi.advanceTimersByTimeAsync(0);
    await sending;
    await vi.advanceTimersByTimeAsync(100);
    expect(alice.findMessage(message.ID)).toMatchObject({
      isPeerRead: false,
      readReceiptInfo: { isPeerRead: true },
    });
    expect(byPeer).toEqual([]);
    simulation.stop();
  });

  it('a 100,000-member group is simulated with a few hundred timers, not one a reader', async () => {
    const server = createMockServer({ maxReceiptGroupSize: 100_000 });
    server.createGroup({ groupID: 'big', type: 'Public', memberList: userIDs(100_000) });
    const simulation = simulateReaders(server, { groupID: 'big', delayMs: [400, 4_000] });
    const { ID } = postToGroup(server, 'u0', 'big', 'all hands');
    expect(vi.getTimerCount()).toBeLessThanOrEqual(Math.ceil(4_000 / 50) + 1);
    await vi.advanceTimersByTimeAsync(4_000);
    expect(server.getReceiptTruth(ID)!.readCount).toBe(99_999);
    simulation.stop();
  });
});
