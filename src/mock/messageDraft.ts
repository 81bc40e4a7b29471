import {
  invalidParameter,
  type MessagePayload,
  type MessageType,
  TYPES,
  type WireDraft,
} from '../core/index';

/**
 * The most a message's content may hold: 12 KiB of UTF-8, counted over the text of a text message, or over `data`,
 * `description` and `extension` together for a custom one. The vendor's service caps a message at 12 KB; a server
 * that stored whatever it was given would let one member fill every recipient's memory.
 */
export const MAX_PAYLOAD_BYTES = 12 * 1024;

/**
 * A send request's message, checked field by field with the rules `createTextMessage` and `createCustomMessage`
 * apply on the client, and copied: the result shares no object with what the caller passed, and keeps no key the
 * rules do not name. Throws INVALID_PARAMETER naming the first field that is wrong.
 *
 * @example
 * ```ts
 * readMessageDraft({ ID: 'm1', type: 'TIMTextElem', payload: { text: 'hi' }, conversationType: 'C2C', to: 'bob' });
 * // → { ID: 'm1', type: 'TIMTextElem', payload: { text: 'hi' }, conversationType: 'C2C', to: 'bob', needReadReceipt: false }
 * ```
 */
export function readMessageDraft(draft: unknown): WireDraft {
  const message = objectOf(draft, 'message', 'a message');
  const ID = nonEmptyString(message.ID, 'message.ID');
  const type = message.type;
  if (type !== TYPES.MSG_TEXT && type !== TYPES.MSG_CUSTOM) {
    throw invalidParameter('message.type', `'${TYPES.MSG_TEXT}' or '${TYPES.MSG_CUSTOM}'`);
  }
  const conversationType = message.conversationType;
  if (conversationType !== TYPES.CONV_C2C && conversationType !== TYPES.CONV_GROUP) {
    throw invalidParameter('message.conversationType', `'${TYPES.CONV_C2C}' or '${TYPES.CONV_GROUP}'`);
  }
  const to = nonEmptyString(message.to, 'message.to');
  // Absent reads as false, as `createTextMessage` reads a missing `needReadReceipt`.
  const needReadReceipt = message.needReadReceipt ?? false;
  if (typeof needReadReceipt !== 'boolean') throw invalidParameter('message.needReadReceipt', 'a boolean');
  const payload = readPayload(type, objectOf(message.payload, 'message.payload', 'an object'));
  return { ID, type, payload, conversationType, to, needReadReceipt };
}

function readPayload(type: MessageType, payload: Record<string, unknown>): MessagePayload {
  if (type === TYPES.MSG_TEXT) {
    const text = nonEmptyString(payload.text, 'message.payload.text');
    const bytes = utf8Length(text);
    if (bytes > MAX_PAYLOAD_BYTES) {
      throw invalidParameter(
        'message.payload.text',
        `at most ${MAX_PAYLOAD_BYTES} bytes of UTF-8, got ${bytes}`,
      );
    }
    return { text };
  }
  // `data` is required and may be empty; the other two are kept only when given, as `createCustomMessage` does.
  const custom: Record<string, string> = {};
  let bytes = 0;
  for (const key of ['data', 'description', 'extension'] as const) {
    const value = payload[key];
    if (value === undefined && key !== 'data') continue;
    if (typeof value !== 'string') throw invalidParameter(`message.payload.${key}`, 'a string');
    custom[key] = value;
    bytes += utf8Length(value);
  }
  if (bytes > MAX_PAYLOAD_BYTES) {
    throw invalidParameter(
      'message.payload',
      `at most ${MAX_PAYLOAD_BYTES} bytes of UTF-8 in data, description and extension together, got ${bytes}`,
    );
  }
  return custom;
}

/**
 * The length of `text` in UTF-8, as `new TextEncoder().encode(text).length` gives it (a lone surrogate counts as
 * the 3 bytes of U+FFFD), without making the bytes.
 */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

function objectOf(value: unknown, name: string, expected: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalidParameter(name, expected);
  return value as Record<string, unknown>;
}

function nonEmptyString(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') throw invalidParameter(name, 'a non-empty string');
  return value;
}
