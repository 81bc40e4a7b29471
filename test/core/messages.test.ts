import { ERROR_CODE, EVENT, TYPES } from 'readby';
import { describe, expect, it, vi } from 'vitest';
import {
  connect,
  createServer,
  draftText,
  load,
  record,
  rejection,
  sendText,
  sendToPeer,
  settle,
  teamServer,
} from './helpers';

const NOW_MS = 1_700_000_123_456;

describe('createTextMessage', () => {
  it('makes an unsent group message with every field of docs/rules.md §1.3', () => {
    const alice = connect(teamServer(), 'alice');
    const message = alice.createTextMessage({
      to: 'team',
      conversationType: TYPES.CONV_GROUP,
      payload: { text: 'Ship it?' },
      needReadReceipt: true,
    });
    expect(message).toEqual({
      ID: expect.any(String),
      type: 'TIMTextElem',
      payload: { text: 'Ship it?' },
      conversationType: 'GROUP',
      conversationID: 'GROUPteam',
      to: 'team',
      from: 'alice',
      flow: 'out',
      time: expect.any(Number),
      sequence: 0,
      status: 'unSend',
      needReadReceipt: true,
      readReceiptInfo: { readCount: undefined, unreadCount: undefined },
      isPeerRead: false,
    });
    expect(Number.isInteger(message.time)).toBe(true);
    expect(Math.abs(message.time - Date.now() / 1000)).toBeLessThan(5);
  });

  it('names a one-to-one conversation after the peer and starts with empty peer receipt info', () => {
    const alice = connect(createServer(), 'alice');
    const message = alice.createTextMessage({
      to: 'bob',
      conversationType: TYPES.CONV_C2C,
      payload: { text: 'hi' },
    });
    expect(message.conversationID).toBe('C2Cbob');
    expect(message.needReadReceipt).toBe(false);
    expect(message.readReceiptInfo).toEqual({ isPeerRead: undefined, timestamp: undefined });
  });

  it('gives every message a unique ID, across messages and across two clients of the same user', () => {
    const server = teamServer();
    const first = connect(server, 'alice');
    const second = connect(server, 'alice');
    const ids = [first, first, second, second].map(
      (chat) =>
        chat.createTextMessage({ to: 'team', conversationType: TYPES.CONV_GROUP, payload: { text: 'x' } }).ID,
    );
    expect(new Set(ids).size).toBe(4);
  });

  it('remembers the new message: findMessage returns it', () => {
    const alice = connect(teamServer(), 'alice');
    const message = alice.createTextMessage({
      to: 'team',
      conversationType: TYPES.CONV_GROUP,
      payload: { text: 'x' },
    });
    expect(alice.findMessage(message.ID)).toBe(message);
  });
});

describe('createCustomMessage', () => {
  it('makes a TIMCustomElem message with data, description and extension', () => {
    const alice = connect(teamServer(), 'alice');
    const message = alice.createCustomMessage({
      to: 'team',
      conversationType: TYPES.CONV_GROUP,
      payload: { data: '{"poll":1}', description: 'A poll', extension: 'v2' },
      needReadReceipt: true,
    });
    expect(message.type).toBe('TIMCustomElem');
    expect(message.payload).toEqual({ data: '{"poll":1}', description: 'A poll', extension: 'v2' });
    expect(message.needReadReceipt).toBe(true);
  });

  it('leaves out the optional payload fields it was not given', () => {
    const alice = connect(teamServer(), 'alice');
    const message = alice.createCustomMessage({
      to: 'team',
      conversationType: TYPES.CONV_GROUP,
      payload: { data: '' },
    });
    expect(Object.keys(message.payload)).toEqual(['data']);
  });

  it('sends like any other message, with receipts', async () => {
    const server = teamServer(['alice', 'bob']);
    const alice = connect(server, 'alice');
    const bob = connect(server, 'bob');
    const received = record(bob, EVENT.MESSAGE_RECEIVED);
    const message = alice.createCustomMessage({
      to: 'team',
      conversationType: TYPES.CONV_GROUP,
      payload: { data: 'card' },
      needReadReceipt: true,
    });
    const { data } = await alice.sendMessage(message);
    await settle();
    expect(data.message.readReceiptInfo).toEqual({ readCount: 0, unreadCount: 1 });
    expect(received).toHaveLength(1);
    expect(received[0]![0]!.payload).toEqual({ data: 'card' });
  });
});

describe('sendMessage', () => {
  it('resolves { code: 0, data: { message } } with the sent snapshot: success, server time, sequence', async () => {
    const server = teamServer(undefined, undefined, { now: () => NOW_MS });
    const alice = connect(server, 'alice');
    const draft = draftText(alice, 'team', 'one');
    const response = await alice.sendMessage(draft);
    expect(response).toEqual({
      code: 0,
      data: {
        message: {
          ...draft,
          time: 1_700_000_123,
          sequence: 1,
          status: 'success',
          readReceiptInfo: { readCount: 0, unreadCount: 3 },
        },
      },
    });
    expect(Object.hasOwn(response.data, 'readReceiptCode')).toBe(false);
  });

  it('R9: starts a one-to-one message with receipts as not yet read by the peer', async () => {
    const alice = connect(createServer({ now: () => NOW_MS }), 'alice');
    const message = await sendToPeer(alice, 'bob', 'hi');
    expect(message.readReceiptInfo).toEqual({ isPeerRead: false, timestamp: 0 });
    expect(message.isPeerRead).toBe(false);
  });

  it('leaves readReceiptInfo unknown for a message sent without receipts', async () => {
    const alice = connect(teamServer(), 'alice');
    const message = await sendText(alice, 'team', 'fyi', { needReadReceipt: false });
    expect(message.needReadReceipt).toBe(false);
    expect(message.readReceiptInfo).toEqual({ readCount: undefined, unreadCount: undefined });
  });

  it('numbers each conversation on its own, strictly increasing, whoever sends', async () => {
    const server = teamServer();
    const alice = connect(server, 'alice');
    const bob = connect(server, 'bob');
    const sequences = [
      (await sendText(alice, 'team', 'a')).sequence,
      (await sendText(bob, 'team', 'b')).sequence,
      (await sendToPeer(alice, 'bob', 'c')).sequence,
      (await sendText(alice, 'team', 'd')).sequence,
      (await sendToPeer(bob, 'alice', 'e')).sequence,
    ];
    expect(sequences).toEqual([1, 2, 1, 3, 2]);
  });

  it('delivers MESSAGE_RECEIVED once to every other member, as an incoming message', async () => {
    const server = teamServer(['alice', 'bob', 'carol']);
    const alice = connect(server, 'alice');
    const bob = connect(server, 'bob');
    const carol = connect(server, 'carol');
    const seen = { alice: record(alice, EVENT.MESSAGE_RECEIVED), bob: record(bob, EVENT.MESSAGE_RECEIVED) };
    const carolHandler = vi.fn();
    carol.on(EVENT.MESSAGE_RECEIVED, carolHandler);
    const sent = await sendText(alice, 'team', 'hello');
    await settle();
    // Receipt counts are the sender's business: a recipient's copy does not carry them.
    const incoming = {
      ...sent,
      flow: 'in',
      readReceiptInfo: { readCount: undefined, unreadCount: undefined },
    };
    expect(seen.alice).toEqual([]);
    expect(seen.bob).toEqual([[incoming]]);
    expect(carolHandler).toHaveBeenCalledTimes(1);
    expect(carolHandler).toHaveBeenCalledWith({ name: 'onMessageReceived', data: [incoming] });
    expect(bob.findMessage(sent.ID)).toEqual(incoming);
  });

  it('delivers a one-to-one message to the peer under the conversation named after the sender', async () => {
    const server = createServer();
    const alice = connect(server, 'alice');
    const bob = connect(server, 'bob');
    const seen = record(bob, EVENT.MESSAGE_RECEIVED);
    const sent = await sendToPeer(alice, 'bob', 'psst');
    await settle();
    expect(seen).toHaveLength(1);
    expect(seen[0]).toEqual([
      {
        ...sent,
        flow: 'in',
        conversationID: 'C2Calice',
        readReceiptInfo: { isPeerRead: undefined, timestamp: undefined },
      },
    ]);
  });

  it('marks the message failed when the send is refused, and a later send of it succeeds', async () => {
    const server = createServer();
    const alice = connect(server, 'alice');
    const draft = draftText(alice, 'later', 'x', { needReadReceipt: false });
    const error = await rejection(alice.sendMessage(draft));
    expect(error.code).toBe(ERROR_CODE.GROUP_NOT_FOUND);
    expect(error.data).toEqual({ message: { ...draft, status: 'fail' } });
    expect(alice.findMessage(draft.ID)?.status).toBe('fail');
    expect(draft.status).toBe('unSend');

    server.createGroup({ groupID: 'later', type: TYPES.GRP_PUBLIC, memberList: ['alice', 'bob'] });
    const { data } = await alice.sendMessage(draft);
    expect(data.message.status).toBe('success');
    expect(data.message.sequence).toBe(1);
  });

  it('refuses to send a message twice', async () => {
    const alice = connect(teamServer(), 'alice');
    const sent = await sendText(alice, 'team', 'once');
    const error = await rejection(alice.sendMessage(sent));
    expect(error.code).toBe(ERROR_CODE.INVALID_PARAMETER);
    expect(error.message).toMatch(/^message: /);
  });

  it('refuses a message this chat did not create, such as a received one', async () => {
    const server = teamServer();
    const alice = connect(server, 'alice');
    const bob = connect(server, 'bob');
    const sent = await sendText(alice, 'team', 'mine');
    const [received] = await load(bob, 'GROUPteam');
    const error = await rejection(bob.sendMessage(received!));
    expect(error.code).toBe(ERROR_CODE.INVALID_PARAMETER);
    expect(error.message).toMatch(/^message: /);
    expect(sent.ID).toBe(received!.ID);
  });
});

describe('message snapshots', () => {
  it('are frozen all the way down: message, payload and readReceiptInfo', async () => {
    const alice = connect(teamServer(), 'alice');
    const message = await sendText(alice, 'team', 'frozen');
    expect(Object.isFrozen(message)).toBe(true);
    expect(Object.isFrozen(message.payload)).toBe(true);
    expect(Object.isFrozen(message.readReceiptInfo)).toBe(true);
    expect(() => {
      (message as { status: string }).status = 'fail';
    }).toThrow(TypeError);
    expect(message.status).toBe('success');
  });

  it('survive a JSON round trip unchanged', async () => {
    const server = teamServer();
    const alice = connect(server, 'alice');
    const bob = connect(server, 'bob');
    const group = await sendText(alice, 'team', 'json');
    const peer = await sendToPeer(alice, 'bob', 'json');
    const loaded = await load(bob, 'GROUPteam');
    for (const message of [group, peer, ...loaded]) {
      expect(JSON.parse(JSON.stringify(message))).toEqual(message);
    }
  });

  it('are replaced, never changed: findMessage returns the latest while older snapshots stay as they were', async () => {
    const server = teamServer(['alice', 'bob']);
    const alice = connect(server, 'alice');
    const bob = connect(server, 'bob');
    const draft = draftText(alice, 'team', 'x');
    const sent = (await alice.sendMessage(draft)).data.message;
    expect(alice.findMessage(draft.ID)).toBe(sent);
    await bob.sendMessageReadReceipt(await load(bob, 'GROUPteam'));
    await settle();
    const latest = alice.findMessage(draft.ID)!;
    expect(latest).not.toBe(sent);
    expect(latest.readReceiptInfo).toEqual({ readCount: 1, unreadCount: 0 });
    expect(sent.readReceiptInfo).toEqual({ readCount: 0, unreadCount: 1 });
    expect(draft.status).toBe('unSend');
  });
});

describe('findMessage', () => {
  it('returns null for a message this client has never seen', async () => {
    const server = teamServer();
    const alice = connect(server, 'alice');
    const carol = connect(server, 'carol');
    const sent = await sendText(alice, 'team', 'x');
    expect(alice.findMessage('no-such-id')).toBeNull();
    // Carol was connected, so she received it; a client that connects later has not.
    await settle();
    expect(carol.findMessage(sent.ID)?.ID).toBe(sent.ID);
    expect(connect(server, 'dave').findMessage(sent.ID)).toBeNull();
  });

  it('knows the messages a page of history loaded', async () => {
    const server = teamServer();
    const alice = connect(server, 'alice');
    const sent = await sendText(alice, 'team', 'x');
    const late = connect(server, 'bob');
    expect(late.findMessage(sent.ID)).toBeNull();
    const [loaded] = await load(late, 'GROUPteam');
    expect(late.findMessage(sent.ID)).toBe(loaded);
  });
});
