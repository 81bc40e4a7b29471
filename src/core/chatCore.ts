import type { MessageCache } from './messageCache';
import type { Requester } from './requester';
import type { EventMap } from './types';

/**
 * The parts of a chat that its calls and its push sync share: who the user is, the message cache, the requests
 * and the events. `Chat` documents each call and hands it over with this, so that the class stays a readable
 * list of its API.
 */
export interface ChatCore {
  readonly userID: string;
  readonly cache: MessageCache;
  readonly requester: Requester;
  emit<K extends keyof EventMap>(name: K, data: EventMap[K]): void;
}
