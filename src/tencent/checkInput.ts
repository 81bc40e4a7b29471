import {
  invalidParameter,
  requireConversationID,
  requireConversationType,
  requireObject,
  requireString,
} from '../core/index';
import type { TencentTextMessageOptions } from './tencentChatSDKLike';

/**
 * Checks of what readby hands the adapter, built on the engine's own, so that a call refused by readby's `Chat`
 * is refused here with the same error. The SDK is lenient where readby is strict (it reads filter 2 as 0 and
 * count 0 as 100), and it throws synchronously for some bad input (`sendMessageReadReceipt([])`): each check
 * throws the INVALID_PARAMETER error that names the parameter, which the adapter's async methods turn into a
 * rejection before the SDK sees anything.
 */

/**
 * The options of `createTextMessage`, copied so that the SDK gets exactly these fields.
 *
 * @example
 * ```ts
 * tim.createTextMessage(checkTextMessageOptions({ to: 'team', conversationType: 'GROUP', payload: { text } }));
 * ```
 */
export function checkTextMessageOptions(options: unknown): TencentTextMessageOptions {
  const checked = requireObject(options, 'options');
  const to = requireString(checked.to, 'options.to');
  const conversationType = requireConversationType(checked.conversationType, 'options.conversationType');
  const payload = requireObject(checked.payload, 'options.payload');
  if (typeof payload.text !== 'string') throw invalidParameter('options.payload.text', 'a string');
  const needReadReceipt = checked.needReadReceipt;
  if (needReadReceipt !== undefined && typeof needReadReceipt !== 'boolean') {
    throw invalidParameter('options.needReadReceipt', 'a boolean');
  }
  const result: TencentTextMessageOptions = { to, conversationType, payload: { text: payload.text } };
  if (needReadReceipt !== undefined) result.needReadReceipt = needReadReceipt;
  return result;
}

/**
 * The options of `getMessageList`.
 *
 * @example
 * ```ts
 * tim.getMessageList(checkMessageListOptions({ conversationID: 'GROUPteam' }));
 * ```
 */
export function checkMessageListOptions(options: unknown): {
  conversationID: string;
  nextReqMessageID?: string;
} {
  const checked = requireObject(options, 'options');
  const conversationID = requireConversationID(checked.conversationID, 'options.conversationID');
  const next = checked.nextReqMessageID;
  if (next === undefined || next === '') return { conversationID };
  return { conversationID, nextReqMessageID: requireString(next, 'options.nextReqMessageID') };
}
