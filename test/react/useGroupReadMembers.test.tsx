import { act, renderHook } from '@testing-library/react';
import { type Chat, ERROR_CODE, type Message, ReadByError } from 'readby';
import type { MockServer } from 'readby/mock';
import { type GroupReadMembers, useGroupReadMembers } from 'readby/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { advance, connect, nextFrame, providerOf, readBy, send, teamServer } from './helpers';

const MEMBERS = ['alice', 'bob', 'carol', 'dave', 'erin', 'frank', 'grace', 'heidi'];
const RECIPIENTS = MEMBERS.slice(1);
/** Receipts close together refresh the lists once, this long after the first. */
const REFRESH_DELAY_MS = 250;

beforeEach(() => {
  vi.useFakeTimers();
});

function renderLists(chat: Chat, message: Message, pageSize: number) {
  return renderHook(
    () => ({
      read: useGroupReadMembers({ message, filter: 'read', pageSize }),
      unread: useGroupReadMembers({ message, filter: 'unread', pageSize }),
    }),
    { wrapper: providerOf(chat) },
  );
}

/** Loads every page of a list. */
async function loadAll(list: () => GroupReadMembers): Promise<void> {
  while (list().hasNextPage) {
    act(() => list().fetchNextPage());
    await advance();
  }
}

/** Lets the pushes, the frame that publishes them, the refresh delay after it and the refetches all happen. */
async function settleReceipts(): Promise<void> {
  await nextFrame();
  await advance(REFRESH_DELAY_MS);
  await advance(16);
}

async function setUp(pageSize: number, earlyReaders: string[] = []) {
  const server = teamServer(MEMBERS);
  const chat = connect(server, 'alice');
  const message = await send(chat, 'team', 'Ship it?');
  for (const reader of earlyReaders) readBy(server, reader, message.ID);
  await advance();
  const view = renderLists(chat, message, pageSize);
  await nextFrame();
  return { server, chat, message, ...view };
}

function expectNoDuplicatesAndNoGaps(
  server: MockServer,
  message: Message,
  { read, unread }: { read: GroupReadMembers; unread: GroupReadMembers },
) {
  const truth = server.getReceiptTruth(message.ID)!;
  expect(read.userIDs).toEqual(truth.readUserIDList);
  expect(new Set([...read.userIDs, ...unread.userIDs]).size).toBe(RECIPIENTS.length);
  expect([...read.userIDs, ...unread.userIDs].sort()).toEqual([...RECIPIENTS].sort());
  expect(read.userIDs).toHaveLength(read.total!);
  expect(unread.userIDs).toHaveLength(unread.total!);
}

describe('§3 useGroupReadMembers (R7)', () => {
  it('pages through readers and non-readers with a page size smaller than the group', async () => {
    const { result } = await setUp(3, ['carol', 'bob']);
    expect(result.current.read).toMatchObject({
      userIDs: ['carol', 'bob'],
      total: 2,
      hasNextPage: false,
      isLoading: false,
      error: null,
    });
    expect(result.current.unread).toMatchObject({
      userIDs: ['dave', 'erin', 'frank'],
      total: 5,
      hasNextPage: true,
      isLoading: false,
    });

    act(() => result.current.unread.fetchNextPage());
    await advance();
    expect(result.current.unread).toMatchObject({
      userIDs: ['dave', 'erin', 'frank', 'grace', 'heidi'],
      hasNextPage: false,
      isFetchingNextPage: false,
    });
  });

  it('asks the server for pages of pageSize, following its cursor', async () => {
    const server = teamServer(MEMBERS);
    const chat = connect(server, 'alice');
    const message = await send(chat, 'team', 'Ship it?');
    const list = vi.spyOn(chat, 'getGroupMessageReadMemberList');
    const { result } = renderHook(() => useGroupReadMembers({ message, filter: 'unread', pageSize: 4 }), {
      wrapper: providerOf(chat),
    });
    await advance();
    await loadAll(() => result.current);
    expect(
      list.mock.calls.map(([options]) => [options.filter, options.count, options.cursor === '']),
    ).toEqual([
      [1, 4, true],
      [1, 4, false],
    ]);
    expect(result.current.userIDs).toEqual(RECIPIENTS);
  });

  it('asks for the next page once, however often fetchNextPage is called before it arrives', async () => {
    const { chat, result } = await setUp(3);
    const list = vi.spyOn(chat, 'getGroupMessageReadMemberList');
    act(() => result.current.unread.fetchNextPage());
    act(() => result.current.unread.fetchNextPage());
    act(() => result.current.unread.fetchNextPage());
    await advance();
    expect(list).toHaveBeenCalledTimes(1);
    expect(result.current.unread.userIDs).toEqual(RECIPIENTS.slice(0, 6));
  });

  it('moves new readers to the end of the read list and out of the unread list', async () => {
    const { server, message, result } = await setUp(3, ['carol', 'bob']);
    await loadAll(() => result.current.unread);

    readBy(server, 'erin', message.ID);
    readBy(server, 'dave', message.ID);
    await settleReceipts();
    await loadAll(() => result.current.read);
    await loadAll(() => result.current.unread);

    expect(result.current.read.userIDs).toEqual(['carol', 'bob', 'erin', 'dave']);
    expect(result.current.read.total).toBe(4);
    expect(result.current.unread.userIDs).toEqual(['frank', 'grace', 'heidi']);
    expect(result.current.unread.total).toBe(3);
    expectNoDuplicatesAndNoGaps(server, message, result.current);
  });

  it('never shows a member twice nor leaves one out while everyone reads, one receipt at a time', async () => {
    const { server, message, result } = await setUp(3);
    await loadAll(() => result.current.unread);
    expect(result.current.unread.userIDs).toEqual(RECIPIENTS);

    for (const reader of ['grace', 'bob', 'heidi', 'erin', 'carol', 'frank', 'dave']) {
      readBy(server, reader, message.ID);
      await settleReceipts();
      await loadAll(() => result.current.read);
      await loadAll(() => result.current.unread);
      expectNoDuplicatesAndNoGaps(server, message, result.current);
    }
    expect(result.current.read.userIDs).toEqual(['grace', 'bob', 'heidi', 'erin', 'carol', 'frank', 'dave']);
    expect(result.current.unread.userIDs).toEqual([]);
    expect(result.current.unread.total).toBe(0);
  });

  it('refreshes once for receipts that arrive close together', async () => {
    const { server, chat, message, result } = await setUp(3);
    await loadAll(() => result.current.unread);
    const list = vi.spyOn(chat, 'getGroupMessageReadMemberList');

    for (const reader of ['bob', 'carol', 'dave']) {
      readBy(server, reader, message.ID);
      await advance(50);
    }
    expect(list).not.toHaveBeenCalled();
    await advance(REFRESH_DELAY_MS);
    // Each list refetches the pages it had loaded, from the first, and stops where the list now ends: read had
    // one page, unread had three, of which two now hold the four members left.
    expect(list.mock.calls.map(([options]) => [options.filter, options.cursor === ''])).toEqual([
      [0, true],
      [1, true],
      [1, false],
    ]);
    expect(result.current.read.userIDs).toEqual(['bob', 'carol', 'dave']);
    expect(result.current.unread.userIDs).toEqual(['erin', 'frank', 'grace', 'heidi']);
  });

  it('ignores receipts for other messages', async () => {
    const { server, chat, message, result } = await setUp(3);
    const other = await send(chat, 'team', 'Anyone?');
    const list = vi.spyOn(chat, 'getGroupMessageReadMemberList');
    readBy(server, 'bob', other.ID);
    await settleReceipts();
    expect(list).not.toHaveBeenCalled();
    expect(result.current.read.userIDs).toEqual([]);
    expect(message.ID).not.toBe(other.ID);
  });

  it('shows a refusal by the server at once, without retrying it (READ_RECEIPT_NOT_FOUND)', async () => {
    const server = teamServer(MEMBERS);
    const chat = connect(server, 'alice');
    const message = await send(chat, 'team', 'no receipts', { needReadReceipt: false });
    const list = vi.spyOn(chat, 'getGroupMessageReadMemberList');
    const { result } = renderHook(() => useGroupReadMembers({ message, filter: 'read' }), {
      wrapper: providerOf(chat),
    });
    await advance();
    expect(list).toHaveBeenCalledTimes(1);
    expect(result.current.error?.code).toBe(ERROR_CODE.READ_RECEIPT_NOT_FOUND);
    expect(result.current.isLoading).toBe(false);
    expect(result.current.userIDs).toEqual([]);
  });

  it('retries a page the network lost, after a second', async () => {
    const server = teamServer(MEMBERS);
    const chat = connect(server, 'alice');
    const message = await send(chat, 'team', 'Ship it?');
    readBy(server, 'bob', message.ID);
    const list = vi
      .spyOn(chat, 'getGroupMessageReadMemberList')
      .mockRejectedValueOnce(new ReadByError(ERROR_CODE.NETWORK_ERROR, 'network error: offline'));
    const { result } = renderHook(() => useGroupReadMembers({ message, filter: 'read' }), {
      wrapper: providerOf(chat),
    });
    await advance(999);
    expect(list).toHaveBeenCalledTimes(1);
    expect(result.current.isLoading).toBe(true);
    await advance(1);
    expect(list).toHaveBeenCalledTimes(2);
    // The page is passed on by a timer that the retry's own timer starts; a timer started inside another runs a
    // millisecond later.
    await advance(1);
    expect(result.current.userIDs).toEqual(['bob']);
    expect(result.current.error).toBeNull();
  });

  it('refetch asks again after an error', async () => {
    const server = teamServer(MEMBERS);
    const chat = connect(server, 'alice');
    const message = await send(chat, 'team', 'Ship it?');
    const list = vi
      .spyOn(chat, 'getGroupMessageReadMemberList')
      .mockRejectedValueOnce(new ReadByError(ERROR_CODE.PERMISSION_DENIED, 'not now'));
    const { result } = renderHook(() => useGroupReadMembers({ message, filter: 'unread' }), {
      wrapper: providerOf(chat),
    });
    await advance();
    expect(result.current.error?.code).toBe(ERROR_CODE.PERMISSION_DENIED);
    act(() => result.current.refetch());
    await advance();
    expect(list).toHaveBeenCalledTimes(2);
    expect(result.current.error).toBeNull();
    expect(result.current.userIDs).toEqual(RECIPIENTS);
  });

  it('stays idle while not enabled', async () => {
    const server = teamServer(MEMBERS);
    const chat = connect(server, 'alice');
    const message = await send(chat, 'team', 'Ship it?');
    const list = vi.spyOn(chat, 'getGroupMessageReadMemberList');
    const { result } = renderHook(() => useGroupReadMembers({ message, filter: 'read', enabled: false }), {
      wrapper: providerOf(chat),
    });
    await advance(1_000);
    expect(list).not.toHaveBeenCalled();
    expect(result.current.userIDs).toEqual([]);
    expect(result.current.total).toBe(0);
  });
});
