import type { MessageLike } from '../core/index';
import type { TencentChatSDKLike, TencentMessageLike } from './tencentChatSDKLike';

/**
 * Knows which message objects are the SDK's own, so that only the others cost a `findMessage`. The SDK wants its
 * own objects back in its calls, and `findMessage` grows dearer with every call made to it; readby, for its part,
 * may hold plain copies (from another device, a cache, a server render). Objects the SDK handed out (created,
 * loaded, pushed) are remembered weakly, so that the SDK alone decides how long they live.
 *
 * @example
 * ```ts
 * const messages = new SdkMessages(tim);
 * messages.adopt(tim.createTextMessage(options));
 * await tim.sendMessageReadReceipt(list.map((message) => messages.own(message)));
 * ```
 */
export class SdkMessages {
  readonly #sdk: TencentChatSDKLike;
  readonly #own = new WeakSet<object>();

  constructor(sdk: TencentChatSDKLike) {
    this.#sdk = sdk;
  }

  /** Remembers a message, or each message of a list, as the SDK's own. */
  adopt(value: unknown): void {
    if (Array.isArray(value)) {
      for (const item of value) this.adopt(item);
    } else if (typeof value === 'object' && value !== null) {
      this.#own.add(value);
    }
  }

  /**
   * The SDK's own object for `message`: the message itself when the SDK handed it out, else what `findMessage`
   * finds, else `null`. Call it only while the SDK is ready: before, `findMessage` returns a rejected Promise.
   */
  find(message: MessageLike): TencentMessageLike | null {
    if (this.#own.has(message)) return message;
    const found: unknown = this.#sdk.findMessage(message.ID);
    if (isThenable(found)) {
      // The SDK stopped being ready a moment ago; the caller's own call will say so.
      found.then(undefined, () => {});
      return null;
    }
    if (typeof found !== 'object' || found === null) return null;
    this.#own.add(found);
    return found as TencentMessageLike;
  }

  /** The SDK's own object where it has one, else the message as given: the SDK reads what it needs from it. */
  own(message: MessageLike): TencentMessageLike {
    return this.find(message) ?? message;
  }
}

export function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function'
  );
}

/**
 * The SDK's messages as readby's: the SDK types `conversationType` and `type` as an enum of strings and numbers,
 * but its messages hold the strings readby knows.
 *
 * @example
 * ```ts
 * const list: MessageLike[] = asMessageLike(response.data.messageList);
 * ```
 */
export function asMessageLike(message: TencentMessageLike): MessageLike;
export function asMessageLike(messages: TencentMessageLike[]): MessageLike[];
export function asMessageLike(value: TencentMessageLike | TencentMessageLike[]): MessageLike | MessageLike[] {
  return value as MessageLike | MessageLike[];
}
