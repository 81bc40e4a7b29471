import { useCallback } from 'react';
import type { ChatResponse, ConversationType, Message, SendMessageResult } from '../../core/index';
import { ReadByError } from '../../core/index';
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
 * failed.
 *
 * @example
 * ```tsx
 * const send = useSendMessage();
 * await send({ to: 'team', conversationType: 'GROUP', text: 'Ship it?', needReadReceipt: true });
 * ```
 */
export function useSendMessage(): (options: SendTextOptions) => Promise<ChatResponse<SendMessageResult>> {
  const { chat } = useReadByContext('useSendMessage');
  return useCallback(
    async ({ to, conversationType, text, needReadReceipt }: SendTextOptions) => {
      const messageStore = getMessageStore(chat);
      const message = chat.createTextMessage({ to, conversationType, payload: { text }, needReadReceipt });
      messageStore.put(message);
      try {
        const response = await chat.sendMessage(message);
        messageStore.put(response.data.message);
        return response;
      } catch (error) {
        const failed =
          error instanceof ReadByError
            ? (error.data as { message?: Message } | undefined)?.message
            : undefined;
        if (failed) messageStore.put(failed);
        throw error;
      }
    },
    [chat],
  );
}
