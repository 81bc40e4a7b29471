import { ERROR_CODE, EVENT, type ReadByError, TYPES, type WireDraft, type WireMessage } from 'readby';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connect, draftText, load, record, rejection, sendText, settle, teamServer } from './helpers';
import { tamperedChat } from './tamperedChat';

const INVALID_RESPONSE = 2803;

/** What a member who knows a message ID sends to take it: a message of their own under that ID. */
function squat(ID: string): WireDraft {
  return {
    ID,
    type: TYPES.MSG_TEXT,
    payload: { text: 'mine now' },
    conversationType: TYPES.CONV_GROUP,
    to: 'team',
    needReadReceipt: false,
  };
}

/** mallory's message as a server would send it, under someone else's ID. */
function squatted(ID: string): WireMessage {
  return { ...squat(ID), from: 'mallory', time: 1, sequence: 1 };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('message IDs (R10)', () => {
  it('R10: each ID carries 128 bits from crypto.getRandomValues, so none repeats', () => {
    const alice = connect(teamServer(), 'alice');
    const random = vi.spyOn(globalThis.crypto, 'getRandomValues');
    random.mockImplementationOnce((array) => {
      new Uint8Array(array.buffer).fill(0xab);
      return array;
    });
    const fixed = draftText(alice, 'team', 'fixed').ID;
    expect(fixed.endsWith(`-${'ab'.repeat(16)}`)).toBe(true);
    const ids = Array.from({ length: 500 }, (_, index) => draftText(alice, 'team', `${index}`).ID);
    expect(new Set(ids).size).toBe(500);
    expect(random).toHaveBeenCalledTimes(501);
  });

  it('R10: a member who has seen my earlier IDs cannot take my next one by counting on from them', async () => {
    const server = teamServer(['alice', 'mallory']);
    const alice = connect(server, 'alice');
    const first = await sendText(alice, 'team', 'first');
    for (let step = 1; step <= 5; step++) {
      const guess = first.ID.replace(/\d+$/, (count) => String(Number(count) + step));
      // A guess that hits an ID already taken is refused; one that does not is stored as mallory's.
      try {
        server.request('mallory', 'sendMessage', { message: squat(guess) });
      } catch (error) {
        expect((error as ReadByError).code).toBe(ERROR_CODE.INVALID_PARAMETER);
      }
    }
    const { data } = await alice.sendMessage(draftText(alice, 'team', 'second'));
    expect(data.message).toMatchObject({ from: 'alice', status: 'success', payload: { text: 'second' } });
  });

  // The server refuses another user's send with my draft's ID (test/mock/messageIDs.test.ts); these are the client's
  // own guard, against a server that lets one through or a wire that was tampered with.
  it("R10: another user's pushed message never replaces my draft that has its ID", async () => {
    const server = teamServer(['alice', 'bob', 'mallory']);
    const { chat: alice, reported, push } = tamperedChat(server, 'alice');
    const received = record(alice, EVENT.MESSAGE_RECEIVED);
    await settle();
    const draft = draftText(alice, 'team', 'not sent yet');
    push({ type: 'message', message: squatted(draft.ID) });
    await settle();
    expect(alice.findMessage(draft.ID)).toEqual(draft);
    expect(received).toEqual([]);
    expect(reported.map((error) => [error.code, error.message])).toEqual([
      [INVALID_RESPONSE, "push.message.from: expected 'alice', as before"],
    ]);
  });

  it("R10: a history page that gives my draft's ID to another user's message is refused, and the draft kept", async () => {
    const server = teamServer(['alice', 'bob', 'mallory']);
    const { chat: alice, tamper } = tamperedChat(server, 'alice');
    server.postMessage({ from: 'bob', to: 'team', conversationType: TYPES.CONV_GROUP, text: 'hello' });
    const draft = draftText(alice, 'team', 'not sent yet');
    tamper('getMessageList', (answer: { messageList: WireMessage[] }) => ({
      ...answer,
      messageList: answer.messageList.map((message) => ({ ...message, ID: draft.ID })),
    }));
    const error = await rejection(load(alice, 'GROUPteam'));
    expect(error.code).toBe(INVALID_RESPONSE);
    expect(error.message).toBe("getMessageList answer.messageList[0].from: expected 'alice', as before");
    expect(alice.findMessage(draft.ID)).toEqual(draft);
  });
});
