import { type Chat, getReceiptStore, type Message, type PublishSchedule, type ReceiptStore } from 'readby';
import { describe, expect, it } from 'vitest';
import { connect, draftText, load, sendText, settle, teamServer } from './helpers';

const MEMBERS = ['alice', 'bob', 'carol', 'dave'];

/** A schedule that runs nothing by itself: the test runs each publication it was handed, when it likes. */
function manualSchedule() {
  const asked: Array<{ publish: (limit?: number) => number; urgent: boolean }> = [];
  const schedule: PublishSchedule = (publish, urgent) => {
    asked.push({ publish, urgent });
  };
  return { asked, schedule };
}

/** A store of alice's on `schedule`, ten sent messages it tracks, and every listener call in order. */
async function storeWithMessages(schedule: PublishSchedule) {
  const server = teamServer(MEMBERS);
  const alice = connect(server, 'alice');
  const store = getReceiptStore(alice, { schedule });
  const messages: Message[] = [];
  for (let i = 1; i <= 10; i++) messages.push(await sendText(alice, 'team', `update ${i}`));
  const told: string[] = [];
  for (const message of messages) {
    store.track(message);
    store.subscribe(message.ID, () => told.push(message.ID));
  }
  return { server, alice, store, messages, told };
}

function readCounts(store: ReceiptStore, messages: Message[]): Array<number | undefined> {
  return messages.map((message) => store.get(message.ID)?.readCount);
}

function readBy(server: ReturnType<typeof teamServer>, reader: string, messages: Message[]): void {
  server.request(reader, 'sendMessageReadReceipt', { messageIDs: messages.map((message) => message.ID) });
}

describe('§3 receipt store: publication a few at a time (§4 burst bar)', () => {
  it('tells a limited number per publication, oldest change first, and every listener exactly once (R5)', async () => {
    const { asked, schedule } = manualSchedule();
    const { server, store, messages, told } = await storeWithMessages(schedule);
    // bob reads the last five, then the first five: the order in which the messages changed.
    readBy(server, 'bob', messages.slice(5));
    readBy(server, 'bob', messages.slice(0, 5));
    await settle();
    expect(asked).toEqual([{ publish: expect.any(Function), urgent: false }]);
    expect(told).toEqual([]);

    const counts: number[] = [];
    while (asked.length > 0) counts.push(asked.shift()!.publish(3));
    // The store asked again each time more were waiting, and never once too often.
    expect(counts).toEqual([3, 3, 3, 1]);
    expect(told).toEqual([...messages.slice(5), ...messages.slice(0, 5)].map((message) => message.ID));
    expect(readCounts(store, messages)).toEqual(Array(10).fill(1));
  });

  it('shows a waiting message as before until its listeners are told, then with every change it had', async () => {
    const { asked, schedule } = manualSchedule();
    const { server, store, messages, told } = await storeWithMessages(schedule);
    readBy(server, 'bob', messages);
    await settle();
    asked.shift()!.publish(4);
    // Changes again while it waits: told once, in the place where it first changed, with both readers.
    readBy(server, 'carol', messages.slice(8));
    await settle();
    expect(store.get(messages[9]!.ID)?.readCount).toBe(0);
    while (asked.length > 0) asked.shift()!.publish(4);
    expect(told).toEqual(messages.map((message) => message.ID));
    expect(readCounts(store, messages)).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 2, 2]);
  });

  it('asks for pulled counts as urgent and for pushed receipts as not (R6)', async () => {
    const { asked, schedule } = manualSchedule();
    const server = teamServer(MEMBERS);
    const sender = connect(server, 'alice');
    for (let i = 1; i <= 3; i++) await sendText(sender, 'team', `update ${i}`);
    // Another device of alice's, whose history carries no counts: the store pulls them.
    const alice: Chat = connect(server, 'alice');
    const loaded = await load(alice, 'GROUPteam');
    const store = getReceiptStore(alice, { schedule });
    for (const message of loaded) store.track(message);
    await settle();
    await settle();
    expect(asked.map(({ urgent }) => urgent)).toEqual([true]);
    expect(asked.shift()!.publish()).toBe(3);
    expect(store.get(loaded[0]!.ID)).toMatchObject({ status: 'unread', readCount: 0, isLoading: false });

    readBy(server, 'bob', loaded);
    await settle();
    expect(asked.map(({ urgent }) => urgent)).toEqual([false]);
  });

  it('shows a send at once, without telling the pushed receipts that wait for their publication', async () => {
    const { asked, schedule } = manualSchedule();
    const { server, alice, store, messages, told } = await storeWithMessages(schedule);
    readBy(server, 'bob', messages);
    await settle();
    const draft = draftText(alice, 'team', 'One more thing');
    const sending: string[] = [];
    store.track(draft);
    store.subscribe(draft.ID, () => sending.push(store.get(draft.ID)!.status));
    await alice.sendMessage(draft);
    await settle();
    expect(sending).toEqual(['unread']);
    expect(told).toEqual([]);
    expect(asked).toHaveLength(1);
  });

  it('makes progress whatever limit it is handed', async () => {
    const { asked, schedule } = manualSchedule();
    const { server, messages, told } = await storeWithMessages(schedule);
    readBy(server, 'bob', messages.slice(0, 2));
    await settle();
    expect(asked.shift()!.publish(0)).toBe(1);
    expect(asked.shift()!.publish(Number.NaN)).toBe(1);
    expect(told).toHaveLength(2);
    expect(asked).toEqual([]);
  });
});
