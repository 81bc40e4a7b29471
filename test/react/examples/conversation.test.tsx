// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import ReadBy from 'readby';
import { createMockServer } from 'readby/mock';
import { ReadByBadge, ReadByProvider, useMessageList } from 'readby/react';
import { afterEach, expect, it } from 'vitest';

afterEach(cleanup);

// Stands in for your own component: a conversation, with a badge on each message.
function Conversation() {
  const { messages } = useMessageList('GROUPteam');
  return (
    <ul>
      {messages.map((message) => (
        <li key={message.ID}>
          {message.payload.text} <ReadByBadge message={message} showTotal />
        </li>
      ))}
    </ul>
  );
}

it('shows how many have read my message, and follows as they read', async () => {
  const server = createMockServer();
  server.createGroup({ groupID: 'team', type: 'Private', memberList: ['me', 'ann', 'bo', 'cy'] });
  const me = ReadBy.create({ transport: server.connect('me') });
  const { data } = await me.sendMessage(
    me.createTextMessage({
      to: 'team',
      conversationType: 'GROUP',
      payload: { text: 'Ship it?' },
      needReadReceipt: true,
    }),
  );

  render(
    <ReadByProvider chat={me}>
      <Conversation />
    </ReadByProvider>,
  );
  const badge = await screen.findByRole('img', { name: 'Read by 0 of 3 members' });
  expect(badge.textContent).toBe('Unread');

  // ann and bo read it, on their own devices.
  server.request('ann', 'sendMessageReadReceipt', { messageIDs: [data.message.ID] });
  server.request('bo', 'sendMessageReadReceipt', { messageIDs: [data.message.ID] });
  const updated = await screen.findByRole('img', { name: 'Read by 2 of 3 members' });
  expect(updated.textContent).toBe('Read by 2 of 3');
  me.destroy();
});
