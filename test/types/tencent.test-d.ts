import type TencentCloudChat from '@tencentcloud/chat';
import type { ChatSDK, Message as TencentMessage } from '@tencentcloud/chat';
import type { Chat, ChatLike, MessageLike } from 'readby';
import { type ReadByBadgeProps, useMessageList, useReadReceipt } from 'readby/react';
import { fromTencentChat, type TencentChat, type TencentChatSDKLike } from 'readby/tencent';
import { describe, expectTypeOf, it } from 'vitest';
import type { FakeTencentChat } from '../tencent/fakeTencentChat';

/** An instance as the app makes it: `TencentCloudChat.create({ SDKAppID })`. */
declare const tim: ReturnType<typeof TencentCloudChat.create>;

describe('readby/tencent types', () => {
  it("accepts the SDK's own ChatSDK, as TencentCloudChat.create returns it", () => {
    expectTypeOf(tim).toEqualTypeOf<ChatSDK>();
    expectTypeOf<ChatSDK>().toExtend<TencentChatSDKLike>();
    expectTypeOf(fromTencentChat).toBeCallableWith(tim);
    expectTypeOf(fromTencentChat).toBeCallableWith(tim, { readReceiptGroupTypes: ['Private'] });
  });

  it('returns a ChatLike, with destroy()', () => {
    expectTypeOf(fromTencentChat).returns.toEqualTypeOf<TencentChat>();
    expectTypeOf<TencentChat>().toExtend<ChatLike>();
    expectTypeOf<TencentChat['destroy']>().toEqualTypeOf<() => void>();
    expectTypeOf<TencentChat['on']>().returns.toEqualTypeOf<() => void>();
  });

  it("takes the SDK's own Message wherever readby/react takes a message", () => {
    expectTypeOf<TencentMessage>().toExtend<MessageLike>();
    expectTypeOf<TencentMessage>().toExtend<ReadByBadgeProps['message']>();
    expectTypeOf(useReadReceipt).toBeCallableWith({} as TencentMessage);
    expectTypeOf(useMessageList<TencentMessage>)
      .returns.toHaveProperty('messages')
      .toEqualTypeOf<TencentMessage[]>();
  });

  it("readby's own Chat is a ChatLike too", () => {
    expectTypeOf<Chat>().toExtend<ChatLike>();
  });

  it('the test fake has the shape of the SDK readby relies on', () => {
    expectTypeOf<FakeTencentChat>().toExtend<TencentChatSDKLike>();
  });

  it('refuses what is not an SDK', () => {
    // @ts-expect-error an SDK instance is required
    fromTencentChat({ on() {}, off() {} });
    // @ts-expect-error group types are strings
    fromTencentChat(tim, { readReceiptGroupTypes: [1] });
  });
});
