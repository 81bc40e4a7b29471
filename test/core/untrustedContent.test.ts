import { EVENT, TYPES } from 'readby';
import { describe, expect, it } from 'vitest';
import { allPages, connect, createServer, load, record, sendText, sendToPeer, settle } from './helpers';

const HOSTILE_TEXTS = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(1)</script>',
  '__proto__',
  '{"__proto__":{"polluted":true}}',
  "{{constructor.constructor('alert(1)')()}}",
  '\u0024{globalThis.process.exit(1)}',
  'line one\nline two\u2028\u0000',
  '👩‍👩‍👧 مرحبا 𝟘',
];

const HOSTILE_IDS = [
  '<img src=x onerror=alert(1)>',
  '__proto__',
  'constructor',
  'hasOwnProperty',
  'a"b\'c`d',
];

function prototypeKeys(): string[] {
  return Object.getOwnPropertyNames(Object.prototype).sort();
}

describe('R11: untrusted content', () => {
  it('R11: message texts round-trip as plain data, through sending, pushes, history and custom payloads', async () => {
    const keysBefore = prototypeKeys();
    const server = createServer();
    server.createGroup({ groupID: 'team', type: TYPES.GRP_WORK, memberList: ['alice', 'bob'] });
    const alice = connect(server, 'alice');
    const bob = connect(server, 'bob');
    const received = record(bob, EVENT.MESSAGE_RECEIVED);
    for (const text of HOSTILE_TEXTS) await sendText(alice, 'team', text);
    const custom = alice.createCustomMessage({
      to: 'team',
      conversationType: TYPES.CONV_GROUP,
      payload: { data: '{"__proto__":{"x":1}}', description: '<b>bold</b>', extension: '__proto__' },
    });
    await alice.sendMessage(custom);
    await settle();

    const texts = received.flat().map((m) => m.payload);
    expect(texts).toEqual([
      ...HOSTILE_TEXTS.map((text) => ({ text })),
      { data: '{"__proto__":{"x":1}}', description: '<b>bold</b>', extension: '__proto__' },
    ]);
    const history = await load(bob, 'GROUPteam', 15);
    expect(history.map((m) => m.payload)).toEqual(texts);
    expect(prototypeKeys()).toEqual(keysBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each(HOSTILE_IDS)('R11: a group and users named %j work like any other', async (name) => {
    const keysBefore = prototypeKeys();
    const server = createServer();
    const reader = `${name}-reader`;
    server.createGroup({ groupID: name, type: TYPES.GRP_PUBLIC, memberList: [name, reader, 'carol'] });
    const sender = connect(server, name);
    const readerChat = connect(server, reader);
    const receipts = record(sender, EVENT.MESSAGE_READ_RECEIPT_RECEIVED);
    const message = await sendText(sender, name, name);
    expect(message).toMatchObject({ conversationID: `GROUP${name}`, to: name, from: name });

    const loaded = await load(readerChat, `GROUP${name}`);
    expect(loaded).toEqual([
      { ...message, flow: 'in', readReceiptInfo: { readCount: undefined, unreadCount: undefined } },
    ]);
    await readerChat.sendMessageReadReceipt(loaded);
    await settle();
    expect(receipts).toEqual([[{ groupID: name, messageID: message.ID, readCount: 1, unreadCount: 1 }]]);
    expect((await allPages(sender, message, 0, 10)).users).toEqual([reader]);
    expect((await allPages(sender, message, 1, 10)).users).toEqual(['carol']);

    const peerMessage = await sendToPeer(readerChat, name, name);
    expect(peerMessage.conversationID).toBe(`C2C${name}`);
    const { data } = await sender.getConversationList();
    expect(data.conversationList.map((c) => c.conversationID).sort()).toEqual(
      [`C2C${reader}`, `GROUP${name}`].sort(),
    );
    expect(prototypeKeys()).toEqual(keysBefore);
  });

  it('R11: user IDs with a separator character, such as auth0|alice, keep their conversations apart', async () => {
    const server = createServer();
    const alice = connect(server, 'auth0|alice');
    const bob = connect(server, 'auth0|bob');
    await sendToPeer(alice, 'auth0|bob', 'hello');
    const { data } = await alice.getConversationList();
    expect(data.conversationList.map((c) => [c.conversationID, c.unreadCount])).toEqual([
      ['C2Cauth0|bob', 0],
    ]);
    expect((await bob.getConversationList()).data.conversationList.map((c) => c.conversationID)).toEqual([
      'C2Cauth0|alice',
    ]);

    // "a" talking to "b|c" and "a|b" talking to "c" are two different conversations.
    const a = connect(server, 'a');
    const ab = connect(server, 'a|b');
    await sendToPeer(a, 'b|c', 'for b|c');
    await sendToPeer(ab, 'c', 'for c');
    expect((await load(a, 'C2Cb|c')).map((m) => m.from)).toEqual(['a']);
    expect((await load(ab, 'C2Cc')).map((m) => m.from)).toEqual(['a|b']);
    const c = connect(server, 'c');
    expect((await load(c, 'C2Ca|b')).map((m) => m.payload)).toEqual([{ text: 'for c' }]);
  });
});
