import fc from 'fast-check';
import { ERROR_CODE, type ServerPush, TYPES, type WireDraft } from 'readby';
import { createMockServer, MAX_PAYLOAD_BYTES, type MockServer, simulateReaders } from 'readby/mock';
import { describe, expect, it } from 'vitest';
import { settle, thrownBy } from './support';

function teamServer(): MockServer {
  const server = createMockServer({ seed: 3 });
  server.createGroup({ groupID: 'team', type: 'Private', memberList: ['alice', 'bob', 'carol'] });
  return server;
}

const text = (payload: unknown, extra: Record<string, unknown> = {}) => ({
  ID: 'alice~1-1',
  type: TYPES.MSG_TEXT,
  payload,
  conversationType: TYPES.CONV_GROUP,
  to: 'team',
  needReadReceipt: true,
  ...extra,
});
const custom = (payload: unknown) => ({ ...text(payload), type: TYPES.MSG_CUSTOM });

/** What bob's connection is pushed while `action` runs, and what the server stores in `team` meanwhile. */
async function observe(server: MockServer, action: () => unknown) {
  const pushes: ServerPush[] = [];
  const transport = server.connect('bob');
  await transport.open({ onPush: (push) => pushes.push(push), onStateChange() {} });
  const outcome = (() => {
    try {
      return { result: action() };
    } catch (error) {
      return { error };
    }
  })();
  await settle();
  transport.close();
  const { messageList } = server.request('carol', 'getMessageList', {
    conversationID: 'GROUPteam',
    nextReqMessageID: '',
    count: 15,
  });
  return { ...outcome, pushes, messageList, stored: server.getStorageStats().messages };
}

const over = 12_289;
const refused: [string, unknown, string][] = [
  ['text 42', text({ text: 42 }), 'message.payload.text: expected a non-empty string'],
  ['text an object', text({ text: { html: '<b>' } }), 'message.payload.text: expected a non-empty string'],
  ['text missing', text({}), 'message.payload.text: expected a non-empty string'],
  ['text empty', text({ text: '' }), 'message.payload.text: expected a non-empty string'],
  [
    `text of ${over} bytes`,
    text({ text: 'a'.repeat(over) }),
    `message.payload.text: expected at most 12288 bytes of UTF-8, got ${over}`,
  ],
  [
    'text of 4,097 three-byte characters',
    text({ text: '€'.repeat(4097) }),
    'message.payload.text: expected at most 12288 bytes of UTF-8, got 12291',
  ],
  ['payload null', text(null), 'message.payload: expected an object'],
  ['payload an array', text(['hi']), 'message.payload: expected an object'],
  ['custom data 42', custom({ data: 42 }), 'message.payload.data: expected a string'],
  ['custom data missing', custom({ description: 'd' }), 'message.payload.data: expected a string'],
  [
    'custom description 1',
    custom({ data: '', description: 1 }),
    'message.payload.description: expected a string',
  ],
  [
    'custom extension null',
    custom({ data: '', extension: null }),
    'message.payload.extension: expected a string',
  ],
  [
    'custom fields over the bound together',
    custom({ data: 'd'.repeat(6000), description: 'e'.repeat(6000), extension: 'x'.repeat(289) }),
    `message.payload: expected at most 12288 bytes of UTF-8 in data, description and extension together, got ${over}`,
  ],
  [
    'type of an image',
    text({ text: 'hi' }, { type: 'TIMImageElem' }),
    "message.type: expected 'TIMTextElem' or 'TIMCustomElem'",
  ],
  [
    'conversationType in lower case',
    text({ text: 'hi' }, { conversationType: 'group' }),
    "message.conversationType: expected 'C2C' or 'GROUP'",
  ],
  ['to empty', text({ text: 'hi' }, { to: '' }), 'message.to: expected a non-empty string'],
  ['to a number', text({ text: 'hi' }, { to: 7 }), 'message.to: expected a non-empty string'],
  [
    'needReadReceipt a string',
    text({ text: 'hi' }, { needReadReceipt: 'yes' }),
    'message.needReadReceipt: expected a boolean',
  ],
  ['ID empty', text({ text: 'hi' }, { ID: '' }), 'message.ID: expected a non-empty string'],
  ['message not an object', 'hi', 'message: expected a message'],
];

describe('the server checks message content as the client does (§1.6, R11)', () => {
  it.each(refused)(
    'refuses %s with INVALID_PARAMETER naming the field, storing and pushing nothing',
    async (_, message, error) => {
      const server = teamServer();
      const seen = await observe(server, () =>
        server.request('alice', 'sendMessage', { message: message as WireDraft }),
      );
      expect(seen.error).toMatchObject({ code: ERROR_CODE.INVALID_PARAMETER, message: error });
      expect({ pushes: seen.pushes, messageList: seen.messageList, stored: seen.stored }).toEqual({
        pushes: [],
        messageList: [],
        stored: 0,
      });
    },
  );

  it('refuses bad content that comes over a connection the same way', async () => {
    const server = teamServer();
    const transport = server.connect('alice');
    await transport.open({ onPush() {}, onStateChange() {} });
    await expect(
      transport.request('sendMessage', { message: text({ text: 42 }) as unknown as WireDraft }),
    ).rejects.toMatchObject({ code: 10004, message: 'message.payload.text: expected a non-empty string' });
    expect(server.getStorageStats().messages).toBe(0);
    transport.close();
  });

  it('accepts text of exactly 12,288 bytes (MAX_PAYLOAD_BYTES), and custom data that is empty', async () => {
    expect(MAX_PAYLOAD_BYTES).toBe(12_288);
    const server = teamServer();
    const long = server.request('alice', 'sendMessage', {
      message: text({ text: '€'.repeat(4096) }) as WireDraft,
    });
    const empty = server.request('alice', 'sendMessage', {
      message: { ...custom({ data: '' }), ID: 'alice~1-2' } as WireDraft,
    });
    expect(long.message.payload.text).toHaveLength(4096);
    expect(empty.message.payload).toStrictEqual({ data: '' });
  });

  it('counts bytes as UTF-8 does, surrogate pairs and lone surrogates alike', () => {
    const unit = fc.oneof(
      fc.constantFrom('a', 'é', '€', '😀', '\ud800', '\udc00'),
      fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
    );
    const server = teamServer();
    let serial = 0;
    fc.assert(
      fc.property(
        fc.array(unit, { minLength: 1, maxLength: 3 }),
        fc.integer({ min: 2_000, max: 13_000 }),
        (units, count) => {
          const body = units.join('').repeat(count).slice(0, count);
          const bytes = new TextEncoder().encode(body).length;
          serial += 1;
          const send = () =>
            server.request('alice', 'sendMessage', {
              message: text({ text: body }, { ID: `alice~1-${serial}` }) as WireDraft,
            });
          if (bytes <= MAX_PAYLOAD_BYTES) expect(send().message.payload.text).toBe(body);
          else
            expect(thrownBy(send).message).toBe(
              `message.payload.text: expected at most 12288 bytes of UTF-8, got ${bytes}`,
            );
        },
      ),
      { numRuns: 60, seed: 12 },
    );
  });

  it('keeps only the fields the rules name: a payload with 100,000 other keys is stored and relayed as { text }', async () => {
    const server = teamServer();
    const payload: Record<string, unknown> = { text: 'hi' };
    for (let i = 0; i < 100_000; i++) payload[`k${i}`] = i;
    const seen = await observe(server, () =>
      server.request('alice', 'sendMessage', {
        message: text(payload, { from: 'bob', sequence: 99 }) as WireDraft,
      }),
    );
    expect(seen.messageList.map((message) => message.payload)).toStrictEqual([{ text: 'hi' }]);
    expect(seen.pushes).toMatchObject([
      { type: 'message', message: { payload: { text: 'hi' }, from: 'alice', sequence: 1 } },
    ]);
    expect(Object.keys((seen.pushes[0] as { message: { payload: object } }).message.payload)).toEqual([
      'text',
    ]);
  });

  it('keeps description and extension of a custom message only when given', () => {
    const server = teamServer();
    const sent = server.request('alice', 'sendMessage', {
      message: custom({ data: 'poll', extension: 'v2', other: 'dropped' }) as WireDraft,
    });
    expect(sent.message.payload).toStrictEqual({ data: 'poll', extension: 'v2' });
  });
});

describe('the helpers go through the same checks', () => {
  it('postMessage refuses a text that is not a non-empty string, stores nothing, and uses no ID for it', () => {
    const server = teamServer();
    for (const bad of [42, '', undefined, { text: 'nested' }]) {
      expect(
        thrownBy(() =>
          server.postMessage({ from: 'alice', to: 'team', conversationType: 'GROUP', text: bad as string }),
        ),
      ).toMatchObject({ code: 10004, message: 'message.payload.text: expected a non-empty string' });
    }
    expect(server.getStorageStats().messages).toBe(0);
    const posted = server.postMessage({ from: 'alice', to: 'team', conversationType: 'GROUP', text: 'fine' });
    expect(posted.ID).toBe('alice~post-1');
    expect(server.getStorageStats().messages).toBe(1);
  });

  it('postMessage names its own options when they are not a message’s', () => {
    const server = teamServer();
    expect(thrownBy(() => server.postMessage(null as never)).message).toBe('options: expected an object');
    expect(
      thrownBy(() => server.postMessage({ from: '', to: 'team', conversationType: 'GROUP', text: 'hi' }))
        .message,
    ).toBe('options.from: expected a non-empty string');
    expect(
      thrownBy(() =>
        server.postMessage({ from: 'alice', to: 'team', conversationType: 'group' as 'GROUP', text: 'hi' }),
      ).message,
    ).toBe("message.conversationType: expected 'C2C' or 'GROUP'");
  });

  it('server.request refuses a user ID that is not a non-empty string', () => {
    const server = teamServer();
    for (const userID of ['', 7, null]) {
      expect(thrownBy(() => server.request(userID as string, 'getConversationList', {}))).toMatchObject({
        code: 10004,
        message: 'userID: expected a non-empty string',
      });
    }
  });

  it.each([
    ['options', 'all', 'options: expected an object'],
    ['options.groupID', { groupID: 7 }, 'options.groupID: expected a non-empty string'],
    ['options.peers', { peers: 'bob' }, 'options.peers: expected an array of non-empty user IDs'],
    ['options.exclude', { exclude: [''] }, 'options.exclude: expected an array of non-empty user IDs'],
    [
      'options.delayMs (reversed)',
      { delayMs: [500, 100] },
      'options.delayMs: expected [min, max]: whole numbers of ms with 0 ≤ min ≤ max',
    ],
    [
      'options.delayMs (negative)',
      { delayMs: [-1, 100] },
      'options.delayMs: expected [min, max]: whole numbers of ms with 0 ≤ min ≤ max',
    ],
    ['options.readRatio', { readRatio: 1.5 }, 'options.readRatio: expected a number from 0 to 1'],
    ['options.markRead', { markRead: 'no' }, 'options.markRead: expected a boolean'],
  ])('simulateReaders refuses a bad %s with INVALID_PARAMETER', (_, options, error) => {
    const server = teamServer();
    expect(thrownBy(() => simulateReaders(server, options as never))).toMatchObject({
      code: 10004,
      message: error,
    });
  });
});
