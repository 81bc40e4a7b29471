import ReadBy, { type Chat, ERROR_CODE, EVENT } from 'readby';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  connect,
  draftText,
  load,
  losingFirstAnswer,
  record,
  rejection,
  sendText,
  teamServer,
  track,
} from './helpers';

describe('R12: sending again a message whose send landed but whose answer was lost', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const loaders = {
    getMessageList: async (chat: Chat) => void (await load(chat, 'GROUPteam')),
    getConversationList: async (chat: Chat) => void (await chat.getConversationList()),
  };

  it.each(Object.keys(loaders) as Array<keyof typeof loaders>)(
    'R12: after %s has shown it stored, resolves with the stored message, announced as success, stored once',
    async (loader) => {
      const server = teamServer(['alice', 'bob', 'carol']);
      const bob = connect(server, 'bob');
      const received = record(bob, EVENT.MESSAGE_RECEIVED);
      const transport = losingFirstAnswer(server.connect('alice'), 'sendMessage');
      const alice = track(ReadBy.create({ transport, requestTimeoutMs: 50 }));
      const statuses = record(alice, EVENT.MESSAGE_STATUS_CHANGED);
      const draft = draftText(alice, 'team', 'landed');

      const first = rejection(alice.sendMessage(draft));
      await vi.advanceTimersByTimeAsync(50);
      expect((await first).code).toBe(ERROR_CODE.REQUEST_TIMEOUT);
      await loaders[loader](alice);
      expect(alice.findMessage(draft.ID)!.status).toBe('success');

      const { data } = await alice.sendMessage(draft);
      expect(data).toEqual({ message: alice.findMessage(draft.ID) });
      expect(data.message).toMatchObject({
        ID: draft.ID,
        from: 'alice',
        status: 'success',
        sequence: 1,
        readReceiptInfo: { readCount: 0, unreadCount: 2 },
      });
      expect(statuses.map((list) => list.map((message) => message.status))).toEqual([['fail'], ['success']]);
      expect(statuses[1]).toEqual([data.message]);
      await vi.advanceTimersByTimeAsync(0);
      expect(server.getStorageStats().messages).toBe(1);
      expect(received).toHaveLength(1);
    },
  );

  it('R12: a message this chat has already seen sent is still refused with INVALID_PARAMETER', async () => {
    const alice = connect(teamServer(), 'alice');
    const sent = await sendText(alice, 'team', 'once');
    await load(alice, 'GROUPteam');
    const error = await rejection(alice.sendMessage(sent));
    expect(error.code).toBe(ERROR_CODE.INVALID_PARAMETER);
    expect(error.message).toBe('message: expected a message not sent yet');
  });
});
