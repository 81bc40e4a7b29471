import { type ChatOptions, readChatOptions } from './chatOptions';
import { reportUncaught } from './emitter';
import type { ReadByError } from './errors';
import { MessageCache } from './messageCache';
import { randomIDs } from './messageDraft';
import { Requester } from './requester';
import type { EventMap } from './types';
import { createWireCheck, type WireCheck } from './wireCheck';

/**
 * The parts of a chat that its calls and its push sync share: who the user is, the message cache, the requests,
 * the wire check and the events. `Chat` documents each call and hands it over with this, so that the class stays
 * a readable list of its API.
 */
export interface ChatCore {
  readonly userID: string;
  readonly cache: MessageCache;
  readonly requester: Requester;
  readonly wire: WireCheck;
  /** The ID of a new message. */
  nextID(): string;
  /** Reports what no caller hears of: a refused push or connection state, a refused answer to a resync. */
  report(error: ReadByError): void;
  emit<K extends keyof EventMap>(name: K, data: EventMap[K]): void;
}

/** The core of a chat made with `options` (throws INVALID_PARAMETER for bad ones) that emits through `emit`. */
export function createChatCore(options: ChatOptions, emit: ChatCore['emit']): ChatCore {
  const { transport, userID, requestTimeoutMs, messageCacheSize, onError } = readChatOptions(options);
  const cache = new MessageCache(userID, messageCacheSize);
  const wire = createWireCheck(userID, (ID) => cache.peek(ID));
  return {
    userID,
    cache,
    requester: new Requester(transport, requestTimeoutMs, wire),
    wire,
    nextID: randomIDs(transport.clientID ?? userID),
    report: (error) => {
      // Whatever the app's handler does, nothing is thrown back into the transport.
      try {
        onError(error);
      } catch (thrown) {
        reportUncaught(thrown);
      }
    },
    emit,
  };
}
