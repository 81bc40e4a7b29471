import { useCallback } from 'react';
import type { ChatResponse, ConversationType, SendMessageResult } from '../../core/index';
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
        return await chat.sendMessage(message);
      } finally {
        // Sent or failed, the chat now holds the message's latest snapshot; a chat destroyed meanwhile made none.
        const latest = chat.findMessage(message.ID);
        if (latest !== message && latest) messageStore.put(latest);
      }
    },
    [chat],
  );
}
