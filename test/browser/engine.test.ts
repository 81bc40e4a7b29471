import ReadBy, { ERROR_CODE } from 'readby';
import { createMockServer } from 'readby/mock';
import { describe, expect, it } from 'vitest';

describe('the engine and the mock server in a real browser', () => {
  it('delivers a group receipt to the sender with absolute counts (R5)', async () => {
    const server = createMockServer({ seed: 3 });
    server.createGroup({ groupID: 'team', type: 'Private', memberList: ['alice', 'bob', 'carol'] });
    const alice = ReadBy.create({ transport: server.connect('alice') });
    const bob = ReadBy.create({ transport: server.connect('bob') });
    const received = new Promise<unknown>((resolve) =>
      alice.on(ReadBy.EVENT.MESSAGE_READ_RECEIPT_RECEIVED, ({ data }) => resolve(data)),
    );
    const message = alice.createTextMessage({
      to: 'team',
      conversationType: ReadBy.TYPES.CONV_GROUP,
      payload: { text: 'Ship it?' },
      needReadReceipt: true,
    });
    await alice.sendMessage(message);
    const { data } = await bob.getMessageList({ conversationID: 'GROUPteam' });
    await bob.sendMessageReadReceipt(data.messageList);
    expect(await received).toEqual([
      { groupID: 'team', messageID: message.ID, readCount: 1, unreadCount: 1 },
    ]);
    await expect(bob.sendMessageReadReceipt([])).rejects.toMatchObject({
      code: ERROR_CODE.INVALID_PARAMETER,
    });
    alice.destroy();
    bob.destroy();
  });
});
