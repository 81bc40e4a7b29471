import ReadBy, { ERROR_CODE, EVENT } from 'readby';
import { describe, expect, it, vi } from 'vitest';
import {
  connect,
  createServer,
  draftText,
  load,
  record,
  sendText,
  sendToPeer,
  settle,
  teamServer,
  thrown,
  untyped,
} from './helpers';

describe('messageCache (docs/rules.md §1.3: the latest snapshot of each message, within a bound)', () => {
  it.each([0, -1, 1.5, '10', null])(
    'rejects messageCacheSize %j with INVALID_PARAMETER naming it, and opens no connection',
    (value) => {
      const transport = createServer().connect('alice');
      const open = vi.spyOn(transport, 'open');
      const error = thrown(() => ReadBy.create({ transport, messageCacheSize: untyped<number>(value) }));
      expect(error.code).toBe(ERROR_CODE.INVALID_PARAMETER);
      expect(error.message).toBe('options.messageCacheSize: expected a whole number ≥ 1');
      expect(open).not.toHaveBeenCalled();
      expect(transport.state).toBe('disconnected');
    },
  );

  it('R5: keeps 5,000 messages by default: the 5,001st received pushes out the first', async () => {
    const server = teamServer(['alice', 'bob']);
    const bob = connect(server, 'bob');
    await settle();
    const ids: string[] = [];
    for (let index = 0; index < 5_001; index++) {
      ids.push(
        server.postMessage({ from: 'alice', to: 'team', conversationType: 'GROUP', text: `${index}` }).ID,
      );
    }
    await settle();
    expect(bob.findMessage(ids[0]!)).toBeNull();
    expect(bob.findMessage(ids[1]!)?.payload).toEqual({ text: '1' });
    expect(bob.findMessage(ids[5_000]!)?.payload).toEqual({ text: '5000' });
  });

  it('forgets the least recently used message beyond messageCacheSize; findMessage counts as a use', async () => {
    const server = teamServer(['alice', 'bob']);
    const alice = connect(server, 'alice');
    const [a, b, c, d] = [
      await sendText(alice, 'team', 'a'),
      await sendText(alice, 'team', 'b'),
      await sendText(alice, 'team', 'c'),
      await sendText(alice, 'team', 'd'),
    ];
    const bob = connect(server, 'bob', {}, { messageCacheSize: 3 });
    expect((await load(bob, 'GROUPteam', 3)).map((m) => m.payload.text)).toEqual(['b', 'c', 'd']);
    // Looking b up makes c the least recently used, so loading a pushes c out.
    expect(bob.findMessage(b!.ID)?.payload.text).toBe('b');
    await bob.getMessageList({ conversationID: 'GROUPteam', nextReqMessageID: b!.ID });
    expect([a, b, c, d].map((m) => bob.findMessage(m!.ID)?.payload.text ?? null)).toEqual([
      'a',
      'b',
      null,
      'd',
    ]);
  });

  it('never forgets a message whose send has not settled, nor counts it against the bound', async () => {
    const server = teamServer(['alice', 'bob']);
    const alice = connect(server, 'alice', {}, { messageCacheSize: 2 });
    const drafts = ['one', 'two', 'three'].map((text) => draftText(alice, 'team', text));
    await settle();
    const received = ['b1', 'b2'].map(
      (text) => server.postMessage({ from: 'bob', to: 'team', conversationType: 'GROUP', text }).ID,
    );
    await settle();
    expect(drafts.map((draft) => alice.findMessage(draft.ID)?.status)).toEqual([
      'unSend',
      'unSend',
      'unSend',
    ]);
    expect(received.map((ID) => alice.findMessage(ID)?.payload.text)).toEqual(['b1', 'b2']);
    // Once sent, the first draft counts: the least recently used of the settled messages makes way.
    const { data } = await alice.sendMessage(drafts[0]!);
    expect(alice.findMessage(drafts[0]!.ID)).toBe(data.message);
    expect(received.map((ID) => alice.findMessage(ID)?.payload.text ?? null)).toEqual([null, 'b2']);
    expect(drafts.slice(1).map((draft) => alice.findMessage(draft.ID)?.status)).toEqual(['unSend', 'unSend']);
  });

  it('R5: a forgotten message gets no receipt pushes, and gets them again once loaded again', async () => {
    const server = teamServer(['alice', 'bob', 'carol']);
    const alice = connect(server, 'alice', {}, { messageCacheSize: 1 });
    const seen = record(alice, EVENT.MESSAGE_READ_RECEIPT_RECEIVED);
    const first = await sendText(alice, 'team', 'first');
    const second = await sendText(alice, 'team', 'second');
    expect(alice.findMessage(first.ID)).toBeNull();
    server.request('bob', 'sendMessageReadReceipt', { messageIDs: [first.ID] });
    await settle();
    expect(seen).toEqual([]);

    await alice.getMessageList({ conversationID: 'GROUPteam', nextReqMessageID: second.ID });
    expect(alice.findMessage(first.ID)?.readReceiptInfo).toEqual({
      readCount: undefined,
      unreadCount: undefined,
    });
    server.request('carol', 'sendMessageReadReceipt', { messageIDs: [first.ID] });
    await settle();
    expect(seen).toEqual([[{ groupID: 'team', messageID: first.ID, readCount: 2, unreadCount: 0 }]]);
  });

  it('R9: a read mark after evictions reaches the messages still kept, and only them', async () => {
    const server = createServer();
    server.createGroup({ groupID: 'team', type: 'Private', memberList: ['alice', 'bob'] });
    const alice = connect(server, 'alice', {}, { messageCacheSize: 3 });
    const bob = connect(server, 'bob');
    const early = await sendToPeer(alice, 'bob', 'early');
    const kept = [await sendToPeer(alice, 'bob', 'one'), await sendToPeer(alice, 'bob', 'two')];
    await sendText(alice, 'team', 'pushes the early one out');
    const byPeer = record(alice, EVENT.MESSAGE_READ_BY_PEER);
    await bob.setMessageRead({ conversationID: 'C2Calice' });
    await settle();
    expect(byPeer.map((data) => data.map((m) => [m.payload.text, m.isPeerRead]))).toEqual([
      [
        ['one', true],
        ['two', true],
      ],
    ]);
    expect(alice.findMessage(early.ID)).toBeNull();
    expect(kept.map((m) => alice.findMessage(m.ID)?.isPeerRead)).toEqual([true, true]);
    // Loaded again, it comes back with the server's read mark.
    await load(alice, 'C2Cbob');
    expect(alice.findMessage(early.ID)?.isPeerRead).toBe(true);
  });
});
