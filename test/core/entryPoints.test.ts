import ReadByDefault, * as readby from 'readby';
import * as mock from 'readby/mock';
import { describe, expect, it } from 'vitest';

describe('entry points', () => {
  it('readby exports ReadBy as named and default export, with create, TYPES and EVENT', () => {
    expect(ReadByDefault).toBe(readby.ReadBy);
    expect(readby.ReadBy.create).toBe(readby.createChat);
    expect(readby.ReadBy.TYPES.CONV_GROUP).toBe('GROUP');
    expect(readby.ReadBy.EVENT.MESSAGE_READ_RECEIPT_RECEIVED).toBe('onMessageReadReceiptReceived');
    expect(readby.ERROR_CODE.READ_RECEIPT_MSG_LIST_EMPTY).toBe(2114);
  });

  it('readby/mock serves a chat made by ReadBy.create', async () => {
    const server = mock.createMockServer({ seed: 1 });
    server.createGroup({ groupID: 'team', type: 'Private', memberList: ['alice', 'bob'] });
    const chat = readby.ReadBy.create({ transport: server.connect('alice') });
    const message = chat.createTextMessage({
      to: 'team',
      conversationType: readby.TYPES.CONV_GROUP,
      payload: { text: 'hello' },
      needReadReceipt: true,
    });
    const { data } = await chat.sendMessage(message);
    expect(data.message.status).toBe('success');
    expect(data.message.readReceiptInfo).toEqual({ readCount: 0, unreadCount: 1 });
    chat.destroy();
  });
});
