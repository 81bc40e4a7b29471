import { TYPES } from './constants';
import { invalidParameter } from './errors';
import { messageFromWire } from './message';
import type { WireMessage } from './protocol';
import type { Message, MessagePayload } from './types';
import { optionalBoolean, requireConversationType, requireObject, requireString } from './validate';

/** The checked options of `createTextMessage` and the payload they give. */
export function readTextOptions(options: unknown): {
  checked: Record<string, unknown>;
  payload: MessagePayload;
} {
  const checked = requireObject(options, 'options');
  const payload = requireObject(checked.payload, 'options.payload');
  return { checked, payload: { text: requireString(payload.text, 'options.payload.text') } };
}

/** The checked options of `createCustomMessage` and the payload they give. */
export function readCustomOptions(options: unknown): {
  checked: Record<string, unknown>;
  payload: MessagePayload;
} {
  const checked = requireObject(options, 'options');
  const payload = requireObject(checked.payload, 'options.payload');
  // `data` is required (it may be empty); the other two are copied only when given.
  const custom: Record<string, string> = {};
  for (const key of ['data', 'description', 'extension']) {
    const value = payload[key];
    if (value === undefined && key !== 'data') continue;
    if (typeof value !== 'string') throw invalidParameter(`options.payload.${key}`, 'a string');
    custom[key] = value;
  }
  return { checked, payload: custom };
}

/** An unsent message from `userID`, made the same way as the snapshots the server sends. */
export function createDraft(
  options: Record<string, unknown>,
  type: Message['type'],
  payload: MessagePayload,
  userID: string,
  nextID: () => string,
): Message {
  const to = requireString(options.to, 'options.to');
  const conversationType = requireConversationType(options.conversationType, 'options.conversationType');
  if (conversationType === TYPES.CONV_C2C && to === userID) {
    throw invalidParameter('options.to', 'a user other than yourself');
  }
  const needReadReceipt = optionalBoolean(options.needReadReceipt, 'options.needReadReceipt');
  // The message as the server will see it, less what only the server assigns.
  // Only a message that passed every check takes an ID.
  const draft: WireMessage = {
    ID: nextID(),
    type,
    payload,
    conversationType,
    to,
    from: userID,
    time: Math.floor(Date.now() / 1000),
    sequence: 0,
    needReadReceipt,
  };
  return messageFromWire(draft, userID, null, 'unSend');
}

/** Message IDs unique among the clients of one server: the client's ID, then a count. */
export function localIDs(prefix: string): () => string {
  let count = 0;
  return () => {
    count += 1;
    return `${prefix}-${count}`;
  };
}
