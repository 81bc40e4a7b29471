// @vitest-environment node

import { renderToString } from 'react-dom/server';
import ReadBy, { type Message, TYPES } from 'readby';
import { createMockServer } from 'readby/mock';
import { ReadByProvider, useReadReceipt, useReadReceiptTracker } from 'readby/react';
import { describe, expect, it, vi } from 'vitest';

function Bubble({ message }: { message: Message }) {
  const track = useReadReceiptTracker();
  const { status, readCount, total, isLoading } = useReadReceipt(message);
  return (
    <li ref={track(message)} data-status={status} aria-busy={isLoading}>
      {message.payload.text}: read by {readCount} of {total}
    </li>
  );
}

describe('§3 server-side rendering', () => {
  it('runs without a DOM', () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
  });

  it('renders a provider, useReadReceipt and useReadReceiptTracker to a string', async () => {
    const server = createMockServer({ seed: 1 });
    server.createGroup({
      groupID: 'team',
      type: TYPES.GRP_WORK,
      memberList: ['alice', 'bob', 'carol', 'dave'],
    });
    const chat = ReadBy.create({ transport: server.connect('alice') });
    const draft = chat.createTextMessage({
      to: 'team',
      conversationType: TYPES.CONV_GROUP,
      payload: { text: 'Ship it?' },
      needReadReceipt: true,
    });
    const { message } = (await chat.sendMessage(draft)).data;
    server.request('bob', 'sendMessageReadReceipt', { messageIDs: [message.ID] });
    // Let the push arrive: the page shows the snapshot it is given, as a server would load it.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const latest = chat.findMessage(message.ID)!;

    const html = renderToString(
      <ReadByProvider chat={chat}>
        <ul>
          <Bubble message={latest} />
        </ul>
      </ReadByProvider>,
    );
    expect(html).toBe(
      '<ul><li data-status="partial" aria-busy="false">Ship it?<!-- -->: read by <!-- -->1<!-- --> of <!-- -->3</li></ul>',
    );
    chat.destroy();
  });

  it('renders a message whose counts are not known yet as loading, asking for nothing', async () => {
    const server = createMockServer({ seed: 1 });
    server.createGroup({ groupID: 'team', type: TYPES.GRP_WORK, memberList: ['alice', 'bob'] });
    server.postMessage({
      from: 'alice',
      to: 'team',
      conversationType: 'GROUP',
      text: 'hi',
      needReadReceipt: true,
    });
    const chat = ReadBy.create({ transport: server.connect('alice') });
    const [message] = (await chat.getMessageList({ conversationID: 'GROUPteam' })).data.messageList;
    const pull = vi.spyOn(chat, 'getMessageReadReceiptList');

    const html = renderToString(
      <ReadByProvider chat={chat}>
        <Bubble message={message!} />
      </ReadByProvider>,
    );
    expect(html).toBe('<li data-status="unread" aria-busy="true">hi<!-- -->: read by <!-- --> of </li>');
    await new Promise((resolve) => setTimeout(resolve, 10));
    // Effects do not run on the server, so counts are asked for only once the page is hydrated.
    expect(pull).not.toHaveBeenCalled();
    pull.mockRestore();
    chat.destroy();
  });
});
