import { ERROR_CODE, type GroupType, TYPES } from 'readby';
import type { MockServerOptions } from 'readby/mock';
import { describe, expect, it } from 'vitest';
import { connect, createServer, draftText, load, range, rejection, sendToPeer, settle } from './helpers';

async function sendWithReceipts(type: GroupType, memberCount: number, options: MockServerOptions = {}) {
  const server = createServer(options);
  const members = ['alice', ...range(memberCount - 1)];
  server.createGroup({ groupID: 'g', type, memberList: members });
  const alice = connect(server, 'alice');
  const draft = draftText(alice, 'g', 'receipts?');
  const { data } = await alice.sendMessage(draft);
  return { server, alice, data, members };
}

describe('R8: where receipts exist', () => {
  it.each([TYPES.GRP_WORK, TYPES.GRP_PUBLIC, TYPES.GRP_MEETING])(
    'R8: %s groups have receipts by default',
    async (type) => {
      const { data } = await sendWithReceipts(type, 3);
      expect(data.message.needReadReceipt).toBe(true);
      expect(data.message.readReceiptInfo).toEqual({ readCount: 0, unreadCount: 2 });
      expect(Object.hasOwn(data, 'readReceiptCode')).toBe(false);
    },
  );

  it.each([TYPES.GRP_AVCHATROOM, TYPES.GRP_COMMUNITY])(
    'R8: a %s message asking for receipts is sent without them, with readReceiptCode 10059',
    async (type) => {
      const { server, alice, data } = await sendWithReceipts(type, 3);
      expect(data.readReceiptCode).toBe(ERROR_CODE.READ_RECEIPT_NOT_SUPPORTED);
      expect(data.readReceiptCode).toBe(10059);
      expect(data.message).toMatchObject({ status: 'success', needReadReceipt: false, sequence: 1 });
      expect(alice.findMessage(data.message.ID)!.needReadReceipt).toBe(false);
      expect(server.getReceiptTruth(data.message.ID)).toBeNull();

      const reader = connect(server, 'user001');
      const [received] = await load(reader, 'GROUPg');
      expect(received).toMatchObject({ ID: data.message.ID, needReadReceipt: false });
      expect((await rejection(reader.sendMessageReadReceipt([received!]))).code).toBe(
        ERROR_CODE.READ_RECEIPT_MSG_LIST_EMPTY,
      );
      const error = await rejection(
        alice.getGroupMessageReadMemberList({ message: data.message, filter: 1, cursor: '', count: 10 }),
      );
      expect(error.code).toBe(ERROR_CODE.READ_RECEIPT_NOT_FOUND);
    },
  );

  it('R8: a message that asks for no receipts gets no readReceiptCode, whatever the group', async () => {
    const server = createServer();
    server.createGroup({ groupID: 'live', type: TYPES.GRP_AVCHATROOM, memberList: ['alice', 'bob'] });
    const alice = connect(server, 'alice');
    const draft = draftText(alice, 'live', 'x', { needReadReceipt: false });
    const { data } = await alice.sendMessage(draft);
    expect(Object.hasOwn(data, 'readReceiptCode')).toBe(false);
  });

  it('R8: a group of 200 members, the sender included, has receipts', async () => {
    const { data } = await sendWithReceipts(TYPES.GRP_WORK, 200);
    expect(data.message.needReadReceipt).toBe(true);
    expect(data.message.readReceiptInfo).toEqual({ readCount: 0, unreadCount: 199 });
  });

  it('R8: a group of 201 members gets no receipts, with readReceiptCode 10059', async () => {
    const { server, data } = await sendWithReceipts(TYPES.GRP_WORK, 201);
    expect(data.readReceiptCode).toBe(ERROR_CODE.READ_RECEIPT_NOT_SUPPORTED);
    expect(data.message.needReadReceipt).toBe(false);
    expect(server.getReceiptTruth(data.message.ID)).toBeNull();
  });

  it('R8: raising maxReceiptGroupSize gives larger groups receipts', async () => {
    const { server, data, members } = await sendWithReceipts(TYPES.GRP_PUBLIC, 1000, {
      maxReceiptGroupSize: 1000,
    });
    expect(data.message.readReceiptInfo).toEqual({ readCount: 0, unreadCount: 999 });
    for (const reader of members.slice(1, 301)) {
      server.request(reader, 'sendMessageReadReceipt', { messageIDs: [data.message.ID] });
    }
    expect(server.getReceiptTruth(data.message.ID)).toMatchObject({ readCount: 300, unreadCount: 699 });
  });

  it('R8: readReceiptGroupTypes chooses the group types that have receipts', async () => {
    const options: MockServerOptions = { readReceiptGroupTypes: [TYPES.GRP_AVCHATROOM] };
    expect((await sendWithReceipts(TYPES.GRP_AVCHATROOM, 3, options)).data.message.needReadReceipt).toBe(
      true,
    );
    expect((await sendWithReceipts(TYPES.GRP_WORK, 3, options)).data.readReceiptCode).toBe(10059);
  });

  it('R8: a group that grows past the limit after the send keeps the receipts of that message', async () => {
    const { server, alice, data } = await sendWithReceipts(TYPES.GRP_WORK, 200);
    server.addGroupMembers('g', range(10, 'late'));
    server.request('user001', 'sendMessageReadReceipt', { messageIDs: [data.message.ID] });
    await settle();
    expect(alice.findMessage(data.message.ID)!.readReceiptInfo).toEqual({ readCount: 1, unreadCount: 198 });
    const next = draftText(alice, 'g', 'now too big');
    expect((await alice.sendMessage(next)).data.readReceiptCode).toBe(10059);
  });

  it('R8: one-to-one messages always have receipts', async () => {
    const alice = connect(createServer({ readReceiptGroupTypes: [] }), 'alice');
    const message = await sendToPeer(alice, 'bob', 'x');
    expect(message.needReadReceipt).toBe(true);
  });
});
