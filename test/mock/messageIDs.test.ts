import ReadBy, { type Chat, ERROR_CODE, TYPES, type WireDraft } from 'readby';
import { createMockServer, type MockServer } from 'readby/mock';
import { afterEach, describe, expect, it } from 'vitest';
import { settle, thrownBy } from './support';

const chats: Chat[] = [];
afterEach(() => {
  for (const chat of chats.splice(0)) chat.destroy();
});

function teamServer(): MockServer {
  const server = createMockServer({ seed: 5 });
  server.createGroup({ groupID: 'team', type: 'Private', memberList: ['alice', 'bob', 'carol', 'mallory'] });
  return server;
}

function draft(ID: string, text: string): WireDraft {
  return {
    ID,
    type: TYPES.MSG_TEXT,
    payload: { text },
    conversationType: TYPES.CONV_GROUP,
    to: 'team',
    needReadReceipt: true,
  };
}

function storedTexts(server: MockServer): { ID: string; from: string; text: string | undefined }[] {
  const { messageList } = server.request('alice', 'getMessageList', {
    conversationID: 'GROUPteam',
    nextReqMessageID: '',
    count: 15,
  });
  return messageList.map(({ ID, from, payload }) => ({ ID, from, text: payload.text }));
}

describe('message IDs belong to their sender (R10, R12)', () => {
  it('R10: a member who sends with an ID of another member’s client first is refused, and the rightful send succeeds', async () => {
    const server = teamServer();
    const transport = server.connect('bob');
    const bob = ReadBy.create({ transport });
    const carol = ReadBy.create({ transport: server.connect('carol') });
    chats.push(bob, carol);
    // The engine's IDs are random; one of bob's client's shape, learnt somehow, is still bob's alone.
    const ofBob = `${transport.clientID}-0f3a9c`;

    const squatting = thrownBy(() =>
      server.request('mallory', 'sendMessage', { message: draft(ofBob, 'from mallory') }),
    );
    expect(squatting).toMatchObject({
      code: ERROR_CODE.INVALID_PARAMETER,
      message: `message.ID: expected an ID of your own, but ${ofBob} belongs to bob`,
    });
    expect(storedTexts(server)).toEqual([]);

    const message = bob.createTextMessage({
      to: 'team',
      conversationType: TYPES.CONV_GROUP,
      payload: { text: 'from bob' },
      needReadReceipt: true,
    });
    expect(message.ID.startsWith(`${transport.clientID}-`)).toBe(true);
    const { data } = await bob.sendMessage(message);
    await settle();
    expect(data.message).toMatchObject({ ID: message.ID, from: 'bob', status: 'success' });
    expect(carol.findMessage(message.ID)).toMatchObject({ from: 'bob', payload: { text: 'from bob' } });
    expect(storedTexts(server)).toEqual([{ ID: message.ID, from: 'bob', text: 'from bob' }]);
    // And bob's real IDs, random as they are, are his alone too.
    expect(
      thrownBy(() => server.request('mallory', 'sendMessage', { message: draft(message.ID, 'again') })),
    ).toMatchObject({ code: ERROR_CODE.INVALID_PARAMETER });
  });

  it('R10: the IDs postMessage makes for a user are that user’s too', () => {
    const server = teamServer();
    const first = server.postMessage({ from: 'bob', to: 'team', conversationType: 'GROUP', text: 'one' });
    expect(first.ID).toBe('bob~post-1');
    expect(() => server.request('mallory', 'sendMessage', { message: draft('bob~post-2', 'mine') })).toThrow(
      expect.objectContaining({ code: ERROR_CODE.INVALID_PARAMETER }),
    );
    const second = server.postMessage({ from: 'bob', to: 'team', conversationType: 'GROUP', text: 'two' });
    expect(second).toMatchObject({ ID: 'bob~post-2', from: 'bob', payload: { text: 'two' } });
  });

  it('R10: the owner is all before the last ~, so user IDs with ~ and - keep their IDs to themselves', () => {
    const server = createMockServer({ seed: 5 });
    server.createGroup({ groupID: 'team', type: 'Private', memberList: ['a~1-2', 'a', 'a~1'] });
    const clientID = server.connect('a~1-2').clientID;
    for (const other of ['a', 'a~1']) {
      expect(() =>
        server.request(other, 'sendMessage', { message: draft(`${clientID}-1`, 'taken') }),
      ).toThrow(expect.objectContaining({ code: ERROR_CODE.INVALID_PARAMETER }));
    }
    expect(
      server.request('a~1-2', 'sendMessage', { message: draft(`${clientID}-1`, 'mine') }).message,
    ).toMatchObject({ ID: `${clientID}-1`, from: 'a~1-2' });
  });

  it('R12: the sender sending an ID again gets the stored message back, and nothing is stored or pushed twice', async () => {
    const server = teamServer();
    const carol = ReadBy.create({ transport: server.connect('carol') });
    chats.push(carol);
    const received: string[] = [];
    carol.on(ReadBy.EVENT.MESSAGE_RECEIVED, ({ data }) => received.push(...data.map((m) => m.ID)));
    await settle();
    const first = server.request('bob', 'sendMessage', { message: draft('bob~9-1', 'once') });
    const again = server.request('bob', 'sendMessage', { message: draft('bob~9-1', 'twice?') });
    await settle();
    expect(again).toEqual(first);
    expect(again.message).toMatchObject({
      ID: 'bob~9-1',
      from: 'bob',
      payload: { text: 'once' },
      sequence: 1,
    });
    expect(storedTexts(server)).toEqual([{ ID: 'bob~9-1', from: 'bob', text: 'once' }]);
    expect(received).toEqual(['bob~9-1']);
  });

  it('R10: an ID of another shape is first come, first served: a second sender is refused', () => {
    const server = teamServer();
    server.request('alice', 'sendMessage', { message: draft('draft-1', 'first') });
    expect(
      thrownBy(() => server.request('bob', 'sendMessage', { message: draft('draft-1', 'second') })),
    ).toMatchObject({
      code: ERROR_CODE.INVALID_PARAMETER,
      message: 'message.ID: expected an ID not used by another message',
    });
    expect(storedTexts(server)).toEqual([{ ID: 'draft-1', from: 'alice', text: 'first' }]);
  });
});
