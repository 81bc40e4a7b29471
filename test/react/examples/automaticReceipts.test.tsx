// @vitest-environment jsdom
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import ReadBy from 'readby';
import { createMockServer } from 'readby/mock';
import { ReadByProvider, useMessageList, useReadReceiptTracker } from 'readby/react';
import { type IntersectionObserverControl, installIntersectionObserver, setPageActive } from 'readby/testing';
import { afterEach, beforeEach, expect, it } from 'vitest';

// jsdom lays nothing out and its page never has focus: the test says what is on screen, and that you are looking.
let screenObserver: IntersectionObserverControl;
let restorePage: () => void;

beforeEach(() => {
  screenObserver = installIntersectionObserver();
  restorePage = setPageActive(true);
});

afterEach(() => {
  cleanup();
  screenObserver.uninstall();
  restorePage();
});

// Stands in for your own component: the messages you receive, each tracked so that seeing it sends a receipt.
function Inbox() {
  const { messages } = useMessageList('GROUPteam');
  const track = useReadReceiptTracker();
  return (
    <ul>
      {messages.map((message) => (
        <li key={message.ID} ref={track(message)}>
          {message.payload.text}
        </li>
      ))}
    </ul>
  );
}

it('sends a read receipt for the message I have seen, and none for the one I have not', async () => {
  const server = createMockServer();
  server.createGroup({ groupID: 'team', type: 'Private', memberList: ['ann', 'me', 'bo'] });
  const seen = server.postMessage({
    from: 'ann',
    to: 'team',
    conversationType: 'GROUP',
    text: 'Ship it?',
    needReadReceipt: true,
  });
  const unseen = server.postMessage({
    from: 'ann',
    to: 'team',
    conversationType: 'GROUP',
    text: 'Lunch?',
    needReadReceipt: true,
  });
  const me = ReadBy.create({ transport: server.connect('me') });

  render(
    <ReadByProvider chat={me}>
      <Inbox />
    </ReadByProvider>,
  );
  screenObserver.show(await screen.findByText('Ship it?'));

  // Half a second on screen, then the receipt goes out with any others due.
  await waitFor(() => expect(server.getReceiptTruth(seen.ID)?.readUserIDList).toEqual(['me']), {
    timeout: 2000,
  });
  expect(server.getReceiptTruth(unseen.ID)?.readUserIDList).toEqual([]);
  me.destroy();
});
