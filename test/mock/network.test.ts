import ReadBy, { type Chat, ERROR_CODE, type Message, type NetState } from 'readby';
import { createMockServer, type MockServer } from 'readby/mock';
import { describe, expect, it, vi } from 'vitest';
import {
  advanceUntil,
  connectChat,
  fakeTimersWithChatCleanup,
  groupMessage,
  peerMessage,
  postToGroup,
  userIDs,
} from './support';

const { MESSAGE_RECEIVED, MESSAGE_READ_RECEIPT_RECEIVED, MESSAGE_READ_BY_PEER, NET_STATE_CHANGE } =
  ReadBy.EVENT;

const track = fakeTimersWithChatCleanup();

function team(server: MockServer, members = ['alice', 'bob', 'carol', 'dave']): MockServer {
  server.createGroup({ groupID: 'team', type: 'Private', memberList: members });
  return server;
}

function post(server: MockServer, text: string) {
  return postToGroup(server, 'alice', 'team', text);
}

/** IDs of the messages `chat` announces with MESSAGE_RECEIVED, in the order announced. */
function receivedIDs(chat: Chat): string[] {
  const ids: string[] = [];
  chat.on(MESSAGE_RECEIVED, ({ data }) => ids.push(...data.map((message) => message.ID)));
  return ids;
}

describe('latency (docs/rules.md §2: latencyMs)', () => {
  it('nothing arrives before the latency, and everything has arrived once it has passed', async () => {
    const server = team(createMockServer({ latencyMs: 100 }));
    const bob = track(connectChat(server, 'bob'));
    const received = receivedIDs(bob);
    await vi.advanceTimersByTimeAsync(99);
    expect(bob.netState).toBe('connecting');
    await vi.advanceTimersByTimeAsync(1);
    expect(bob.netState).toBe('connected');

    const posted = [post(server, 'one'), post(server, 'two'), post(server, 'three')].map((m) => m.ID);
    await vi.advanceTimersByTimeAsync(99);
    expect(received).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(received).toEqual(posted);
  });

  it('a request takes the latency to reach the server and the latency again to be answered', async () => {
    const server = team(createMockServer({ latencyMs: 100 }));
    const alice = track(connectChat(server, 'alice'));
    const bob = track(connectChat(server, 'bob'));
    const received = receivedIDs(bob);
    await vi.advanceTimersByTimeAsync(100);
    const stored: string[] = [];
    server.onMessage((message) => stored.push(message.ID));
    let answered = false;
    const message = groupMessage(alice, 'team', 'hello');
    void alice.sendMessage(message).then(() => {
      answered = true;
    });
    await vi.advanceTimersByTimeAsync(99);
    expect(stored).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(stored).toEqual([message.ID]);
    await vi.advanceTimersByTimeAsync(99);
    expect({ answered, received }).toEqual({ answered: false, received: [] });
    await vi.advanceTimersByTimeAsync(1);
    expect({ answered, received }).toEqual({ answered: true, received: [message.ID] });
  });

  it('a [min, max] range spreads deliveries over the range and keeps each within it', async () => {
    const server = team(createMockServer({ seed: 5, latencyMs: [40, 120] }));
    const bob = track(connectChat(server, 'bob'));
    await vi.advanceTimersByTimeAsync(120);
    const arrivals = new Map<string, number>();
    const start = Date.now();
    bob.on(MESSAGE_RECEIVED, ({ data }) => {
      for (const message of data) arrivals.set(message.ID, Date.now() - start);
    });
    const posted = Array.from({ length: 40 }, (_, index) => post(server, `m${index}`).ID);
    await vi.advanceTimersByTimeAsync(39);
    expect(arrivals.size).toBe(0);
    await vi.advanceTimersByTimeAsync(81);
    expect([...arrivals.keys()].sort()).toEqual([...posted].sort());
    const times = [...arrivals.values()];
    expect(Math.min(...times)).toBeGreaterThanOrEqual(40);
    expect(Math.max(...times)).toBeLessThanOrEqual(120);
    expect(new Set(times).size).toBeGreaterThan(10);
  });

  it('a connection’s own latencyMs replaces the server’s', async () => {
    const server = team(createMockServer({ latencyMs: 10 }));
    const bob = track(connectChat(server, 'bob', { latencyMs: 300 }));
    const carol = track(connectChat(server, 'carol'));
    const toBob = receivedIDs(bob);
    const toCarol = receivedIDs(carol);
    await vi.advanceTimersByTimeAsync(300);
    const { ID } = post(server, 'hi');
    await vi.advanceTimersByTimeAsync(10);
    expect({ toBob, toCarol }).toEqual({ toBob: [], toCarol: [ID] });
    await vi.advanceTimersByTimeAsync(290);
    expect(toBob).toEqual([ID]);
  });

  it('a connection’s latencyMs: undefined keeps the server’s, as leaving it out does', async () => {
    const server = team(createMockServer({ latencyMs: 100 }));
    const bob = track(connectChat(server, 'bob', { latencyMs: undefined }));
    const toBob = receivedIDs(bob);
    await vi.advanceTimersByTimeAsync(100);
    expect(bob.netState).toBe('connected');
    const { ID } = post(server, 'hi');
    await vi.advanceTimersByTimeAsync(99);
    expect(toBob).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(toBob).toEqual([ID]);
  });
});

describe('reorder (docs/rules.md §2: reorder)', () => {
  it('lets deliveries overtake each other, all within the extra delay', async () => {
    const server = team(createMockServer({ seed: 3 }));
    const bob = track(connectChat(server, 'bob', { reorder: true }));
    const received = receivedIDs(bob);
    await vi.advanceTimersByTimeAsync(50);
    const posted = Array.from({ length: 30 }, (_, index) => post(server, `m${index}`).ID);
    await vi.advanceTimersByTimeAsync(50);
    expect([...received].sort()).toEqual([...posted].sort());
    expect(received).not.toEqual(posted);
  });

  it('a number sets the largest extra delay', async () => {
    const server = team(createMockServer({ seed: 3 }));
    const bob = track(connectChat(server, 'bob', { reorder: 400 }));
    const received = receivedIDs(bob);
    await vi.advanceTimersByTimeAsync(400);
    const posted = Array.from({ length: 30 }, (_, index) => post(server, `m${index}`).ID);
    await vi.advanceTimersByTimeAsync(200);
    expect(received.length).toBeGreaterThan(0);
    expect(received.length).toBeLessThan(posted.length);
    await vi.advanceTimersByTimeAsync(200);
    expect(received.length).toBe(posted.length);
  });

  it('reordered receipt pushes never take the sender’s counts backwards (R2), and the last one is the truth', async () => {
    const members = ['alice', ...userIDs(20, 'r')];
    const server = team(createMockServer({ seed: 8 }), members);
    const alice = track(connectChat(server, 'alice', { reorder: 30 }));
    await vi.advanceTimersByTimeAsync(30);
    const message = groupMessage(alice, 'team', 'count me');
    const sending = alice.sendMessage(message);
    await vi.advanceTimersByTimeAsync(60);
    await sending;
    const seen: number[] = [];
    alice.on(MESSAGE_READ_RECEIPT_RECEIVED, ({ data }) => {
      for (const item of data) if ('readCount' in item) seen.push(item.readCount);
    });
    for (const reader of members.slice(1)) {
      server.request(reader, 'sendMessageReadReceipt', { messageIDs: [message.ID] });
    }
    await vi.advanceTimersByTimeAsync(30);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen.at(-1)).toBe(20);
    expect(alice.findMessage(message.ID)!.readReceiptInfo).toEqual({ readCount: 20, unreadCount: 0 });
  });
});

describe('duplicate deliveries (docs/rules.md §2: duplicateRate; R3.5)', () => {
  it('a message delivered twice is announced once', async () => {
    const server = team(createMockServer({ seed: 2, latencyMs: [5, 30] }));
    const bob = track(connectChat(server, 'bob', { duplicateRate: 1 }));
    const received = receivedIDs(bob);
    await vi.advanceTimersByTimeAsync(30);
    const posted = [post(server, 'one'), post(server, 'two')].map((message) => message.ID);
    await vi.advanceTimersByTimeAsync(30);
    expect([...received].sort()).toEqual([...posted].sort());
  });

  it('a receipt request delivered twice is applied once, and the sender hears of it once', async () => {
    const server = team(createMockServer({ seed: 2, latencyMs: [5, 30] }));
    const alice = track(connectChat(server, 'alice', { duplicateRate: 1 }));
    const bob = track(connectChat(server, 'bob', { duplicateRate: 1 }));
    await vi.advanceTimersByTimeAsync(30);
    const message = groupMessage(alice, 'team', 'once');
    const sending = alice.sendMessage(message);
    await vi.advanceTimersByTimeAsync(200);
    await sending;
    expect(bob.findMessage(message.ID)).not.toBeNull();
    const events: unknown[] = [];
    alice.on(MESSAGE_READ_RECEIPT_RECEIVED, ({ data }) => events.push(...data));
    const handled = vi.spyOn(server, 'request');
    const receipt = bob.sendMessageReadReceipt([bob.findMessage(message.ID)!]);
    await vi.advanceTimersByTimeAsync(200);
    await expect(receipt).resolves.toEqual({ code: 0, data: {} });
    const receiptRequests = handled.mock.calls.filter(([, method]) => method === 'sendMessageReadReceipt');
    expect(receiptRequests.length).toBeGreaterThanOrEqual(2);
    expect(server.getReceiptTruth(message.ID)?.readUserIDList).toEqual(['bob']);
    expect(events).toEqual([{ groupID: 'team', messageID: message.ID, readCount: 1, unreadCount: 2 }]);
  });

  it('a send delivered twice stores one message', async () => {
    const server = team(createMockServer({ seed: 4, latencyMs: [5, 30] }));
    const alice = track(connectChat(server, 'alice', { duplicateRate: 1 }));
    const stored: string[] = [];
    server.onMessage((message) => stored.push(message.ID));
    const message = groupMessage(alice, 'team', 'once');
    const sending = alice.sendMessage(message);
    await vi.advanceTimersByTimeAsync(200);
    await sending;
    expect(stored).toEqual([message.ID]);
    const page = server.request('bob', 'getMessageList', {
      conversationID: 'GROUPteam',
      nextReqMessageID: '',
      count: 15,
    });
    expect(page.messageList.map((wire) => wire.ID)).toEqual([message.ID]);
  });
});

describe('drops (docs/rules.md §2: dropRate; R12)', () => {
  it('a request that is lost rejects with REQUEST_TIMEOUT after requestTimeoutMs, and nothing is stored', async () => {
    const server = team(createMockServer({ latencyMs: 10 }));
    const alice = track(connectChat(server, 'alice'));
    const bob = track(connectChat(server, 'bob', { dropRate: 1 }, 500));
    await vi.advanceTimersByTimeAsync(10);
    const message = groupMessage(alice, 'team', 'lost');
    const sending = alice.sendMessage(message);
    await vi.advanceTimersByTimeAsync(20);
    const { data } = await sending;
    let outcome: unknown = 'pending';
    bob.sendMessageReadReceipt([data.message]).catch((error: unknown) => {
      outcome = error;
    });
    await vi.advanceTimersByTimeAsync(499);
    expect(outcome).toBe('pending');
    await vi.advanceTimersByTimeAsync(1);
    expect(outcome).toMatchObject({ code: 2801 });
    expect(outcome).toMatchObject({ code: ERROR_CODE.REQUEST_TIMEOUT });
    expect(server.getReceiptTruth(message.ID)?.readCount).toBe(0);
  });

  it('a lost answer also times out; the receipt was stored and retrying it is safe (R3.5)', async () => {
    const readers = userIDs(12, 'r');
    const server = team(createMockServer({ seed: 21, latencyMs: [5, 20] }), ['alice', ...readers]);
    const alice = track(connectChat(server, 'alice'));
    await vi.advanceTimersByTimeAsync(20);
    const message = groupMessage(alice, 'team', 'retry me');
    const sending = alice.sendMessage(message);
    await vi.advanceTimersByTimeAsync(40);
    const sent = (await sending).data.message;
    let appliedButTimedOut = 0;
    const read = async (reader: Chat) => {
      for (;;) {
        try {
          await reader.sendMessageReadReceipt([sent]);
          return;
        } catch (error) {
          expect(error).toMatchObject({ code: ERROR_CODE.REQUEST_TIMEOUT });
          if (server.getReceiptTruth(sent.ID)?.readUserIDList.includes(reader.userID))
            appliedButTimedOut += 1;
        }
      }
    };
    let done = 0;
    for (const id of readers) {
      const reader = track(connectChat(server, id, { dropRate: 0.5 }, 200));
      void read(reader).then(() => {
        done += 1;
      });
    }
    await advanceUntil(() => done === readers.length, 60_000);
    expect(appliedButTimedOut).toBeGreaterThan(0);
    expect(server.getReceiptTruth(sent.ID)?.readUserIDList.sort()).toEqual([...readers].sort());
  });
});

describe('disconnect() and reconnect() (docs/rules.md §2; R12)', () => {
  it('a request in flight rejects at once with NETWORK_ERROR, and the server never carries it out', async () => {
    const server = team(createMockServer({ latencyMs: 100 }));
    const transport = server.connect('bob');
    const bob = track(ReadBy.create({ transport }));
    await vi.advanceTimersByTimeAsync(100);
    const { ID } = post(server, 'read me');
    await vi.advanceTimersByTimeAsync(100);
    let outcome: unknown = 'pending';
    bob.sendMessageReadReceipt([bob.findMessage(ID)!]).catch((error: unknown) => {
      outcome = error;
    });
    await vi.advanceTimersByTimeAsync(50);
    transport.disconnect();
    await vi.advanceTimersByTimeAsync(0);
    expect(outcome).toMatchObject({ code: 2800 });
    expect(outcome).toMatchObject({ code: ERROR_CODE.NETWORK_ERROR });
    await vi.advanceTimersByTimeAsync(500);
    expect(server.getReceiptTruth(ID)?.readCount).toBe(0);
  });

  it('requests made while disconnected reject at once with NETWORK_ERROR', async () => {
    const server = team(createMockServer());
    const transport = server.connect('bob');
    const bob = track(ReadBy.create({ transport }));
    await vi.advanceTimersByTimeAsync(0);
    transport.disconnect();
    await expect(bob.getConversationList()).rejects.toMatchObject({ code: ERROR_CODE.NETWORK_ERROR });
  });

  it('emits NET_STATE_CHANGE for every change: connected, disconnected, connecting, connected', async () => {
    const server = team(createMockServer({ latencyMs: 20 }));
    const transport = server.connect('bob');
    const bob = track(ReadBy.create({ transport }));
    const states: NetState[] = [];
    bob.on(NET_STATE_CHANGE, ({ data }) => states.push(data.state));
    await vi.advanceTimersByTimeAsync(20);
    transport.disconnect();
    transport.disconnect();
    expect(bob.netState).toBe('disconnected');
    const reconnecting = transport.reconnect();
    expect(bob.netState).toBe('connecting');
    await vi.advanceTimersByTimeAsync(20);
    await reconnecting;
    expect(states).toEqual(['connected', 'disconnected', 'connecting', 'connected']);
    expect(bob.netState).toBe('connected');
  });

  it('pushes sent while disconnected are lost', async () => {
    const server = team(createMockServer());
    const transport = server.connect('bob');
    const bob = track(ReadBy.create({ transport }));
    const received = receivedIDs(bob);
    await vi.advanceTimersByTimeAsync(0);
    transport.disconnect();
    post(server, 'missed');
    await transport.reconnect();
    await vi.advanceTimersByTimeAsync(0);
    expect(received).toEqual([]);
  });

  it('after a reconnect the sender re-pulls receipt counts, so its view matches the server’s truth', async () => {
    const server = team(createMockServer({ latencyMs: [5, 25], seed: 9 }));
    const transport = server.connect('alice');
    const alice = track(ReadBy.create({ transport }));
    const bob = track(connectChat(server, 'bob'));
    const carol = track(connectChat(server, 'carol'));
    await vi.advanceTimersByTimeAsync(25);
    const inGroup = groupMessage(alice, 'team', 'while you were away');
    const oneToOne = peerMessage(alice, 'bob', 'direct');
    const sending = Promise.all([alice.sendMessage(inGroup), alice.sendMessage(oneToOne)]);
    await advanceUntil(
      () => bob.findMessage(oneToOne.ID) !== null && carol.findMessage(inGroup.ID) !== null,
      500,
    );
    await vi.advanceTimersByTimeAsync(100);
    await sending;
    const receipts: unknown[] = [];
    const byPeer: Message[] = [];
    alice.on(MESSAGE_READ_RECEIPT_RECEIVED, ({ data }) => receipts.push(...data));
    alice.on(MESSAGE_READ_BY_PEER, ({ data }) => byPeer.push(...data));

    transport.disconnect();
    const reading = Promise.all([
      bob.sendMessageReadReceipt([bob.findMessage(inGroup.ID)!]),
      carol.sendMessageReadReceipt([carol.findMessage(inGroup.ID)!]),
      bob.sendMessageReadReceipt([bob.findMessage(oneToOne.ID)!]),
      bob.setMessageRead({ conversationID: 'C2Calice' }),
    ]);
    await vi.advanceTimersByTimeAsync(100);
    await reading;
    expect(alice.findMessage(inGroup.ID)!.readReceiptInfo).toEqual({ readCount: 0, unreadCount: 3 });
    expect(receipts).toEqual([]);

    const reconnecting = transport.reconnect();
    await vi.advanceTimersByTimeAsync(100);
    await reconnecting;
    const truth = server.getReceiptTruth(inGroup.ID)!;
    expect(truth.readCount).toBe(2);
    expect(alice.findMessage(inGroup.ID)!.readReceiptInfo).toEqual({
      readCount: truth.readCount,
      unreadCount: truth.unreadCount,
    });
    expect(alice.findMessage(oneToOne.ID)).toMatchObject({
      isPeerRead: true,
      readReceiptInfo: { isPeerRead: true },
    });
    expect(receipts).toContainEqual({ groupID: 'team', messageID: inGroup.ID, readCount: 2, unreadCount: 1 });
    expect(byPeer.map((message) => message.ID)).toEqual([oneToOne.ID]);
  });

  it('disconnect() while connecting stays disconnected until reconnect()', async () => {
    const server = team(createMockServer({ latencyMs: 50 }));
    const transport = server.connect('bob');
    const bob = track(ReadBy.create({ transport }));
    await vi.advanceTimersByTimeAsync(10);
    transport.disconnect();
    await vi.advanceTimersByTimeAsync(100);
    expect(bob.netState).toBe('disconnected');
    expect(transport.state).toBe('disconnected');
    const reconnecting = transport.reconnect();
    await vi.advanceTimersByTimeAsync(50);
    await reconnecting;
    expect(bob.netState).toBe('connected');
    const listing = bob.getConversationList();
    await vi.advanceTimersByTimeAsync(100);
    await expect(listing).resolves.toMatchObject({ code: 0 });
  });

  it('calls made before the first connection wait for it, even across a disconnect while connecting (§1.2)', async () => {
    const server = team(createMockServer({ latencyMs: 50 }));
    const transport = server.connect('bob');
    const bob = track(ReadBy.create({ transport, requestTimeoutMs: 10_000 }));
    const listing = bob.getConversationList();
    await vi.advanceTimersByTimeAsync(10);
    transport.disconnect();
    await vi.advanceTimersByTimeAsync(100);
    void transport.reconnect();
    await vi.advanceTimersByTimeAsync(150);
    await expect(listing).resolves.toMatchObject({ code: 0 });
  });

  it('reconnect() while connecting resolves only once connected', async () => {
    const server = team(createMockServer({ latencyMs: 50 }));
    const transport = server.connect('bob');
    track(ReadBy.create({ transport }));
    let connected = false;
    void transport.reconnect().then(() => {
      connected = true;
    });
    await vi.advanceTimersByTimeAsync(49);
    expect(connected).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(connected).toBe(true);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    'a request or push lost with its connection never arrives after a quick reconnect (seed %i)',
    async (seed) => {
      const server = team(createMockServer({ seed, latencyMs: [1, 400] }));
      const transport = server.connect('bob');
      const bob = track(ReadBy.create({ transport }));
      const received = receivedIDs(bob);
      await vi.advanceTimersByTimeAsync(400);
      const { ID } = post(server, 'read me');
      await vi.advanceTimersByTimeAsync(400);
      const sending = bob.sendMessageReadReceipt([bob.findMessage(ID)!]).catch((error: unknown) => error);
      await vi.advanceTimersByTimeAsync(0);
      const inFlight = post(server, 'on its way');
      transport.disconnect();
      await expect(sending).resolves.toMatchObject({ code: ERROR_CODE.NETWORK_ERROR });
      void transport.reconnect();
      await vi.advanceTimersByTimeAsync(1000);
      expect(bob.netState).toBe('connected');
      expect(server.getReceiptTruth(ID)?.readCount).toBe(0);
      expect(received).toEqual([ID]);
      expect(bob.findMessage(inFlight.ID)).toBeNull();
    },
  );

  it('a closed transport cannot reconnect', async () => {
    const server = team(createMockServer());
    const transport = server.connect('bob');
    const bob = ReadBy.create({ transport });
    await vi.advanceTimersByTimeAsync(0);
    bob.destroy();
    await expect(transport.reconnect()).rejects.toMatchObject({ code: ERROR_CODE.NETWORK_ERROR });
    expect(transport.state).toBe('disconnected');
  });
});
