import { ERROR_CODE, EVENT, type Message } from 'readby';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { connect, draftText, record, rejection, sendText, teamServer } from './helpers';

describe('MESSAGE_STATUS_CHANGED (docs/rules.md §1.4 sendMessage, R12)', () => {
  it('announces the sent snapshot once the send succeeds, before sendMessage resolves', async () => {
    const server = teamServer(['alice', 'bob']);
    const alice = connect(server, 'alice');
    const order: string[] = [];
    const seen: Message[][] = [];
    alice.on(EVENT.MESSAGE_STATUS_CHANGED, ({ name, data }) => {
      expect(name).toBe('onMessageStatusChanged');
      order.push('event');
      seen.push(data);
    });
    const draft = draftText(alice, 'team', 'hi');
    const { data } = await alice.sendMessage(draft);
    order.push('resolved');
    expect(order).toEqual(['event', 'resolved']);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toHaveLength(1);
    expect(seen[0]![0]).toBe(data.message);
    expect(seen[0]![0]).toMatchObject({ ID: draft.ID, status: 'success', sequence: 1 });
    expect(alice.findMessage(draft.ID)).toBe(data.message);
  });

  it('R12: announces the failed snapshot once the send fails, before sendMessage rejects', async () => {
    const server = teamServer(['bob', 'carol']);
    const alice = connect(server, 'alice');
    const order: string[] = [];
    const seen = record(alice, EVENT.MESSAGE_STATUS_CHANGED);
    alice.on(EVENT.MESSAGE_STATUS_CHANGED, () => order.push('event'));
    const draft = draftText(alice, 'team', 'not a member');
    const error = await rejection(alice.sendMessage(draft).finally(() => order.push('rejected')));
    expect(error.code).toBe(ERROR_CODE.PERMISSION_DENIED);
    expect(order).toEqual(['event', 'rejected']);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toEqual([{ ...draft, status: 'fail' }]);
    expect((error.data as { message: Message }).message).toBe(seen[0]![0]);
  });

  it('R12: announces each attempt of a failed message sent again, the last one as success', async () => {
    const server = teamServer(['bob']);
    const alice = connect(server, 'alice');
    const seen = record(alice, EVENT.MESSAGE_STATUS_CHANGED);
    const draft = draftText(alice, 'team', 'x');
    await rejection(alice.sendMessage(draft));
    server.addGroupMembers('team', ['alice']);
    await alice.sendMessage(draft);
    expect(seen.map((data) => data.map((m) => [m.ID, m.status]))).toEqual([
      [[draft.ID, 'fail']],
      [[draft.ID, 'success']],
    ]);
  });

  it('is not emitted for a send refused for its argument, nor by messages that arrive', async () => {
    const server = teamServer(['alice', 'bob']);
    const alice = connect(server, 'alice');
    const bob = connect(server, 'bob');
    const onAlice = record(alice, EVENT.MESSAGE_STATUS_CHANGED);
    const onBob = record(bob, EVENT.MESSAGE_STATUS_CHANGED);
    const sent = await sendText(alice, 'team', 'x');
    expect((await rejection(alice.sendMessage(sent))).code).toBe(ERROR_CODE.INVALID_PARAMETER);
    expect((await rejection(bob.sendMessage(sent))).code).toBe(ERROR_CODE.INVALID_PARAMETER);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(onAlice).toHaveLength(1);
    expect(onBob).toEqual([]);
  });

  describe('with fake timers', () => {
    beforeEach(() => {
      vi.useFakeTimers();
    });
    afterEach(() => {
      vi.useRealTimers();
    });

    it('R12: a send that times out is announced as failed', async () => {
      const server = teamServer(['alice', 'bob']);
      const alice = connect(server, 'alice', { dropRate: 1 }, { requestTimeoutMs: 50 });
      const seen = record(alice, EVENT.MESSAGE_STATUS_CHANGED);
      const draft = draftText(alice, 'team', 'x');
      const result = rejection(alice.sendMessage(draft));
      await vi.advanceTimersByTimeAsync(49);
      expect(seen).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      expect((await result).code).toBe(ERROR_CODE.REQUEST_TIMEOUT);
      expect(seen).toEqual([[{ ...draft, status: 'fail' }]]);
    });

    it('is not emitted when the chat is destroyed during the send', async () => {
      const server = teamServer(['alice', 'bob']);
      const alice = connect(server, 'alice', { latencyMs: 10 });
      const handler = vi.fn();
      alice.on(EVENT.MESSAGE_STATUS_CHANGED, handler);
      const draft = draftText(alice, 'team', 'x');
      const result = rejection(alice.sendMessage(draft));
      await vi.advanceTimersByTimeAsync(15);
      alice.destroy();
      expect((await result).code).toBe(ERROR_CODE.CHAT_DESTROYED);
      await vi.advanceTimersByTimeAsync(100);
      expect(handler).not.toHaveBeenCalled();
      expect(alice.findMessage(draft.ID)!.status).toBe('unSend');
    });
  });
});
