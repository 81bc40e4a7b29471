// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import ReadBy from 'readby';
import { createMockServer } from 'readby/mock';
import { ReadByProvider, ReaderList } from 'readby/react';
import { afterEach, expect, it } from 'vitest';

afterEach(cleanup);

const names: Record<string, string> = { ann: 'Ann Archer', bo: 'Bo Bell', cy: 'Cy Cole' };

it('lists who has read my message, in the order they read, and who has not', async () => {
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
  server.request('bo', 'sendMessageReadReceipt', { messageIDs: [data.message.ID] });
  server.request('ann', 'sendMessageReadReceipt', { messageIDs: [data.message.ID] });

  render(
    <ReadByProvider chat={me} resolveUser={(userID) => ({ userID, name: names[userID] })}>
      <ReaderList message={data.message} filter="read" />
      <ReaderList message={data.message} filter="unread" />
    </ReadByProvider>,
  );

  // Rows are named after the member; aria-posinset is the place in the list: bo read first.
  const read = await screen.findByRole('feed', { name: 'Members who have read' });
  const bo = await within(read).findByRole('article', { name: 'Bo Bell' });
  expect(bo.getAttribute('aria-posinset')).toBe('1');
  expect(within(read).getByRole('article', { name: 'Ann Archer' }).getAttribute('aria-posinset')).toBe('2');

  const unread = await screen.findByRole('feed', { name: 'Members who have not read' });
  const cy = await within(unread).findByRole('article', { name: 'Cy Cole' });
  expect(cy.getAttribute('aria-posinset')).toBe('1');
  expect(within(unread).getAllByRole('article')).toHaveLength(1);
  me.destroy();
});
