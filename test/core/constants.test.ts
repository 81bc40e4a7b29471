import ReadBy, {
  Chat,
  createChat,
  ERROR_CODE,
  EVENT,
  MAX_MEMBER_PAGE,
  MAX_MESSAGE_PAGE,
  MAX_RECEIPT_BATCH,
  MAX_RECEIPT_QUERY,
  ReadBy as NamedReadBy,
  ReadByError,
  TYPES,
} from 'readby';
import { describe, expect, it } from 'vitest';
import { createServer, track } from './helpers';

describe('TYPES', () => {
  it('has the vendor SDK values for conversations, groups and message types', () => {
    expect(TYPES).toMatchObject({
      CONV_C2C: 'C2C',
      CONV_GROUP: 'GROUP',
      GRP_WORK: 'Private',
      GRP_PUBLIC: 'Public',
      GRP_MEETING: 'ChatRoom',
      GRP_AVCHATROOM: 'AVChatRoom',
      GRP_COMMUNITY: 'Community',
      MSG_TEXT: 'TIMTextElem',
      MSG_CUSTOM: 'TIMCustomElem',
    });
  });

  it('names the three connection states', () => {
    expect([TYPES.NET_STATE_CONNECTED, TYPES.NET_STATE_CONNECTING, TYPES.NET_STATE_DISCONNECTED]).toEqual([
      'connected',
      'connecting',
      'disconnected',
    ]);
  });

  it('is frozen, so that no app can change a constant for everyone', () => {
    expect(Object.isFrozen(TYPES)).toBe(true);
    expect(Object.isFrozen(EVENT)).toBe(true);
    expect(Object.isFrozen(ERROR_CODE)).toBe(true);
  });
});

describe('EVENT', () => {
  it("has exactly the four vendor event names and readby's own MESSAGE_STATUS_CHANGED", () => {
    expect(EVENT).toEqual({
      MESSAGE_RECEIVED: 'onMessageReceived',
      MESSAGE_READ_RECEIPT_RECEIVED: 'onMessageReadReceiptReceived',
      MESSAGE_READ_BY_PEER: 'onMessageReadByPeer',
      NET_STATE_CHANGE: 'netStateChange',
      MESSAGE_STATUS_CHANGED: 'onMessageStatusChanged',
    });
  });
});

describe('ERROR_CODE', () => {
  it("has exactly the codes of docs/rules.md §1.6 and readby's own INVALID_RESPONSE", () => {
    expect(ERROR_CODE).toEqual({
      READ_RECEIPT_MSG_LIST_EMPTY: 2114,
      INVALID_PARAMETER: 10004,
      PERMISSION_DENIED: 10007,
      GROUP_NOT_FOUND: 10010,
      READ_RECEIPT_NOT_SUPPORTED: 10059,
      READ_RECEIPT_NOT_FOUND: 10062,
      NETWORK_ERROR: 2800,
      REQUEST_TIMEOUT: 2801,
      CHAT_DESTROYED: 2802,
      INVALID_RESPONSE: 2803,
    });
  });
});

describe('limits', () => {
  it('R3, R7: 30 receipts a call, 100 members a page, 15 messages a page, 100 messages a count query', () => {
    expect([MAX_RECEIPT_BATCH, MAX_MEMBER_PAGE, MAX_MESSAGE_PAGE, MAX_RECEIPT_QUERY]).toEqual([
      30, 100, 15, 100,
    ]);
  });
});

describe('ReadByError', () => {
  it('is an Error with a code, a message and optional data, and serialises to plain JSON', () => {
    const plain = new ReadByError(ERROR_CODE.PERMISSION_DENIED, 'no');
    expect(plain).toBeInstanceOf(Error);
    expect(plain.name).toBe('ReadByError');
    expect(plain.data).toBeUndefined();
    expect(JSON.parse(JSON.stringify(plain))).toEqual({ code: 10007, message: 'no' });
    const withData = new ReadByError(ERROR_CODE.NETWORK_ERROR, 'down', { retry: true });
    expect(JSON.parse(JSON.stringify(withData))).toEqual({
      code: 2800,
      message: 'down',
      data: { retry: true },
    });
  });
});

describe('ReadBy', () => {
  it('is both the default and a named export, with create, TYPES and EVENT', () => {
    expect(ReadBy).toBe(NamedReadBy);
    expect(Object.keys(ReadBy).sort()).toEqual(['EVENT', 'TYPES', 'create']);
    expect(ReadBy.create).toBe(createChat);
    expect(ReadBy.TYPES).toBe(TYPES);
    expect(ReadBy.EVENT).toBe(EVENT);
    expect(Object.isFrozen(ReadBy)).toBe(true);
  });

  it('lets the vendor name stand for it: TencentCloudChat.TYPES and .EVENT resolve', () => {
    const TencentCloudChat = ReadBy;
    expect(TencentCloudChat.TYPES.CONV_GROUP).toBe('GROUP');
    expect(TencentCloudChat.EVENT.MESSAGE_READ_RECEIPT_RECEIVED).toBe('onMessageReadReceiptReceived');
  });

  it('create returns a Chat whose user comes from the transport', () => {
    const chat = track(ReadBy.create({ transport: createServer().connect('alice') }));
    expect(chat).toBeInstanceOf(Chat);
    expect(chat.userID).toBe('alice');
  });
});
