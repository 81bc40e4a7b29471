import { type MessageLike, ReadByError } from 'readby';
import { describe, expect, it } from 'vitest';
import { connectTencent, createTencent } from './fakeTencentChat';
import { record, settle, teamServer } from './support';

const SDK_EVENTS = [
  'sdkStateReady',
  'sdkStateNotReady',
  'kickedOut',
  'netStateChange',
  'onMessageReceived',
  'onMessageReadByPeer',
  'onMessageReadReceiptReceived',
  'onGroupListUpdated',
];

describe('the handlers the adapter gives the SDK', () => {
  it('are one per SDK event it needs, kept, and all removed by destroy()', async () => {
    const { chat, sdk } = await connectTencent(teamServer(), 'alice');
    expect(sdk.calls.on).toBe(SDK_EVENTS.length);
    expect(SDK_EVENTS.map((name) => sdk.handlerCount(name))).toEqual(SDK_EVENTS.map(() => 1));
    expect(sdk.handlerCount()).toBe(SDK_EVENTS.length);
    chat.destroy();
    expect(sdk.handlerCount()).toBe(0);
    expect(sdk.calls.off).toBe(SDK_EVENTS.length);
    chat.destroy(); // a second time changes nothing
    expect(sdk.calls.off).toBe(SDK_EVENTS.length);
  });

  it('leave the SDK to the app: destroy() neither logs out nor destroys it', async () => {
    const { chat, sdk } = await connectTencent(teamServer(), 'alice');
    chat.destroy();
    expect(sdk.calls).toMatchObject({ destroy: 0, logout: 0 });
    expect(sdk.isReady()).toBe(true);
    expect(chat.getLoginUser()).toBe('');
  });

  it('after destroy() every call rejects with CHAT_DESTROYED, and waiting calls too', async () => {
    const { chat, sdk } = createTencent(teamServer());
    const waiting = chat.getMessageList({ conversationID: 'GROUPteam' });
    chat.destroy();
    await expect(waiting).rejects.toMatchObject({ code: 2802, message: 'the chat was destroyed' });
    await expect(chat.sendMessageReadReceipt([])).rejects.toMatchObject({ code: 2802 });
    expect(() =>
      chat.createTextMessage({ to: 'team', conversationType: 'GROUP', payload: { text: 'late' } }),
    ).toThrow(ReadByError);
    await sdk.login({ userID: 'alice' });
    await settle();
    expect(sdk.calls.getMessageList).toBe(0);
  });
});

describe("the adapter's own listeners", () => {
  it('get { name, data }; on() returns a function that stops them, and off() does too', async () => {
    const server = teamServer();
    const alice = await connectTencent(server, 'alice');
    const bob = await connectTencent(server, 'bob');
    const viaOn: string[] = [];
    const viaOff: string[] = [];
    const stop = alice.chat.on('onMessageReceived', ({ data }) =>
      viaOn.push(...data.map((m) => m.payload.text)),
    );
    const handler = ({ data }: { data: readonly MessageLike[] }) =>
      viaOff.push(...data.map((m) => m.payload.text));
    alice.chat.on('onMessageReceived', handler);
    const send = async (text: string) => {
      await bob.chat.sendMessage(
        bob.chat.createTextMessage({ to: 'team', conversationType: 'GROUP', payload: { text } }),
      );
      await settle();
    };
    await send('one');
    stop();
    alice.chat.off('onMessageReceived', handler);
    await send('two');
    expect(viaOn).toEqual(['one']);
    expect(viaOff).toEqual(['one']);
  });

  it('may remove themselves while an event is being delivered', async () => {
    const server = teamServer();
    const alice = await connectTencent(server, 'alice');
    const bob = await connectTencent(server, 'bob');
    const seen: string[] = [];
    const once = () => {
      seen.push('once');
      alice.chat.off('onMessageReceived', once);
    };
    alice.chat.on('onMessageReceived', once);
    alice.chat.on('onMessageReceived', () => seen.push('always'));
    for (const text of ['one', 'two']) {
      await bob.chat.sendMessage(
        bob.chat.createTextMessage({ to: 'team', conversationType: 'GROUP', payload: { text } }),
      );
      await settle();
    }
    expect(seen).toEqual(['once', 'always', 'always']);
  });
});

/** alice and bob signed in on one server; `send` sends a text through one of them, asking for receipts. */
async function aliceAndBob() {
  const server = teamServer();
  const alice = await connectTencent(server, 'alice');
  const bob = await connectTencent(server, 'bob');
  const send = async (
    from: typeof alice,
    to: string,
    conversationType: 'C2C' | 'GROUP',
    text: string,
    needReadReceipt = true,
  ) => {
    const message = from.chat.createTextMessage({ to, conversationType, payload: { text }, needReadReceipt });
    await from.chat.sendMessage(message);
    await settle();
    return message;
  };
  return { alice, bob, send };
}

describe('pushes are forwarded as { name, data }', () => {
  it('MESSAGE_RECEIVED carries the live message objects', async () => {
    const { alice, bob, send } = await aliceAndBob();
    const events = record(alice.chat, 'onMessageReceived');
    const sent = await send(bob, 'team', 'GROUP', 'Ship it?');
    expect(events).toHaveLength(1);
    expect(events[0]!.name).toBe('onMessageReceived');
    const [received] = events[0]!.data;
    expect(received).toBe(alice.sdk.findMessage(sent.ID));
    expect(received).toMatchObject({ ID: sent.ID, from: 'bob', flow: 'in', needReadReceipt: true });
  });

  it('MESSAGE_READ_RECEIPT_RECEIVED: the sender hears absolute counts, and the message already shows them (R5)', async () => {
    const { alice, bob, send } = await aliceAndBob();
    const message = await send(alice, 'team', 'GROUP', 'Ship it?');
    const atDelivery: unknown[] = [];
    const events = record(alice.chat, 'onMessageReadReceiptReceived');
    alice.chat.on('onMessageReadReceiptReceived', () => atDelivery.push({ ...message.readReceiptInfo }));
    const page = await bob.chat.getMessageList({ conversationID: 'GROUPteam' });
    await bob.chat.sendMessageReadReceipt(page.data.messageList);
    await settle();
    expect(events).toEqual([
      {
        name: 'onMessageReadReceiptReceived',
        data: [{ groupID: 'team', messageID: message.ID, readCount: 1, unreadCount: 1 }],
      },
    ]);
    expect(atDelivery).toEqual([{ readCount: 1, unreadCount: 1, isPeerRead: undefined, timestamp: 0 }]);
  });

  it('MESSAGE_READ_RECEIPT_RECEIVED: a one-to-one item names the reader (R5, R9)', async () => {
    const { alice, bob, send } = await aliceAndBob();
    const message = await send(alice, 'bob', 'C2C', 'hi');
    const events = record(alice.chat, 'onMessageReadReceiptReceived');
    const page = await bob.chat.getMessageList({ conversationID: 'C2Calice' });
    await bob.chat.sendMessageReadReceipt(page.data.messageList);
    await settle();
    const timestamp = message.readReceiptInfo?.timestamp;
    expect(timestamp).toBeGreaterThan(0);
    expect(events).toEqual([
      {
        name: 'onMessageReadReceiptReceived',
        data: [{ userID: 'bob', messageID: message.ID, isPeerRead: true, timestamp }],
      },
    ]);
  });

  it('MESSAGE_READ_BY_PEER carries the messages the peer marked read (R9)', async () => {
    const { alice, bob, send } = await aliceAndBob();
    const message = await send(alice, 'bob', 'C2C', 'hi', false);
    const events = record(alice.chat, 'onMessageReadByPeer');
    await bob.chat.getMessageList({ conversationID: 'C2Calice' });
    await bob.sdk.setMessageRead({ conversationID: 'C2Calice' });
    await settle();
    expect(events).toEqual([{ name: 'onMessageReadByPeer', data: [message] }]);
    expect(message.isPeerRead).toBe(true);
  });
});

describe('MESSAGE_STATUS_CHANGED announces the end of every send', () => {
  it('on success, with the message already showing its new status, before sendMessage resolves', async () => {
    const { chat } = await connectTencent(teamServer(), 'alice');
    const message = chat.createTextMessage({
      to: 'team',
      conversationType: 'GROUP',
      payload: { text: 'hi' },
    });
    const seen: string[] = [];
    chat.on('onMessageStatusChanged', ({ name, data }) =>
      seen.push(`${name} ${data[0]!.ID} ${data[0]!.status}`),
    );
    const sending = chat.sendMessage(message);
    expect(seen).toEqual([]);
    const { data } = await sending;
    expect(data.message).toBe(message);
    expect(seen).toEqual([`onMessageStatusChanged ${message.ID} success`]);
  });

  it('on failure, with the status "fail", and the promise rejects with the service error', async () => {
    const server = teamServer();
    server.createGroup({ groupID: 'others', type: 'Private', memberList: ['bob', 'carol'] });
    const { chat } = await connectTencent(server, 'alice');
    const message = chat.createTextMessage({
      to: 'others',
      conversationType: 'GROUP',
      payload: { text: 'hi' },
    });
    const events = record(chat, 'onMessageStatusChanged');
    const sending = chat.sendMessage(message);
    await expect(sending).rejects.toBeInstanceOf(ReadByError);
    await expect(sending).rejects.toMatchObject({ code: 10007 });
    expect(events).toEqual([{ name: 'onMessageStatusChanged', data: [message] }]);
    expect(message.status).toBe('fail');
  });

  it('not at all for what is not a message of this SDK: nothing was sent', async () => {
    const { chat, sdk } = await connectTencent(teamServer(), 'alice');
    const events = record(chat, 'onMessageStatusChanged');
    await expect(chat.sendMessage({} as MessageLike)).rejects.toMatchObject({
      code: 10004,
      message: 'message: expected a message (an object with ID and conversationID)',
    });
    const stranger = { ID: 'x', conversationID: 'GROUPteam' } as MessageLike;
    await expect(chat.sendMessage(stranger)).rejects.toMatchObject({
      code: 10004,
      message: 'message: expected a message created by this SDK instance',
    });
    expect(events).toEqual([]);
    expect(sdk.calls.sendMessage).toBe(0);
  });

  it("sends a plain copy as the SDK's own message, and announces that one", async () => {
    const { chat, sdk } = await connectTencent(teamServer(), 'alice');
    const message = chat.createTextMessage({
      to: 'team',
      conversationType: 'GROUP',
      payload: { text: 'hi' },
    });
    const copy: MessageLike = JSON.parse(JSON.stringify(message));
    const events = record(chat, 'onMessageStatusChanged');
    const { data } = await chat.sendMessage(copy);
    expect(data.message).toBe(message);
    expect(events).toEqual([{ name: 'onMessageStatusChanged', data: [message] }]);
    expect(sdk.calls.findMessage).toBe(1);
  });
});
