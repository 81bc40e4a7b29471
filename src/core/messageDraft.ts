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

/**
 * Message IDs that no one can guess: a readable prefix, then 128 random bits. The server keeps a message ID for
 * the first sender to use it, so an ID another user could work out (a count, say) could be taken before the
 * user's own send and have it refused. `getRandomValues`, unlike `randomUUID`, also works outside secure contexts.
 */
export function randomIDs(prefix: string): () => string {
  return () => {
    let hex = '';
    for (const byte of globalThis.crypto.getRandomValues(new Uint8Array(16))) {
      hex += byte.toString(16).padStart(2, '0');
    }
    return `${prefix}-${hex}`;
  };
}
