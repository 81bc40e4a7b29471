import { ERROR_CODE, type Message } from 'readby';
import { describe, expect, it } from 'vitest';
import { connect, createServer, rejection, sendText, sendToPeer, teamServer } from './helpers';

/** Alice and Bob take turns posting `count` messages to `team`; returns them oldest first. */
async function history(count: number) {
  const server = teamServer();
  const alice = connect(server, 'alice');
  const bob = connect(server, 'bob');
  const sent: Message[] = [];
  for (let i = 1; i <= count; i++) sent.push(await sendText(i % 2 === 1 ? alice : bob, 'team', `m${i}`));
  return { server, alice, bob, sent };
}

const texts = (list: Message[]) => list.map((message) => (message.payload as { text: string }).text);

describe('getMessageList', () => {
  it('returns the newest 15 messages first, oldest to newest within the page', async () => {
    const { alice, sent } = await history(20);
    const response = await alice.getMessageList({ conversationID: 'GROUPteam' });
    expect(response.code).toBe(0);
    expect(texts(response.data.messageList)).toEqual(texts(sent.slice(5)));
    expect(response.data.isCompleted).toBe(false);
    expect(response.data.nextReqMessageID).toBe(sent[5]!.ID);
  });

  it('continues from nextReqMessageID with the older messages, and says when it is complete', async () => {
    const { alice, sent } = await history(20);
    const first = await alice.getMessageList({ conversationID: 'GROUPteam' });
    const second = await alice.getMessageList({
      conversationID: 'GROUPteam',
      nextReqMessageID: first.data.nextReqMessageID,
    });
    expect(texts(second.data.messageList)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);
    expect(second.data.isCompleted).toBe(true);
    expect(second.data.nextReqMessageID).toBe(sent[0]!.ID);
  });

  it('pages by count, covering every message exactly once', async () => {
    const { alice } = await history(12);
    const pages: string[][] = [];
    let nextReqMessageID = '';
    let isCompleted = false;
    while (!isCompleted) {
      const { data } = await alice.getMessageList({
        conversationID: 'GROUPteam',
        nextReqMessageID,
        count: 5,
      });
      pages.push(texts(data.messageList));
      ({ nextReqMessageID, isCompleted } = data);
    }
    expect(pages).toEqual([
      ['m8', 'm9', 'm10', 'm11', 'm12'],
      ['m3', 'm4', 'm5', 'm6', 'm7'],
      ['m1', 'm2'],
    ]);
  });

  it('is complete on the first page when the conversation has 15 messages or fewer', async () => {
    const { alice } = await history(15);
    const { data } = await alice.getMessageList({ conversationID: 'GROUPteam' });
    expect(data.messageList).toHaveLength(15);
    expect(data.isCompleted).toBe(true);
  });

  it('returns an empty, complete page for a conversation without messages', async () => {
    const alice = connect(teamServer(), 'alice');
    for (const conversationID of ['GROUPteam', 'C2Cnobody']) {
      const { data } = await alice.getMessageList({ conversationID });
      expect(data).toEqual({ messageList: [], nextReqMessageID: '', isCompleted: true });
    }
  });

  it("sets flow from the reader's side: own messages are 'out', the others 'in'", async () => {
    const { alice, bob } = await history(2);
    const seenByAlice = (await alice.getMessageList({ conversationID: 'GROUPteam' })).data.messageList;
    const seenByBob = (await bob.getMessageList({ conversationID: 'GROUPteam' })).data.messageList;
    expect(seenByAlice.map((m) => m.flow)).toEqual(['out', 'in']);
    expect(seenByBob.map((m) => m.flow)).toEqual(['in', 'out']);
  });

  it('accepts a count of 15 and rejects 16 and 0 with INVALID_PARAMETER naming options.count', async () => {
    const { alice } = await history(3);
    await expect(alice.getMessageList({ conversationID: 'GROUPteam', count: 15 })).resolves.toMatchObject({
      code: 0,
    });
    for (const count of [16, 0]) {
      const error = await rejection(alice.getMessageList({ conversationID: 'GROUPteam', count }));
      expect(error.code).toBe(ERROR_CODE.INVALID_PARAMETER);
      expect(error.message).toBe('options.count: expected a whole number from 1 to 15');
    }
  });

  it('rejects a nextReqMessageID that belongs to another conversation', async () => {
    const server = teamServer();
    const alice = connect(server, 'alice');
    const elsewhere = await sendToPeer(alice, 'bob', 'side');
    await sendText(alice, 'team', 'main');
    const error = await rejection(
      alice.getMessageList({ conversationID: 'GROUPteam', nextReqMessageID: elsewhere.ID }),
    );
    expect(error.code).toBe(ERROR_CODE.INVALID_PARAMETER);
    expect(error.message).toMatch(/^options\.nextReqMessageID: /);
  });

  it('lists a one-to-one conversation for both parties under their own conversation IDs', async () => {
    const server = createServer();
    const alice = connect(server, 'alice');
    const bob = connect(server, 'bob');
    const a = await sendToPeer(alice, 'bob', 'hi bob');
    const b = await sendToPeer(bob, 'alice', 'hi alice');
    const forAlice = (await alice.getMessageList({ conversationID: 'C2Cbob' })).data.messageList;
    const forBob = (await bob.getMessageList({ conversationID: 'C2Calice' })).data.messageList;
    expect(forAlice.map((m) => [m.ID, m.conversationID, m.flow])).toEqual([
      [a.ID, 'C2Cbob', 'out'],
      [b.ID, 'C2Cbob', 'in'],
    ]);
    expect(forBob.map((m) => [m.ID, m.conversationID, m.flow])).toEqual([
      [a.ID, 'C2Calice', 'in'],
      [b.ID, 'C2Calice', 'out'],
    ]);
  });
});

describe('getConversationList', () => {
  it("lists the user's groups and one-to-one conversations with unread counts and last messages", async () => {
    const server = teamServer(['alice', 'bob', 'carol']);
    server.createGroup({ groupID: 'other', type: 'Public', memberList: ['bob', 'carol'] });
    const alice = connect(server, 'alice');
    const bob = connect(server, 'bob');
    await sendText(bob, 'team', 'one');
    await sendText(alice, 'team', 'two');
    const last = await sendText(bob, 'team', 'three');
    const peer = await sendToPeer(bob, 'alice', 'dm');
    await sendText(bob, 'other', 'not for alice');

    const response = await alice.getConversationList();
    expect(response.code).toBe(0);
    const byID = new Map(response.data.conversationList.map((c) => [c.conversationID, c]));
    expect([...byID.keys()].sort()).toEqual(['C2Cbob', 'GROUPteam']);
    expect(byID.get('GROUPteam')).toMatchObject({ type: 'GROUP', unreadCount: 2 });
    expect(byID.get('GROUPteam')!.lastMessage).toMatchObject({ ID: last.ID, flow: 'in' });
    expect(byID.get('C2Cbob')).toMatchObject({ type: 'C2C', unreadCount: 1 });
    expect(byID.get('C2Cbob')!.lastMessage).toMatchObject({ ID: peer.ID, conversationID: 'C2Cbob' });
  });

  it('gives an empty conversation a null lastMessage and no unread messages', async () => {
    const alice = connect(teamServer(), 'alice');
    const { data } = await alice.getConversationList();
    expect(data.conversationList).toEqual([
      { conversationID: 'GROUPteam', type: 'GROUP', unreadCount: 0, lastMessage: null },
    ]);
  });

  it('remembers the last messages it returns, for findMessage', async () => {
    const server = teamServer();
    const bob = connect(server, 'bob');
    const sent = await sendText(bob, 'team', 'x');
    const alice = connect(server, 'alice');
    expect(alice.findMessage(sent.ID)).toBeNull();
    await alice.getConversationList();
    expect(alice.findMessage(sent.ID)?.ID).toBe(sent.ID);
  });
});
