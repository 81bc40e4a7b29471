/**
 * Malformed calls: bad parameters over the wire, bad arguments to the engine, and message content that is neither
 * a text nor a custom payload (§1.3). Each must be refused with the code of §1.6 and change nothing.
 */
import { ERROR_CODE, type Message, TYPES } from 'readby';
import { type Builder, draft, HOSTILE, ownGroupMessage, receivedMessage } from './hostileCalls';
import { groupsOf, pick } from './world';

export const MALFORMED_CALLS: Builder[] = [
  (world, attacker) => {
    const own = ownGroupMessage(world, attacker);
    const other = receivedMessage(world, attacker);
    const peer = attacker.sent.find((m) => m.conversationType === 'C2C');
    if (!own || !other) return null;
    const calls: [string, unknown, number][] = [
      ['sendMessageReadReceipt', { messageIDs: [] }, ERROR_CODE.INVALID_PARAMETER],
      ['sendMessageReadReceipt', { messageIDs: Array(31).fill(other.ID) }, ERROR_CODE.INVALID_PARAMETER],
      ['sendMessageReadReceipt', { messageIDs: 'x' }, ERROR_CODE.INVALID_PARAMETER],
      ['sendMessageReadReceipt', { messageIDs: ['no-such-message'] }, ERROR_CODE.READ_RECEIPT_NOT_FOUND],
      ['getMessageReadReceiptList', { messageIDs: Array(101).fill(own.ID) }, ERROR_CODE.INVALID_PARAMETER],
      [
        'getGroupMessageReadMemberList',
        { messageID: own.ID, filter: 2, cursor: '', count: 10 },
        ERROR_CODE.INVALID_PARAMETER,
      ],
      [
        'getGroupMessageReadMemberList',
        { messageID: own.ID, filter: 0, cursor: '', count: 0 },
        ERROR_CODE.INVALID_PARAMETER,
      ],
      [
        'getGroupMessageReadMemberList',
        { messageID: own.ID, filter: 1, cursor: '', count: 2.5 },
        ERROR_CODE.INVALID_PARAMETER,
      ],
      [
        'getGroupMessageReadMemberList',
        { messageID: own.ID, filter: 0, cursor: 5, count: 10 },
        ERROR_CODE.INVALID_PARAMETER,
      ],
      [
        'getGroupMessageReadMemberList',
        { messageID: 'no-such-message', filter: 0, cursor: '', count: 10 },
        ERROR_CODE.READ_RECEIPT_NOT_FOUND,
      ],
      ['deleteEverything', {}, ERROR_CODE.INVALID_PARAMETER],
      ['getConversationList', null, ERROR_CODE.INVALID_PARAMETER],
    ];
    if (peer) {
      calls.push([
        'getMessageReadReceiptList',
        { messageIDs: [own.ID, peer.ID] },
        ERROR_CODE.INVALID_PARAMETER,
      ]);
      calls.push([
        'getGroupMessageReadMemberList',
        { messageID: peer.ID, filter: 0, cursor: '', count: 10 },
        ERROR_CODE.READ_RECEIPT_NOT_FOUND,
      ]);
    }
    const [method, params, expected] = pick(world.random, calls);
    return { family: HOSTILE.wire, expected, method, params };
  },
  (world, attacker) => {
    const groups = groupsOf(world, attacker.userID);
    if (groups.length === 0) return null;
    const to = pick(world.random, groups);
    const ID = `hostile-${world.op}`;
    const variants = [
      draft(ID, to, { text: 42 }),
      draft(ID, to, { text: { toString: 'alert(1)' } }),
      draft(ID, to, {}),
      draft(ID, to, []),
      draft(ID, to, { data: 7 }, TYPES.MSG_CUSTOM),
    ];
    return {
      family: HOSTILE.content,
      expected: ERROR_CODE.INVALID_PARAMETER,
      method: 'sendMessage',
      params: pick(world.random, variants),
    };
  },
  (world, attacker) => {
    const { chat } = attacker;
    const own = ownGroupMessage(world, attacker);
    const other = receivedMessage(world, attacker);
    const peer = attacker.sent.find((m) => m.conversationType === 'C2C');
    if (!own || !other) return null;
    const calls: (() => Promise<unknown>)[] = [
      () => chat.sendMessageReadReceipt([]),
      () => chat.sendMessageReadReceipt(Array(31).fill(other)),
      () => chat.sendMessageReadReceipt(['not a message' as unknown as Message]),
      () => chat.getMessageReadReceiptList(Array(101).fill(own)),
      () => chat.getGroupMessageReadMemberList({ message: own, filter: 2 as 0, cursor: '', count: 10 }),
      () => chat.getGroupMessageReadMemberList({ message: own, filter: 0, cursor: '', count: 0 }),
      () => chat.getGroupMessageReadMemberList({ message: own, filter: 1, cursor: '', count: 1.5 }),
      () =>
        chat.getGroupMessageReadMemberList({
          message: own,
          filter: 0,
          cursor: 7 as unknown as string,
          count: 5,
        }),
      () => chat.getMessageList({ conversationID: 'nowhere' }),
    ];
    if (peer) calls.push(() => chat.getMessageReadReceiptList([own, peer]));
    return {
      family: HOSTILE.client,
      expected: ERROR_CODE.INVALID_PARAMETER,
      viaClient: pick(world.random, calls),
    };
  },
];
