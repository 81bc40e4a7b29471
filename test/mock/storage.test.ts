import { TYPES } from 'readby';
import { createMockServer, createRandom, type MockServer } from 'readby/mock';
import { describe, expect, it } from 'vitest';
import { postToGroup, userIDs } from './support';

const ORDER_CHUNK_BYTES = 4096;

/**
 * "About one bit per (message, recipient)": the bits, rounded up to whole 32-bit words, plus the summary levels that
 * keep member-list pages cheap (a bit per 32 bits below, so at most 1/31 more).
 */
function bitBudget(recipients: number): number {
  return ((recipients + 1) / 8) * (32 / 31) + 16;
}

function bigGroup(members: number, seed = 1): { server: MockServer; users: string[] } {
  const server = createMockServer({ seed, maxReceiptGroupSize: members });
  const users = userIDs(members);
  server.createGroup({ groupID: 'big', type: 'Public', memberList: users });
  return { server, users };
}

function post(server: MockServer, from = 'u0'): string {
  return postToGroup(server, from, 'big', 'hi').ID;
}

describe('receipt storage (docs/rules.md §2: built for size)', () => {
  it('stays within a bit per (message, recipient) plus 8 bytes per receipt, plus one order chunk of slack a message', () => {
    const { server, users } = bigGroup(1_000);
    const random = createRandom(3);
    const shares = [0, 0.01, 0.1, 0.33, 0.5, 0.9, 1];
    const messages = shares.flatMap((share) => [post(server), post(server)].map((id) => ({ id, share })));
    for (const { id, share } of messages) {
      for (const user of users.slice(1)) {
        if (share === 1 || random.chance(share))
          server.request(user, 'sendMessageReadReceipt', { messageIDs: [id] });
      }
    }
    const stats = server.getStorageStats();
    const recipients = users.length - 1;
    expect(stats.messages).toBe(messages.length);
    expect(stats.receipts).toBeGreaterThan(0);
    const budget = messages.length * (bitBudget(recipients) + ORDER_CHUNK_BYTES) + 8 * stats.receipts;
    expect(stats.receiptBytes).toBeLessThanOrEqual(budget);
    // And it does keep a bit for everyone: nothing is left out to save space.
    expect(stats.receiptBytes).toBeGreaterThanOrEqual((messages.length * recipients) / 8);
  });

  it('a message nobody has read holds only its bits', () => {
    const { server } = bigGroup(100_000);
    post(server);
    expect(server.getStorageStats().receiptBytes).toBeLessThanOrEqual(bitBudget(99_999));
  });

  it('each receipt adds at most 8 bytes, beyond one partly filled order chunk', () => {
    const { server, users } = bigGroup(5_000);
    const id = post(server);
    const empty = server.getStorageStats().receiptBytes;
    for (const [index, user] of users.slice(1).entries()) {
      server.request(user, 'sendMessageReadReceipt', { messageIDs: [id] });
      const read = index + 1;
      if (read % 250 === 0 || read === 1) {
        expect(server.getStorageStats().receiptBytes - empty).toBeLessThanOrEqual(
          8 * read + ORDER_CHUNK_BYTES,
        );
      }
    }
  });

  it('a message read by 3 of 100 members holds about 50 bytes, not a chunk of read order', () => {
    const { server, users } = bigGroup(100);
    const ids = Array.from({ length: 1_000 }, () => post(server));
    for (const id of ids)
      for (const user of users.slice(1, 4))
        server.request(user, 'sendMessageReadReceipt', { messageIDs: [id] });
    const { receipts, receiptBytes } = server.getStorageStats();
    expect(receipts).toBe(3_000);
    // 32 bytes of bits and summary (5 words, in runs of 4, in blocks of 32 messages) and a 16-byte read order; the
    // rest is the arena's room not yet given out.
    expect(receiptBytes / ids.length).toBeLessThanOrEqual(56);
    expect(receiptBytes / ids.length).toBeGreaterThanOrEqual(32 + 16);
  });

  it('a lone small message holds the first page of the arena: a kilobyte', () => {
    const { server, users } = bigGroup(100);
    const id = post(server);
    for (const user of users.slice(1, 4))
      server.request(user, 'sendMessageReadReceipt', { messageIDs: [id] });
    expect(server.getStorageStats().receiptBytes).toBe(1_024 + 1_024 / 32);
  });

  it.each([256, 257, 65_536, 65_537])(
    'keeps the read order of all %i members exactly, whether an entry takes 1, 2 or 4 bytes (R7)',
    (members) => {
      const { server, users } = bigGroup(members);
      const id = post(server);
      // A fixed scramble of the recipients: every growth of the read order is crossed on the way.
      const order = users
        .slice(1)
        .map((_, index, recipients) => recipients[(index * 7_919) % recipients.length]!);
      expect(new Set(order).size).toBe(members - 1);
      for (const user of order) server.request(user, 'sendMessageReadReceipt', { messageIDs: [id] });
      const readers: string[] = [];
      let cursor = '';
      do {
        const page = server.request('u0', 'getGroupMessageReadMemberList', {
          messageID: id,
          filter: 0,
          cursor,
          count: 100,
        });
        readers.push(...page.readUserIDList);
        cursor = page.cursor;
      } while (cursor !== '');
      expect(readers).toEqual(order);
      const unread = server.request('u0', 'getGroupMessageReadMemberList', {
        messageID: id,
        filter: 1,
        cursor: '',
        count: 100,
      });
      expect(unread).toMatchObject({ unreadUserIDList: [], isCompleted: true, cursor: '' });
    },
  );

  it('a receipt sent again takes no more room and counts once (R3.5)', () => {
    const { server, users } = bigGroup(100);
    const id = post(server);
    for (const user of users.slice(1, 40))
      server.request(user, 'sendMessageReadReceipt', { messageIDs: [id] });
    const before = server.getStorageStats();
    for (const user of users.slice(1, 40))
      server.request(user, 'sendMessageReadReceipt', { messageIDs: [id] });
    expect(server.getStorageStats()).toEqual(before);
    expect(before.receipts).toBe(39);
  });

  it('1,000 messages to 100,000 recipients fit the §4 memory bar by this measure, well under 100 MB', () => {
    const { server, users } = bigGroup(100_000);
    const ids = Array.from({ length: 20 }, () => post(server));
    // A tenth of the group reads each message, in batches of 20 messages a call.
    for (let index = 1; index < users.length; index += 10) {
      server.request(users[index]!, 'sendMessageReadReceipt', { messageIDs: ids });
    }
    const { receiptBytes, receipts } = server.getStorageStats();
    expect(receipts).toBe(20 * 10_000);
    const perMessage = receiptBytes / ids.length;
    expect(perMessage * 1_000).toBeLessThan(100 * 1024 * 1024);
    expect(perMessage).toBeLessThanOrEqual(bitBudget(99_999) + 8 * 10_000 + ORDER_CHUNK_BYTES);
  });

  it('counts one-to-one receipts too, without a bitset for them', () => {
    const server = createMockServer();
    const message = server.postMessage({
      from: 'alice',
      to: 'bob',
      conversationType: TYPES.CONV_C2C,
      text: 'hi',
      needReadReceipt: true,
    });
    expect(server.getStorageStats()).toEqual({ messages: 1, receipts: 0, receiptBytes: 0 });
    server.request('bob', 'sendMessageReadReceipt', { messageIDs: [message.ID] });
    expect(server.getStorageStats()).toEqual({ messages: 1, receipts: 1, receiptBytes: 0 });
  });
});
