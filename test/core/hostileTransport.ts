import type {
  RequestName,
  Requests,
  ServerPush,
  Transport,
  TransportListener,
  WireMessage,
  WireReceipt,
} from 'readby';

/**
 * A transport whose server is whatever the test says: each request is answered by `answer` (which may return a
 * promise that never settles, reject with anything, throw, or return a bare value), and the test hands the client
 * any value as a push or a connection state. Whatever the client throws back is kept in `thrown`.
 */
export class HostileTransport implements Transport {
  readonly userID: string;
  readonly clientID = 'hostile';
  readonly thrown: unknown[] = [];
  readonly requests: RequestName[] = [];
  answer: (method: RequestName, params: unknown) => unknown;
  #listener: TransportListener | null = null;

  constructor(userID: string, answer: (method: RequestName, params: unknown) => unknown) {
    this.userID = userID;
    this.answer = answer;
  }

  open(listener: TransportListener): Promise<void> {
    this.#listener = listener;
    return Promise.resolve();
  }

  request<K extends RequestName>(method: K, params: Requests[K]['params']): Promise<Requests[K]['result']> {
    this.requests.push(method);
    return this.answer(method, params) as Promise<Requests[K]['result']>;
  }

  close(): void {
    this.#listener = null;
  }

  push(value: unknown): void {
    try {
      this.#listener?.onPush(value as ServerPush);
    } catch (error) {
      this.thrown.push(error);
    }
  }

  state(value: unknown): void {
    try {
      this.#listener?.onStateChange(value as 'connected');
    } catch (error) {
      this.thrown.push(error);
    }
  }
}

/** A message of the test's world, as its server would store it. */
export interface WorldMessage {
  wire: WireMessage;
  /** Group: the number of recipients, fixed at the send (R1); one-to-one: 1. */
  total: number;
}

/**
 * What a well-behaved server would know: alice's messages (three group messages with 3, 5 and 1 recipients and one
 * to bob), a message from bob, and the answers such a server could give, with counts taken from `read` so that
 * they go up, down (stale) or stay, but always add up to the message's total.
 */
export class World {
  readonly me = 'alice';
  readonly messages = new Map<string, WorldMessage>();
  #sequence = 10;

  constructor() {
    this.add('g1', 'GROUP', 'team', this.me, 3);
    this.add('g2', 'GROUP', 'team', this.me, 5);
    this.add('g3', 'GROUP', 'team', this.me, 1);
    this.add('i1', 'GROUP', 'team', 'bob', 3);
    this.add('p1', 'C2C', 'bob', this.me, 1);
  }

  add(ID: string, conversationType: 'GROUP' | 'C2C', to: string, from: string, total: number): WorldMessage {
    this.#sequence += 1;
    const message: WorldMessage = {
      wire: {
        ID,
        type: 'TIMTextElem',
        payload: { text: ID },
        conversationType,
        to,
        from,
        time: 1_700_000_000 + this.#sequence,
        sequence: this.#sequence,
        needReadReceipt: true,
      },
      total,
    };
    this.messages.set(ID, message);
    return message;
  }

  /** The IDs of alice's own messages, group ones first. */
  own(kind?: 'GROUP' | 'C2C'): string[] {
    return [...this.messages.values()]
      .filter(({ wire }) => wire.from === this.me && (kind === undefined || wire.conversationType === kind))
      .map(({ wire }) => wire.ID);
  }

  /** A receipt state of an own message that a server could send, with `read` readers (modulo the total). */
  receipt(ID: string, read: number): WireReceipt {
    const { wire, total } = this.messages.get(ID)!;
    if (wire.conversationType === 'GROUP') {
      const readCount = read % (total + 1);
      return { messageID: ID, readCount, unreadCount: total - readCount };
    }
    const isPeerRead = read % 2 === 1;
    return {
      messageID: ID,
      isPeerRead,
      timestamp: isPeerRead ? 1_700_000_100 : 0,
      markedRead: read % 4 === 3,
    };
  }

  /** A copy of a stored message, with its receipt state when it is alice's own. */
  wire(ID: string, read: number): WireMessage {
    const { wire } = this.messages.get(ID)!;
    return wire.from === this.me ? { ...wire, readReceipt: this.receipt(ID, read) } : { ...wire };
  }

  /** The answer a well-behaved server could give to a request. */
  validAnswer(method: RequestName, params: unknown, read: number): unknown {
    switch (method) {
      case 'getMessageReadReceiptList': {
        const { messageIDs } = params as Requests['getMessageReadReceiptList']['params'];
        const mine = messageIDs.filter((ID) => this.messages.get(ID)?.wire.from === this.me);
        return { receipts: mine.map((ID, index) => this.receipt(ID, read + index)) };
      }
      case 'getMessageList': {
        const { conversationID } = params as Requests['getMessageList']['params'];
        const messageList = [...this.messages.values()]
          .filter(({ wire }) => this.conversationOf(wire) === conversationID)
          .map(({ wire }, index) => this.wire(wire.ID, read + index));
        return { messageList, nextReqMessageID: '', isCompleted: true };
      }
      case 'getConversationList':
        return {
          conversationList: [
            {
              conversationID: 'GROUPteam',
              type: 'GROUP',
              unreadCount: read % 4,
              lastMessage: this.wire('i1', 0),
            },
            { conversationID: 'C2Cbob', type: 'C2C', unreadCount: 0, lastMessage: this.wire('p1', read) },
          ],
        };
      case 'getGroupMessageReadMemberList': {
        const { messageID } = params as Requests['getGroupMessageReadMemberList']['params'];
        return { messageID, cursor: '', isCompleted: true, readUserIDList: ['bob'], unreadUserIDList: [] };
      }
      case 'sendMessage': {
        const { message } = params as Requests['sendMessage']['params'];
        const stored = this.messages.get(message.ID) ?? this.add(message.ID, 'GROUP', 'team', this.me, 2);
        return { message: this.wire(stored.wire.ID, 0) };
      }
      case 'sendMessageReadReceipt':
      case 'setMessageRead':
        return {};
    }
  }

  conversationOf(wire: WireMessage): string {
    if (wire.conversationType === 'GROUP') return `GROUP${wire.to}`;
    return `C2C${wire.from === this.me ? wire.to : wire.from}`;
  }
}

/** Values that no field of the protocol should hold, or that hold the wrong thing. */
export const HOSTILE_VALUES: readonly unknown[] = [
  undefined,
  null,
  -1,
  0.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  1e308,
  2 ** 53,
  7,
  '1',
  '',
  'mallory',
  true,
  {},
  [],
  [null],
];

/** A copy of `value` with its `node`-th field (depth first) replaced by `replacement`, or `replacement` itself. */
export function mutate(value: unknown, node: number, replacement: unknown): unknown {
  const copy = structuredClone(value);
  const slots: Array<[Record<string, unknown>, string]> = [];
  const walk = (current: unknown): void => {
    if (typeof current !== 'object' || current === null) return;
    for (const key of Object.keys(current)) {
      slots.push([current as Record<string, unknown>, key]);
      walk((current as Record<string, unknown>)[key]);
    }
  };
  walk(copy);
  if (slots.length === 0) return replacement;
  const [parent, key] = slots[node % slots.length]!;
  parent[key] = replacement;
  return copy;
}
