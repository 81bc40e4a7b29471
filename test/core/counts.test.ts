import fc from 'fast-check';
import ReadBy, { ERROR_CODE, EVENT, type GroupReadReceiptInfo, type Message, ReadByError } from 'readby';
import { describe, expect, it, vi } from 'vitest';
import { connect, createServer, load, rejection, sendText, settle, teamServer } from './helpers';

const POOL = ['u1', 'u2', 'u3', 'u4', 'u5'];

type Step =
  | { kind: 'join'; user: string }
  | { kind: 'leave'; user: string }
  | { kind: 'send'; by: string }
  | { kind: 'read'; user: string; pick: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('join' as const), user: fc.constantFrom(...POOL) }),
  fc.record({ kind: fc.constant('leave' as const), user: fc.constantFrom(...POOL) }),
  fc.record({ kind: fc.constant('send' as const), by: fc.constantFrom('alice', ...POOL) }),
  fc.record({
    kind: fc.constant('read' as const),
    user: fc.constantFrom('alice', ...POOL),
    pick: fc.nat(),
  }),
  // Reads are what the rule is about: give them twice the weight.
  fc.record({
    kind: fc.constant('read' as const),
    user: fc.constantFrom('alice', ...POOL),
    pick: fc.nat(),
  }),
);

interface ModelMessage {
  ID: string;
  sender: string;
  recipients: Set<string>;
  readers: Set<string>;
}

function errorCode(run: () => unknown): number {
  try {
    run();
    return 0;
  } catch (error) {
    return error instanceof ReadByError ? error.code : -1;
  }
}

/**
 * Plays a random history against the server while a model keeps who should count. Alice is the only client
 * (a permanent member); the pool's users act directly on the server.
 */
async function play(steps: Step[]): Promise<void> {
  const server = createServer();
  server.createGroup({ groupID: 'g', type: 'Private', memberList: ['alice', 'u1', 'u2'] });
  const members = new Set(['alice', 'u1', 'u2']);
  const messages: ModelMessage[] = [];
  const alice = ReadBy.create({ transport: server.connect('alice') });
  const lastSeen = new Map<string, number>();
  const problems: string[] = [];

  alice.on(EVENT.MESSAGE_READ_RECEIPT_RECEIVED, ({ data }) => {
    for (const item of data) {
      if (!('groupID' in item)) continue;
      const model = messages.find((m) => m.ID === item.messageID)!;
      const view = alice.findMessage(item.messageID)!.readReceiptInfo as GroupReadReceiptInfo;
      if (view.readCount !== item.readCount || view.unreadCount !== item.unreadCount) {
        problems.push(`findMessage lags the event for ${item.messageID}`);
      }
      if (item.readCount + item.unreadCount !== model.recipients.size) {
        problems.push(`pushed counts for ${item.messageID} do not add up to ${model.recipients.size}`);
      }
      if (item.readCount <= (lastSeen.get(item.messageID) ?? -1)) {
        problems.push(
          `readCount of ${item.messageID} went from ${lastSeen.get(item.messageID)} to ${item.readCount}`,
        );
      }
      lastSeen.set(item.messageID, item.readCount);
    }
  });

  try {
    // Pushes reach connected clients only: alice must be online before the first message.
    await settle();
    for (const current of steps) {
      switch (current.kind) {
        case 'join':
          server.addGroupMembers('g', [current.user]);
          members.add(current.user);
          break;
        case 'leave':
          server.removeGroupMembers('g', [current.user]);
          members.delete(current.user);
          break;
        case 'send': {
          const recipients = new Set([...members].filter((user) => user !== current.by));
          if (current.by === 'alice') {
            const message = await sendText(alice, 'g', 'from alice');
            expect(message.readReceiptInfo).toEqual({ readCount: 0, unreadCount: recipients.size });
            messages.push({ ID: message.ID, sender: 'alice', recipients, readers: new Set() });
          } else if (members.has(current.by)) {
            const wire = server.postMessage({
              from: current.by,
              to: 'g',
              conversationType: 'GROUP',
              text: 'from the pool',
              needReadReceipt: true,
            });
            messages.push({ ID: wire.ID, sender: current.by, recipients, readers: new Set() });
          } else {
            const code = errorCode(() =>
              server.postMessage({ from: current.by, to: 'g', conversationType: 'GROUP', text: 'x' }),
            );
            expect(code).toBe(ERROR_CODE.PERMISSION_DENIED);
          }
          break;
        }
        case 'read': {
          if (messages.length === 0) break;
          const target = messages[current.pick % messages.length]!;
          let expected = 0;
          if (!members.has(current.user)) expected = ERROR_CODE.PERMISSION_DENIED;
          else if (target.sender === current.user) expected = ERROR_CODE.READ_RECEIPT_MSG_LIST_EMPTY;
          let code: number;
          if (current.user === 'alice') {
            const known = alice.findMessage(target.ID)!;
            code = await alice.sendMessageReadReceipt([known]).then(
              () => 0,
              (error: ReadByError) => error.code,
            );
          } else {
            code = errorCode(() =>
              server.request(current.user, 'sendMessageReadReceipt', { messageIDs: [target.ID] }),
            );
          }
          expect(code).toBe(expected);
          if (code === 0 && target.recipients.has(current.user)) target.readers.add(current.user);
          break;
        }
      }
      await settle();

      for (const model of messages) {
        const truth = server.getReceiptTruth(model.ID)!;
        expect(truth.recipientCount).toBe(model.recipients.size);
        expect(truth.readCount + truth.unreadCount).toBe(model.recipients.size);
        expect(new Set(truth.readUserIDList)).toEqual(model.readers);
        expect(truth.readUserIDList).toHaveLength(model.readers.size);
        expect(truth.readUserIDList).not.toContain(model.sender);
        if (model.sender === 'alice') {
          expect(alice.findMessage(model.ID)!.readReceiptInfo).toEqual({
            readCount: truth.readCount,
            unreadCount: truth.unreadCount,
          });
        }
      }
      expect(problems).toEqual([]);
    }
  } finally {
    alice.destroy();
  }
}

describe('R2: group receipt counts', () => {
  it('R2: readCount + unreadCount = recipients, readCount never decreases, the sender never counts (property)', async () => {
    await fc.assert(fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), play), {
      numRuns: 80,
      seed: 20_240_601,
    });
  });

  it('R2: each new reader adds exactly one, and a repeated receipt adds nothing', async () => {
    const server = teamServer(['alice', 'bob', 'carol', 'dave']);
    const alice = connect(server, 'alice');
    const message = await sendText(alice, 'team', 'count me');
    const views: Array<Message['readReceiptInfo']> = [];
    for (const reader of ['bob', 'carol', 'bob', 'dave', 'carol']) {
      const chat = connect(server, reader);
      await chat.sendMessageReadReceipt(await load(chat, 'GROUPteam'));
      await settle();
      views.push(alice.findMessage(message.ID)!.readReceiptInfo);
    }
    expect(views).toEqual([
      { readCount: 1, unreadCount: 2 },
      { readCount: 2, unreadCount: 1 },
      { readCount: 2, unreadCount: 1 },
      { readCount: 3, unreadCount: 0 },
      { readCount: 3, unreadCount: 0 },
    ]);
  });

  it('R2: the sender is never counted, through the client or straight at the server', async () => {
    const server = teamServer(['alice', 'bob']);
    const alice = connect(server, 'alice');
    const message = await sendText(alice, 'team', 'mine');
    expect((await rejection(alice.sendMessageReadReceipt([message]))).code).toBe(
      ERROR_CODE.READ_RECEIPT_MSG_LIST_EMPTY,
    );
    expect(
      errorCode(() => server.request('alice', 'sendMessageReadReceipt', { messageIDs: [message.ID] })),
    ).toBe(ERROR_CODE.READ_RECEIPT_MSG_LIST_EMPTY);
    expect(server.getReceiptTruth(message.ID)).toEqual({
      recipientCount: 1,
      readCount: 0,
      unreadCount: 1,
      readUserIDList: [],
    });
  });

  it('R2: duplicated and reordered pushes never take the sender’s view backwards', async () => {
    vi.useFakeTimers();
    try {
      const server = teamServer(['alice', 'bob', 'carol', 'dave']);
      const alice = connect(server, 'alice', { duplicateRate: 1, reorder: 30 });
      const readers = ['bob', 'carol', 'dave'].map((user) => connect(server, user));
      const sending = sendText(alice, 'team', 'reordered');
      await vi.advanceTimersByTimeAsync(200);
      const message = await sending;
      const seen: number[] = [];
      alice.on(EVENT.MESSAGE_READ_RECEIPT_RECEIVED, () => {
        seen.push((alice.findMessage(message.ID)!.readReceiptInfo as GroupReadReceiptInfo).readCount!);
      });
      for (const reader of readers) await reader.sendMessageReadReceipt(await load(reader, 'GROUPteam'));
      await vi.advanceTimersByTimeAsync(500);
      expect(seen.length).toBeGreaterThan(0);
      expect([...seen].sort((a, b) => a - b)).toEqual(seen);
      expect(new Set(seen).size).toBe(seen.length);
      expect(alice.findMessage(message.ID)!.readReceiptInfo).toEqual({ readCount: 3, unreadCount: 0 });
    } finally {
      vi.useRealTimers();
    }
  });
});
