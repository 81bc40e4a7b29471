/**
 * readby: the receipt engine. A chat client with the read-receipt API of Tencent Cloud Chat's Web SDK, so that
 * `const TencentCloudChat = ReadBy` runs code written for that SDK.
 *
 * @example
 * ```ts
 * import ReadBy from 'readby';
 * import { createMockServer } from 'readby/mock';
 *
 * const server = createMockServer();
 * server.createGroup({ groupID: 'team', type: 'Private', memberList: ['alice', 'bob', 'carol'] });
 * const chat = ReadBy.create({ transport: server.connect('alice') });
 * ```
 */
import { type Chat, type ChatOptions, createChat } from './chat';
import { EVENT, TYPES } from './constants';

export { Chat, type ChatOptions, createChat } from './chat';
export type {
  ChatLike,
  ChatLikeEventMap,
  ChatLikeEventName,
  ChatLikeHandler,
  ChatLikeResponse,
  MessageLike,
  ReadReceiptInfoLike,
  ReceiptItemLike,
} from './chatLike';
export * from './constants';
export { createEmitter, type Emitter } from './emitter';
export { ERROR_CODE, type ErrorCode, invalidParameter, isTransientError, ReadByError } from './errors';
export type * from './protocol';
export { PUSH_TYPES, REQUEST_METHODS } from './protocol';
export type { ReceiptStoreOptions } from './receiptEntry';
export type { PublishSchedule } from './receiptPublisher';
export {
  RECEIPT_BATCH_DELAY_MS,
  RECEIPT_MAX_ATTEMPTS,
  ReceiptSender,
} from './receiptSender';
export type { ReadReceiptStatus, ReceiptState } from './receiptState';
export { getReceiptStore, ReceiptStore } from './receiptStore';
export { destroyedError } from './requester';
export type { Transport, TransportListener } from './transport';
export type * from './types';
export {
  requireConversationID,
  requireConversationType,
  requireMemberListOptions,
  requireMessage,
  requireMessageList,
  requireObject,
  requireString,
} from './validate';

/** The SDK object: `ReadBy.create`, `ReadBy.TYPES`, `ReadBy.EVENT`, as `TencentCloudChat` offers them. */
export const ReadBy: {
  create(options: ChatOptions): Chat;
  readonly TYPES: typeof TYPES;
  readonly EVENT: typeof EVENT;
} = Object.freeze({ create: createChat, TYPES, EVENT });

export default ReadBy;
