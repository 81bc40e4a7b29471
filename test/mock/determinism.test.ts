import ReadBy, { type Chat, type Message } from 'readby';
import { createMockServer, simulateReaders } from 'readby/mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { advanceUntil, connectChat, groupMessage, peerMessage, sleep } from './support';

const EVENTS = Object.values(ReadBy.EVENT);

/**
 * One scripted session with latency ranges, drops, duplicates, reorder, a disconnect and simulated readers.
 * Returns everything that happened, in order, stamped with the simulated time.
 */
async function runScript(seed: number): Promise<string[]> {
  vi.setSystemTime(Date.UTC(2025, 0, 1));
  const start = Date.now();
  const log: string[] = [];
  const record = (who: string, what: string, data?: unknown) =>
    log.push(`${Date.now() - start} ${who} ${what}${data === undefined ? '' : ` ${JSON.stringify(data)}`}`);

  const server = createMockServer({ seed, latencyMs: [10, 60] });
  server.createGroup({
    groupID: 'team',
    type: 'Private',
    memberList: ['alice', 'bob', 'carol', 'sim1', 'sim2', 'sim3', 'sim4'],
  });
  server.onMessage((message) => record('server', 'stored', message.ID));
  const simulation = simulateReaders(server, {
    groupID: 'team',
    exclude: ['alice', 'bob', 'carol'],
    delayMs: [100, 900],
    readRatio: 0.75,
  });
  const aliceTransport = server.connect('alice', { reorder: true });
  const clients: Record<string, Chat> = {
    alice: ReadBy.create({ transport: aliceTransport, requestTimeoutMs: 400 }),
    bob: connectChat(server, 'bob', { dropRate: 0.25, duplicateRate: 0.3 }, 400),
    carol: connectChat(server, 'carol', { reorder: 80, duplicateRate: 0.5 }, 400),
  };
  for (const [who, chat] of Object.entries(clients)) {
    for (const name of EVENTS) chat.on(name, ({ data }) => record(who, name, data));
  }

  const retry = async <T>(who: string, what: string, action: () => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await action();
      } catch (error) {
        record(who, `${what} failed`, error);
        await sleep(50 * attempt);
      }
    }
  };

  let finished = false;
  const script = async () => {
    await sleep(100);
    const sent: Message[] = [];
    for (let index = 0; index < 4; index++) {
      const message = groupMessage(clients.alice!, 'team', `update ${index}`);
      const { data } = await retry('alice', 'sendMessage', () => clients.alice!.sendMessage(message));
      sent.push(data.message);
    }
    const direct = peerMessage(clients.alice!, 'bob', 'direct');
    await retry('alice', 'sendMessage', () => clients.alice!.sendMessage(direct));
    aliceTransport.disconnect();
    const readers = ['bob', 'carol'].map(async (who) => {
      const chat = clients[who]!;
      const { data } = await retry(who, 'getMessageList', () =>
        chat.getMessageList({ conversationID: 'GROUPteam' }),
      );
      await retry(who, 'sendMessageReadReceipt', () => chat.sendMessageReadReceipt(data.messageList));
    });
    await sleep(300);
    await aliceTransport.reconnect();
    await Promise.all(readers);
    const bob = clients.bob!;
    const page = await retry('bob', 'getMessageList', () =>
      bob.getMessageList({ conversationID: 'C2Calice' }),
    );
    await retry('bob', 'sendMessageReadReceipt', () => bob.sendMessageReadReceipt(page.data.messageList));
    await retry('bob', 'setMessageRead', () => bob.setMessageRead({ conversationID: 'C2Calice' }));
    await sleep(1500);
    const { data } = await retry('alice', 'getMessageReadReceiptList', () =>
      clients.alice!.getMessageReadReceiptList(sent),
    );
    record('alice', 'pulled', data.messageList);
    for (const message of sent) record('server', 'truth', server.getReceiptTruth(message.ID));
    finished = true;
  };
  void script();
  await advanceUntil(() => finished, 60_000);
  simulation.stop();
  for (const chat of Object.values(clients)) chat.destroy();
  return log;
}

/**
 * The log with the random part of each message ID a client made replaced by its order of first appearance: IDs are
 * random so that no one can guess them (R10), and everything else about a run follows from the seed.
 */
function withNumberedIDs(log: string[]): string[] {
  const numbers = new Map<string, number>();
  return log.map((line) =>
    line.replace(/-[0-9a-f]{32}\b/g, (random) => {
      if (!numbers.has(random)) numbers.set(random, numbers.size + 1);
      return `-#${numbers.get(random)}`;
    }),
  );
}

describe('determinism (docs/rules.md §2: deterministic for a given seed)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('two servers with the same seed and the same script produce identical event logs', async () => {
    const first = withNumberedIDs(await runScript(42));
    const second = withNumberedIDs(await runScript(42));
    expect(first.length).toBeGreaterThan(30);
    expect(first.some((line) => line.includes('failed'))).toBe(true);
    expect(first.some((line) => line.includes(ReadBy.EVENT.MESSAGE_READ_RECEIPT_RECEIVED))).toBe(true);
    expect(first.some((line) => line.includes(ReadBy.EVENT.MESSAGE_READ_BY_PEER))).toBe(true);
    expect(second).toEqual(first);
  });

  it('a different seed gives a different run', async () => {
    const first = withNumberedIDs(await runScript(42));
    const other = withNumberedIDs(await runScript(43));
    expect(other).not.toEqual(first);
  });
});
