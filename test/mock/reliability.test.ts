import ReadBy, { type Chat, ERROR_CODE, MAX_RECEIPT_BATCH, MAX_RECEIPT_QUERY, type Message } from 'readby';
import { type ConnectOptions, createMockServer, createRandom, type MockTransport } from 'readby/mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { advanceUntil, groupMessage, sleep } from './support';

const SENDERS = ['alice', 'dave'];
const READERS = ['bob', 'carol', 'erin', 'frank', 'grace', 'heidi', 'ivan'];
const MESSAGES_PER_SENDER = 45;
const FAULTS: ConnectOptions = { dropRate: 0.15, duplicateRate: 0.2, reorder: 60, latencyMs: [5, 40] };
/** With a heartbeat, even a lost last push is noticed: the sender pulls by itself. */
const HEARTBEAT = 500;

interface Session {
  chat: Chat;
  transport: MockTransport;
}

/** Retries an action until it succeeds; only transport failures are expected, anything else fails the test. */
async function untilDone<T>(action: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      expect(error).toMatchObject({
        code: expect.toSatisfy(
          (code) => code === ERROR_CODE.NETWORK_ERROR || code === ERROR_CODE.REQUEST_TIMEOUT,
        ),
      });
      await sleep(Math.min(40 * attempt, 400));
    }
  }
}

function chunks<T>(list: T[], size: number): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < list.length; start += size) result.push(list.slice(start, start + size));
  return result;
}

describe('reliability under faults (docs/rules.md §4 bar; R2, R3.5, R5, R6, R12)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it.each([
    { seed: 7, heartbeat: false },
    { seed: 1234, heartbeat: false },
    { seed: 7, heartbeat: true },
    { seed: 99, heartbeat: true },
  ])(
    'with seeded drops, duplicates, reorder and disconnects, every receipt is applied exactly once and every sender converges (seed $seed, heartbeat $heartbeat)',
    async ({ seed, heartbeat }) => {
      const server = createMockServer({ seed });
      server.createGroup({ groupID: 'team', type: 'Private', memberList: [...SENDERS, ...READERS] });
      const random = createRandom(seed);
      const sessions = new Map<string, Session>();
      for (const user of [...SENDERS, ...READERS]) {
        const transport = server.connect(user, heartbeat ? { ...FAULTS, heartbeatMs: HEARTBEAT } : FAULTS);
        sessions.set(user, { transport, chat: ReadBy.create({ transport, requestTimeoutMs: 300 }) });
      }

      // Readers choose, with the seed, which messages they read; the choice is what the server must end up with.
      const intended = new Map<string, Set<string>>();
      const countsSeen = new Map<string, number[]>();
      for (const sender of SENDERS) {
        sessions.get(sender)!.chat.on(ReadBy.EVENT.MESSAGE_READ_RECEIPT_RECEIVED, ({ data }) => {
          for (const item of data) {
            if ('readCount' in item)
              countsSeen.set(item.messageID, [...(countsSeen.get(item.messageID) ?? []), item.readCount]);
          }
        });
      }

      // Outages: every connection goes away a few times, for a while, at seeded moments.
      let chaos = true;
      let outagesOver = 0;
      const outages = async (transport: MockTransport) => {
        while (chaos) {
          await sleep(random.int(200, 1500));
          if (!chaos) break;
          transport.disconnect();
          await sleep(random.int(20, 400));
          await transport.reconnect();
        }
        outagesOver += 1;
      };
      for (const { transport } of sessions.values()) void outages(transport);

      const send = async (sender: string): Promise<Message[]> => {
        const { chat } = sessions.get(sender)!;
        const sent: Message[] = [];
        for (let index = 0; index < MESSAGES_PER_SENDER; index++) {
          const message = groupMessage(chat, 'team', `${sender} ${index}`);
          sent.push((await untilDone(() => chat.sendMessage(message))).data.message);
        }
        return sent;
      };

      const read = async (reader: string) => {
        const { chat } = sessions.get(reader)!;
        // History, newest page first, as a reader scrolling up would load it.
        const history: Message[] = [];
        let nextReqMessageID = '';
        for (;;) {
          const { data } = await untilDone(() =>
            chat.getMessageList({ conversationID: 'GROUPteam', nextReqMessageID }),
          );
          history.unshift(...data.messageList);
          if (data.isCompleted) break;
          nextReqMessageID = data.nextReqMessageID;
        }
        const chosen = history.filter(() => random.chance(0.7));
        intended.set(reader, new Set(chosen.map((message) => message.ID)));
        for (const batch of chunks(chosen, MAX_RECEIPT_BATCH)) {
          await untilDone(() => chat.sendMessageReadReceipt(batch));
          await sleep(random.int(0, 100));
        }
      };

      let sent: Message[] = [];
      let done = false;
      void (async () => {
        sent = (await Promise.all(SENDERS.map(send))).flat();
        await Promise.all(READERS.map(read));
        done = true;
      })();
      await advanceUntil(() => done, 600_000, 50);
      chaos = false;
      await advanceUntil(() => outagesOver === sessions.size, 5_000);
      expect([...sessions.values()].map(({ chat }) => chat.netState)).toEqual(
        [...sessions.values()].map(() => 'connected'),
      );

      expect(sent).toHaveLength(SENDERS.length * MESSAGES_PER_SENDER);
      const stats = server.getStorageStats();
      let expectedReceipts = 0;
      for (const message of sent) {
        const truth = server.getReceiptTruth(message.ID)!;
        const readers = READERS.filter((reader) => intended.get(reader)!.has(message.ID));
        expectedReceipts += readers.length;
        // Exactly once: every reader who sent a receipt is there, nobody twice, nobody who did not send one.
        expect(truth.readUserIDList).toHaveLength(new Set(truth.readUserIDList).size);
        expect([...truth.readUserIDList].sort()).toEqual(readers.sort());
        expect(truth.readCount + truth.unreadCount).toBe(SENDERS.length + READERS.length - 1);
        // R2 as the sender saw it: counts never went backwards.
        const seen = countsSeen.get(message.ID) ?? [];
        expect(seen).toEqual([...seen].sort((a, b) => a - b));
        expect(Math.max(0, ...seen)).toBeLessThanOrEqual(truth.readCount);
      }
      expect(stats.receipts).toBe(expectedReceipts);
      expect(expectedReceipts).toBeGreaterThan(400);

      if (heartbeat) {
        // Convergence with no help: heartbeats reveal lost pushes and each sender pulls what it missed.
        await vi.advanceTimersByTimeAsync(20 * HEARTBEAT);
      } else {
        // Without heartbeats a lost last push goes unnoticed until the sender reconnects or pulls; with the
        // faults over, one pull each (R6) reaches the server's truth.
        let converged = false;
        void (async () => {
          for (const sender of SENDERS) {
            const { chat } = sessions.get(sender)!;
            const own = sent.filter((message) => message.from === sender);
            for (const batch of chunks(own, MAX_RECEIPT_QUERY)) {
              await untilDone(() => chat.getMessageReadReceiptList(batch));
            }
          }
          converged = true;
        })();
        await advanceUntil(() => converged, 60_000);
      }
      for (const message of sent) {
        const truth = server.getReceiptTruth(message.ID)!;
        const view = sessions.get(message.from)!.chat.findMessage(message.ID)!;
        expect({ id: message.ID, info: view.readReceiptInfo }).toEqual({
          id: message.ID,
          info: { readCount: truth.readCount, unreadCount: truth.unreadCount },
        });
      }
      for (const { chat } of sessions.values()) chat.destroy();
    },
    30_000,
  );

  it('without drops, a reconnect alone brings a sender back to the truth after an outage', async () => {
    const server = createMockServer({ seed: 5 });
    server.createGroup({ groupID: 'team', type: 'Private', memberList: ['alice', ...READERS] });
    const lossless: ConnectOptions = { duplicateRate: 0.3, reorder: 80, latencyMs: [5, 40] };
    const transport = server.connect('alice', lossless);
    const alice = ReadBy.create({ transport, requestTimeoutMs: 1_000 });
    await vi.advanceTimersByTimeAsync(120);
    const messages: Message[] = [];
    for (let index = 0; index < 10; index++) {
      const sending = alice.sendMessage(groupMessage(alice, 'team', `m${index}`));
      await vi.advanceTimersByTimeAsync(240);
      messages.push((await sending).data.message);
    }
    transport.disconnect();
    for (const [index, reader] of READERS.entries()) {
      const ids = messages.slice(0, index + 3).map((message) => message.ID);
      server.request(reader, 'sendMessageReadReceipt', { messageIDs: ids });
    }
    const reconnecting = transport.reconnect();
    await vi.advanceTimersByTimeAsync(1_000);
    await reconnecting;
    for (const message of messages) {
      const truth = server.getReceiptTruth(message.ID)!;
      expect(alice.findMessage(message.ID)!.readReceiptInfo).toEqual({
        readCount: truth.readCount,
        unreadCount: truth.unreadCount,
      });
    }
    alice.destroy();
  });
});
