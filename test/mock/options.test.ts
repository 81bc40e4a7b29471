import { ERROR_CODE, type GroupType, TYPES } from 'readby';
import { createMockServer, type MockServerOptions } from 'readby/mock';
import { describe, expect, it } from 'vitest';
import { thrownBy } from './support';

const LATENCY = 'a number of ms ≥ 0, or [min, max]: whole numbers of ms with 0 ≤ min ≤ max';

describe('server and connection options are checked (§1.6, docs/rules.md §2)', () => {
  it.each([
    ['options', 'fast', 'options: expected an object'],
    ['seed', { seed: 'one' }, 'options.seed: expected a whole number'],
    ['latencyMs', { latencyMs: -1 }, `options.latencyMs: expected ${LATENCY}`],
    ['latencyMs range', { latencyMs: [100, 10] }, `options.latencyMs: expected ${LATENCY}`],
    [
      'readReceiptGroupTypes',
      { readReceiptGroupTypes: ['Work'] },
      'options.readReceiptGroupTypes: expected an array of Private, Public, ChatRoom, AVChatRoom, Community',
    ],
    [
      'maxReceiptGroupSize',
      { maxReceiptGroupSize: '200' },
      'options.maxReceiptGroupSize: expected a number ≥ 0',
    ],
    [
      'memberListAccess',
      { memberListAccess: 'all' },
      "options.memberListAccess: expected 'sender' or 'members'",
    ],
    ['now', { now: 0 }, 'options.now: expected a function'],
  ])('createMockServer refuses a bad %s with INVALID_PARAMETER naming it', (_, options, message) => {
    expect(thrownBy(() => createMockServer(options as MockServerOptions))).toMatchObject({
      code: ERROR_CODE.INVALID_PARAMETER,
      message,
    });
  });

  it.each([
    ['options', null, 'options: expected an object'],
    ['latencyMs', { latencyMs: '50' }, `options.latencyMs: expected ${LATENCY}`],
    ['latencyMs range', { latencyMs: [10] }, `options.latencyMs: expected ${LATENCY}`],
    ['dropRate', { dropRate: 2 }, 'options.dropRate: expected a number from 0 to 1'],
    ['duplicateRate', { duplicateRate: 'often' }, 'options.duplicateRate: expected a number from 0 to 1'],
    ['reorder', { reorder: 'yes' }, 'options.reorder: expected a boolean or a number of ms ≥ 0'],
    ['heartbeatMs', { heartbeatMs: -5 }, 'options.heartbeatMs: expected a number of ms ≥ 0'],
  ])(
    'connect refuses a bad %s with INVALID_PARAMETER naming it, and names no new user',
    (_, options, message) => {
      const server = createMockServer({ seed: 1 });
      expect(thrownBy(() => server.connect('dana', options as never))).toMatchObject({
        code: ERROR_CODE.INVALID_PARAMETER,
        message,
      });
      expect(server.getUserList()).toEqual([]);
    },
  );

  it('R8: the group types given are copied: changing the array later changes which groups have receipts not at all', () => {
    const types: GroupType[] = [TYPES.GRP_WORK];
    const server = createMockServer({ seed: 1, readReceiptGroupTypes: types });
    types.push(TYPES.GRP_AVCHATROOM);
    server.createGroup({ groupID: 'live', type: TYPES.GRP_AVCHATROOM, memberList: ['alice', 'bob'] });
    const sent = server.request('alice', 'sendMessage', {
      message: {
        ID: 'alice~1-1',
        type: TYPES.MSG_TEXT,
        payload: { text: 'receipts?' },
        conversationType: TYPES.CONV_GROUP,
        to: 'live',
        needReadReceipt: true,
      },
    });
    expect(sent).toMatchObject({
      message: { needReadReceipt: false },
      readReceiptCode: ERROR_CODE.READ_RECEIPT_NOT_SUPPORTED,
    });
    expect(server.options.readReceiptGroupTypes).toEqual([TYPES.GRP_WORK]);
  });
});
