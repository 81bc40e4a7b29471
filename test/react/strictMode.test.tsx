import { render, screen } from '@testing-library/react';
import { useState } from 'react';
import { EVENT, type Message } from 'readby';
import {
  useChat,
  useChatEvent,
  useGroupReadMembers,
  useMessageList,
  useReadReceipt,
  useReadReceiptTracker,
} from 'readby/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { installIntersectionObserver, scroll } from './fakeIntersectionObserver';
import { advance, connect, nextFrame, post, providerOf, readBy, teamServer, textOf } from './helpers';

function Badge({ message }: { message: Message }) {
  const { status, readCount, total } = useReadReceipt(message);
  return (
    <small>
      {status} {readCount ?? '-'}/{total ?? '-'}
    </small>
  );
}

function Readers({ message }: { message: Message }) {
  const { userIDs } = useGroupReadMembers({ message, filter: 'read', pageSize: 2 });
  return <p>read by: {userIDs.join(', ')}</p>;
}

function ChatScreen() {
  const chat = useChat();
  const { messages } = useMessageList('GROUPteam');
  const track = useReadReceiptTracker({ isPageActive: () => true });
  const [arrivals, setArrivals] = useState(0);
  useChatEvent(EVENT.MESSAGE_RECEIVED, ({ data }) => setArrivals((n) => n + data.length));
  const first = messages.find((message) => message.from === chat.getLoginUser());
  return (
    <>
      <output>{arrivals} new</output>
      <ul>
        {messages.map((message) => (
          <li key={message.ID} ref={track(message)}>
            {textOf(message)} {message.from === chat.getLoginUser() && <Badge message={message} />}
          </li>
        ))}
      </ul>
      {first && <Readers message={first} />}
    </>
  );
}

beforeEach(() => {
  vi.useFakeTimers();
  installIntersectionObserver();
});

describe('§3 the React layer in <StrictMode>', () => {
  it('fetches counts once, sends each receipt once, and stays live', async () => {
    const server = teamServer();
    const [own] = post(server, 'alice', 'team', 2, { prefix: 'mine' });
    post(server, 'bob', 'team', 2, { prefix: 'bob' });
    readBy(server, 'carol', own!);
    const chat = connect(server, 'alice');
    const pull = vi.spyOn(chat, 'getMessageReadReceiptList');
    const sent = vi.spyOn(chat, 'sendMessageReadReceipt');
    const list = vi.spyOn(chat, 'getMessageList');

    render(<ChatScreen />, { wrapper: providerOf(chat), reactStrictMode: true });
    await advance();
    await advance(1);
    expect(list).toHaveBeenCalledTimes(1);
    expect(pull).toHaveBeenCalledTimes(1);
    expect(pull.mock.calls[0]![0].map(textOf)).toEqual(['mine 1', 'mine 2']);
    expect(screen.getByText('mine 1').textContent).toBe('mine 1 partial 1/3');
    expect(screen.getByText('mine 2').textContent).toBe('mine 2 unread 0/3');
    expect(screen.getByText(/^read by:/).textContent).toBe('read by: carol');

    scroll(...screen.getAllByRole('listitem').map((element): [Element, number] => [element, 1]));
    await advance(800);
    expect(sent).toHaveBeenCalledTimes(1);
    expect(sent.mock.calls[0]![0].map(textOf)).toEqual(['bob 1', 'bob 2']);
    await advance();
    expect(server.getReceiptTruth(sent.mock.calls[0]![0][0]!.ID)?.readUserIDList).toEqual(['alice']);

    readBy(server, 'dave', own!);
    server.postMessage({ from: 'dave', to: 'team', conversationType: 'GROUP', text: 'done' });
    await nextFrame();
    await advance(250);
    await advance(1);
    expect(screen.getByText('mine 1').textContent).toBe('mine 1 partial 2/3');
    expect(screen.getByText('1 new')).toBeInTheDocument();
    expect(screen.getByText('done')).toBeInTheDocument();
    expect(screen.getByText(/^read by:/).textContent).toBe('read by: carol, dave');
  });
});
