import ReadBy, {
  type Chat,
  type CreateCustomMessageOptions,
  type CreateTextMessageOptions,
  ERROR_CODE,
  type GetGroupMessageReadMemberListOptions,
  type GetMessageListOptions,
  type Message,
  ReadByError,
  type Transport,
} from 'readby';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { connect, createServer, sendText, teamServer, thrown, untyped } from './helpers';

/** The error names the parameter first, then says what was expected. */
function expectNamed(error: ReadByError, parameter: string): void {
  expect(error.code).toBe(ERROR_CODE.INVALID_PARAMETER);
  expect(error.message.slice(0, parameter.length + 11)).toBe(`${parameter}: expected `);
}

describe('ReadBy.create', () => {
  it.each([
    ['options', undefined],
    ['options', 'alice'],
    ['options.transport', {}],
    ['options.transport', { transport: { userID: 'alice' } }],
  ])('throws INVALID_PARAMETER naming %s', (parameter, options) => {
    expectNamed(
      thrown(() => ReadBy.create(untyped<{ transport: Transport }>(options))),
      parameter,
    );
  });

  it('throws INVALID_PARAMETER naming options.transport.userID when the transport has no user', () => {
    const transport = createServer().connect('alice');
    const anonymous: Transport = {
      userID: '',
      open: (listener) => transport.open(listener),
      request: (method, params) => transport.request(method, params),
      close: () => transport.close(),
    };
    expectNamed(
      thrown(() => ReadBy.create({ transport: anonymous })),
      'options.transport.userID',
    );
  });

  it.each([0, -5, 1.5, '100', 2_147_483_648, 1e12, Number.POSITIVE_INFINITY])(
    'throws INVALID_PARAMETER naming options.requestTimeoutMs for %j',
    (value) => {
      const transport = createServer().connect('alice');
      expectNamed(
        thrown(() => ReadBy.create({ transport, requestTimeoutMs: untyped<number>(value) })),
        'options.requestTimeoutMs',
      );
      transport.close();
    },
  );

  it('R12: names the range of options.requestTimeoutMs: no timer waits longer than 2^31 - 1 ms', () => {
    const transport = createServer().connect('alice');
    const error = thrown(() => ReadBy.create({ transport, requestTimeoutMs: 2 ** 31 }));
    expect(error.message).toBe('options.requestTimeoutMs: expected a whole number from 1 to 2147483647');
    transport.close();
  });

  it('R12: with requestTimeoutMs 2^31 - 1 a request that is never answered keeps waiting', async () => {
    vi.useFakeTimers();
    try {
      const transport = createServer().connect('alice', { dropRate: 1 });
      const chat = ReadBy.create({ transport, requestTimeoutMs: 2_147_483_647 });
      const settled = vi.fn();
      chat.getConversationList().then(settled, settled);
      await vi.advanceTimersByTimeAsync(24 * 3_600_000);
      expect(settled).not.toHaveBeenCalled();
      chat.destroy();
    } finally {
      vi.useRealTimers();
    }
  });

  it.each([0, 1.5, '10', Number.NaN])(
    'throws INVALID_PARAMETER naming options.messageCacheSize for %j',
    (value) => {
      const transport = createServer().connect('alice');
      expectNamed(
        thrown(() => ReadBy.create({ transport, messageCacheSize: untyped<number>(value) })),
        'options.messageCacheSize',
      );
      transport.close();
    },
  );

  it.each([null, 'log', {}])('throws INVALID_PARAMETER naming options.onError for %j', (value) => {
    const transport = createServer().connect('alice');
    expectNamed(
      thrown(() => ReadBy.create({ transport, onError: untyped<() => void>(value) })),
      'options.onError',
    );
    transport.close();
  });
});

describe('createTextMessage and createCustomMessage', () => {
  const group = { to: 'team', conversationType: 'GROUP', payload: { text: 'x' } };

  it.each([
    ['options', undefined],
    ['options', 'text'],
    ['options.to', { ...group, to: undefined }],
    ['options.to', { ...group, to: '' }],
    ['options.to', { ...group, to: 42 }],
    ['options.conversationType', { ...group, conversationType: 'group' }],
    ['options.conversationType', { ...group, conversationType: undefined }],
    ['options.payload', { ...group, payload: undefined }],
    ['options.payload', { ...group, payload: 'x' }],
    ['options.payload.text', { ...group, payload: { text: '' } }],
    ['options.payload.text', { ...group, payload: { text: 5 } }],
    ['options.payload.text', { ...group, payload: {} }],
    ['options.needReadReceipt', { ...group, needReadReceipt: 'yes' }],
    ['options.needReadReceipt', { ...group, needReadReceipt: 1 }],
    ['options.to', { to: 'alice', conversationType: 'C2C', payload: { text: 'me' } }],
  ])('createTextMessage throws INVALID_PARAMETER naming %s', (parameter, options) => {
    const alice = connect(teamServer(), 'alice');
    expectNamed(
      thrown(() => alice.createTextMessage(untyped<CreateTextMessageOptions>(options))),
      parameter,
    );
  });

  it.each([
    ['options.payload.data', { data: 5 }],
    ['options.payload.data', {}],
    ['options.payload.description', { data: 'x', description: 5 }],
    ['options.payload.extension', { data: 'x', extension: null }],
  ])('createCustomMessage throws INVALID_PARAMETER naming %s', (parameter, payload) => {
    const alice = connect(teamServer(), 'alice');
    expectNamed(
      thrown(() =>
        alice.createCustomMessage(
          untyped<CreateCustomMessageOptions>({ to: 'team', conversationType: 'GROUP', payload }),
        ),
      ),
      parameter,
    );
  });
});

describe('asynchronous methods with bad parameters', () => {
  let alice: Chat;
  let sent: Message;

  beforeAll(async () => {
    alice = ReadBy.create({ transport: teamServer().connect('alice') });
    sent = await sendText(alice, 'team', 'x');
    return () => alice.destroy();
  });

  const cases: Array<[string, string, (chat: Chat) => Promise<unknown>]> = [
    ['sendMessage', 'message', (chat) => chat.sendMessage(untyped<Message>(undefined))],
    ['sendMessage', 'message', (chat) => chat.sendMessage(untyped<Message>({ ID: 'x' }))],
    ['getMessageList', 'options', (chat) => chat.getMessageList(untyped<GetMessageListOptions>(undefined))],
    ['getMessageList', 'options.conversationID', (chat) => chat.getMessageList({ conversationID: 'team' })],
    [
      'getMessageList',
      'options.conversationID',
      (chat) => chat.getMessageList({ conversationID: untyped<string>(5) }),
    ],
    ['getMessageList', 'options.conversationID', (chat) => chat.getMessageList({ conversationID: 'GROUP' })],
    [
      'getMessageList',
      'options.conversationID',
      (chat) => chat.getMessageList({ conversationID: 'C2Calice' }),
    ],
    [
      'getMessageList',
      'options.count',
      (chat) => chat.getMessageList({ conversationID: 'GROUPteam', count: 1.5 }),
    ],
    [
      'getMessageList',
      'options.count',
      (chat) => chat.getMessageList({ conversationID: 'GROUPteam', count: untyped<number>('3') }),
    ],
    [
      'getMessageList',
      'options.nextReqMessageID',
      (chat) => chat.getMessageList({ conversationID: 'GROUPteam', nextReqMessageID: untyped<string>(5) }),
    ],
    [
      'getMessageList',
      'options.nextReqMessageID',
      (chat) => chat.getMessageList({ conversationID: 'GROUPteam', nextReqMessageID: 'unknown' }),
    ],
    [
      'sendMessageReadReceipt',
      'messageList',
      (chat) => chat.sendMessageReadReceipt(untyped<Message[]>(undefined)),
    ],
    ['sendMessageReadReceipt', 'messageList', (chat) => chat.sendMessageReadReceipt([])],
    [
      'sendMessageReadReceipt',
      'messageList[0]',
      (chat) => chat.sendMessageReadReceipt(untyped<Message[]>([1])),
    ],
    [
      'getMessageReadReceiptList',
      'messageList',
      (chat) => chat.getMessageReadReceiptList(untyped<Message[]>('list')),
    ],
    ['getMessageReadReceiptList', 'messageList', (chat) => chat.getMessageReadReceiptList([])],
    [
      'getMessageReadReceiptList',
      'messageList[0]',
      (chat) => chat.getMessageReadReceiptList(untyped<Message[]>([{}])),
    ],
    [
      'getGroupMessageReadMemberList',
      'options',
      (chat) => chat.getGroupMessageReadMemberList(untyped<GetGroupMessageReadMemberListOptions>(undefined)),
    ],
    [
      'getGroupMessageReadMemberList',
      'options.message',
      (chat) =>
        chat.getGroupMessageReadMemberList(
          untyped<GetGroupMessageReadMemberListOptions>({ filter: 0, cursor: '', count: 1 }),
        ),
    ],
    [
      'getGroupMessageReadMemberList',
      'options.filter',
      (chat) =>
        chat.getGroupMessageReadMemberList({ message: sent, filter: untyped<0>(3), cursor: '', count: 1 }),
    ],
    [
      'getGroupMessageReadMemberList',
      'options.count',
      (chat) => chat.getGroupMessageReadMemberList({ message: sent, filter: 0, cursor: '', count: 0 }),
    ],
    [
      'getGroupMessageReadMemberList',
      'options.cursor',
      (chat) =>
        chat.getGroupMessageReadMemberList({
          message: sent,
          filter: 0,
          cursor: untyped<string>(null),
          count: 1,
        }),
    ],
    [
      'getGroupMessageReadMemberList',
      'options.cursor',
      (chat) => chat.getGroupMessageReadMemberList({ message: sent, filter: 0, cursor: 'page2', count: 1 }),
    ],
    ['setMessageRead', 'options', (chat) => chat.setMessageRead(untyped<{ conversationID: string }>(null))],
    ['setMessageRead', 'options.conversationID', (chat) => chat.setMessageRead({ conversationID: 'bob' })],
    ['setMessageRead', 'options.conversationID', (chat) => chat.setMessageRead({ conversationID: 'C2C' })],
    [
      'setMessageRead',
      'options.conversationID',
      (chat) => chat.setMessageRead({ conversationID: 'C2Calice' }),
    ],
  ];

  it.each(cases)('%s rejects INVALID_PARAMETER naming %s, and never throws', async (_, parameter, call) => {
    let promise: Promise<unknown> | undefined;
    expect(() => {
      promise = call(alice);
    }).not.toThrow();
    expect(promise).toBeInstanceOf(Promise);
    const error = await promise!.then(
      () => {
        throw new Error('expected a rejection');
      },
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(ReadByError);
    expectNamed(error as ReadByError, parameter);
  });

  it('findMessage answers null for anything that is not a known ID', () => {
    expect(alice.findMessage(untyped<string>(undefined))).toBeNull();
    expect(alice.findMessage('')).toBeNull();
    expect(alice.findMessage(sent.ID)?.ID).toBe(sent.ID);
  });
});
