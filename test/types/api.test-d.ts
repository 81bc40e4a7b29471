import ReadBy, {
  type Chat,
  type ChatLike,
  type GroupReceiptItem,
  type Message,
  type MessageLike,
  type PeerReceiptItem,
  type ReadByError,
  type ReadMemberPage,
} from 'readby';
import { createMockServer, type MockTransport } from 'readby/mock';
import { type ReadReceiptStatus, useReadReceipt } from 'readby/react';
import { describe, expectTypeOf, it } from 'vitest';

describe('public types', () => {
  const server = createMockServer();
  const transport = server.connect('alice');
  const chat = ReadBy.create({ transport });

  it('ReadBy.create takes a transport and returns a Chat', () => {
    expectTypeOf(transport).toEqualTypeOf<MockTransport>();
    expectTypeOf(chat).toEqualTypeOf<Chat>();
  });

  it('event handlers receive { name, data } typed by the event', () => {
    chat.on(ReadBy.EVENT.MESSAGE_READ_RECEIPT_RECEIVED, (event) => {
      expectTypeOf(event.name).toEqualTypeOf<'onMessageReadReceiptReceived'>();
      expectTypeOf(event.data).toEqualTypeOf<Array<GroupReceiptItem | PeerReceiptItem>>();
    });
    chat.on(ReadBy.EVENT.MESSAGE_RECEIVED, (event) => {
      expectTypeOf(event.data).toEqualTypeOf<Message[]>();
    });
    expectTypeOf(chat.on).returns.toEqualTypeOf<() => void>();
  });

  it('methods resolve to { code: 0, data }', () => {
    expectTypeOf(chat.getGroupMessageReadMemberList).returns.resolves.toEqualTypeOf<{
      code: 0;
      data: ReadMemberPage;
    }>();
    expectTypeOf(chat.findMessage).returns.toEqualTypeOf<Message | null>();
  });

  it('createTextMessage requires to, conversationType and payload.text', () => {
    // @ts-expect-error payload is required
    chat.createTextMessage({ to: 'bob', conversationType: 'C2C' });
    // @ts-expect-error conversationType is 'C2C' or 'GROUP'
    chat.createTextMessage({ to: 'bob', conversationType: 'USER', payload: { text: 'hi' } });
    expectTypeOf(
      chat.createTextMessage({ to: 'bob', conversationType: 'C2C', payload: { text: 'hi' } }),
    ).toEqualTypeOf<Message>();
  });

  it('messages are read-only snapshots', () => {
    const message = chat.findMessage('x')!;
    // @ts-expect-error a snapshot cannot be changed
    message.status = 'success';
    expectTypeOf(message.payload.text).toEqualTypeOf<string | undefined>();
  });

  it('getMessageList filters by 0 or 1 only', () => {
    const message = chat.findMessage('x')!;
    // @ts-expect-error filter is 0 or 1
    void chat.getGroupMessageReadMemberList({ message, filter: 2, cursor: '', count: 30 });
  });

  it('useReadReceipt returns a status and counts', () => {
    expectTypeOf(useReadReceipt).returns.toHaveProperty('status').toEqualTypeOf<ReadReceiptStatus>();
    expectTypeOf(useReadReceipt).returns.toHaveProperty('error').toEqualTypeOf<ReadByError | null>();
  });
});

describe('ChatLike', () => {
  it("is satisfied by readby's own Chat as it stands", () => {
    expectTypeOf<Chat>().toExtend<ChatLike>();
  });
  it('takes plain message-like objects, such as JSON from another device', () => {
    expectTypeOf<Message>().toExtend<MessageLike>();
  });
});
