import { useCallback } from 'react';
import {
  type ChatLikeResponse,
  type ConversationType,
  invalidParameter,
  type Message,
  type MessageLike,
} from '../../core/index';
import { getMessageStore } from '../messageStore';
import { useReadByContext } from '../ReadByProvider';

export interface SendTextOptions {
  to: string;
  conversationType: ConversationType;
  text: string;
  needReadReceipt?: boolean;
}

/**
 * Sends a text message and shows it at once in {@link useMessageList}: first as `'unSend'`, then as sent or
 * failed. `M` is the message type of your client, as for {@link useMessageList}.
 *
 * @example
 * ```tsx
 * const send = useSendMessage();
 * await send({ to: 'team', conversationType: 'GROUP', text: 'Ship it?', needReadReceipt: true });
 * ```
 */
export function useSendMessage<M extends MessageLike = Message>(): (
  options: SendTextOptions,
) => Promise<ChatLikeResponse<{ message: M }>> {
  const { chat } = useReadByContext('useSendMessage');
  return useCallback(
    async ({ to, conversationType, text, needReadReceipt }: SendTextOptions) => {
      // Checked here, so that every client refuses what readby's engine refuses, before anything shows.
      if (typeof text !== 'string' || text === '') throw invalidParameter('text', 'a non-empty string');
      const messageStore = getMessageStore(chat);
      const message = chat.createTextMessage({ to, conversationType, payload: { text }, needReadReceipt });
      messageStore.put(message);
      let response: ChatLikeResponse<{ message: MessageLike }>;
      try {
        response = await chat.sendMessage(message);
      } catch (error) {
        // readby's engine hands back the failed snapshot; a client that changes messages in place, the same one.
        const failed = (error as { data?: { message?: MessageLike } } | null)?.data?.message;
        if (failed?.ID === message.ID) messageStore.put(failed);
        else if (message.status === 'fail') messageStore.put(message);
        throw error;
      }
      messageStore.put(response.data.message);
      return response as ChatLikeResponse<{ message: M }>;
    },
    [chat],
  );
}
