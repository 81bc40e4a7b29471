/**
 * The code samples of the vendor guide (read-receipt-guide.txt, "Message Read Receipt"), run as written against
 * readby with `const TencentCloudChat = ReadBy`. The only additions are type annotations where TypeScript needs
 * them and lines that record what the samples do, marked `// observed`.
 */
import ReadBy, {
  type Chat,
  type ChatResponse,
  EVENT,
  type Message,
  type ReadMemberPage,
  TYPES,
} from 'readby';
import type { MockServer } from 'readby/mock';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createServer, load, record, settle, track } from './helpers';

const TencentCloudChat = ReadBy;

/** The item shape the guide's listener reads: every field the two kinds of item may have. */
interface GuideReceiptItem {
  groupID?: string;
  userID?: string;
  messageID: string;
  readCount?: number;
  unreadCount?: number;
  isPeerRead?: boolean;
}

/** The guide's world: a group `test` and a user `test` who talks to `user1`. */
function guideServer(): MockServer {
  const server = createServer();
  server.createGroup({
    groupID: 'test',
    type: TYPES.GRP_PUBLIC,
    memberList: ['test', 'user1', 'user2', 'user3'],
  });
  return server;
}

function chatFor(server: MockServer, userID: string): Chat {
  return track(ReadBy.create({ transport: server.connect(userID) }));
}

async function post(
  chat: Chat,
  to: string,
  conversationType: 'C2C' | 'GROUP',
  text: string,
  needReadReceipt = true,
) {
  const message = chat.createTextMessage({ to, conversationType, payload: { text }, needReadReceipt });
  return (await chat.sendMessage(message)).data.message;
}

let log: ReturnType<typeof vi.spyOn>;
let warn: ReturnType<typeof vi.spyOn>;

beforeEach(() => {
  log = vi.spyOn(console, 'log').mockImplementation(() => {});
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the vendor guide, "Specifying that a message requires a read receipt"', () => {
  it('R8, R1: the one-to-one sample sends a message with needReadReceipt that user1 receives', async () => {
    const server = guideServer();
    const chat = chatFor(server, 'test');
    const user1 = chatFor(server, 'user1');
    const received = record(user1, EVENT.MESSAGE_RECEIVED);
    await settle();

    {
      // Create a one-to-one message
      const message = chat.createTextMessage({
        to: 'user1',
        conversationType: TencentCloudChat.TYPES.CONV_C2C,
        payload: {
          text: 'Hello world!',
        },
        // To use it, purchase the Premium edition and set `needReadReceipt` to `true` when creating a message.
        needReadReceipt: true,
      });
      // 2. Send the message.
      const promise = chat.sendMessage(message);
      promise
        .then((imResponse) => {
          // Message sent successfully
          console.log(imResponse);
        })
        .catch((imError) => {
          // Failed to send the message
          console.warn('sendMessage error:', imError);
        });
    }

    await settle();
    expect(warn).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledTimes(1);
    const response = log.mock.calls[0]![0] as ChatResponse<{ message: Message }>;
    expect(response.code).toBe(0);
    expect(response.data.message).toMatchObject({
      to: 'user1',
      from: 'test',
      conversationType: 'C2C',
      conversationID: 'C2Cuser1',
      payload: { text: 'Hello world!' },
      status: 'success',
      needReadReceipt: true,
      readReceiptInfo: { isPeerRead: false, timestamp: 0 },
    });
    expect(received.flat().map((m) => [m.ID, m.conversationID, m.needReadReceipt])).toEqual([
      [response.data.message.ID, 'C2Ctest', true],
    ]);
  });

  it('R1, R8: the group sample sends to group test with receipts for its three other members', async () => {
    const server = guideServer();
    const chat = chatFor(server, 'test');

    {
      // Create a group message
      const message = chat.createTextMessage({
        to: 'test',
        conversationType: TencentCloudChat.TYPES.CONV_GROUP,
        payload: {
          text: 'Hello world!',
        },
        // To use it, purchase the Premium edition and set `needReadReceipt` to `true` when creating a message.
        needReadReceipt: true,
      });
      // Send the message
      const promise = chat.sendMessage(message);
      promise
        .then((imResponse) => {
          // Message sent successfully
          console.log(imResponse);
        })
        .catch((imError) => {
          // Failed to send the message
          console.warn('sendMessage error:', imError);
        });
    }

    await settle();
    expect(warn).not.toHaveBeenCalled();
    expect(log).toHaveBeenCalledTimes(1);
    const response = log.mock.calls[0]![0] as ChatResponse<{ message: Message; readReceiptCode?: number }>;
    expect(response.data.message).toMatchObject({
      conversationID: 'GROUPtest',
      needReadReceipt: true,
      readReceiptInfo: { readCount: 0, unreadCount: 3 },
    });
    expect(Object.hasOwn(response.data, 'readReceiptCode')).toBe(false);
  });
});

describe('the vendor guide, "Sending a message read receipt"', () => {
  it('R3, R5: the group sample acknowledges the page of GROUPtest and the sender hears of it', async () => {
    const server = guideServer();
    const sender = chatFor(server, 'test');
    const first = await post(sender, 'test', 'GROUP', 'one');
    const second = await post(sender, 'test', 'GROUP', 'two');
    await post(sender, 'test', 'GROUP', 'fyi', false);
    const pushed = record(sender, EVENT.MESSAGE_READ_RECEIPT_RECEIVED);
    const chat = chatFor(server, 'user1');
    const outcome: unknown[] = [];

    {
      // Pull the group message list
      let messageList: Message[] | null = null;
      chat.getMessageList({ conversationID: 'GROUPtest' }).then((imResponse) => {
        messageList = imResponse.data.messageList; // Message list
        chat
          .sendMessageReadReceipt(messageList)
          .then(() => {
            // Read receipt for the group message sent successfully
            outcome.push('sent'); // observed
          })
          .catch((imError) => {
            // Failed to send a read receipt for the group message
            outcome.push(imError.code); // observed
          });
      });
    }

    await settle();
    expect(outcome).toEqual(['sent']);
    expect(server.getReceiptTruth(first.ID)).toMatchObject({ readCount: 1, unreadCount: 2 });
    expect(server.getReceiptTruth(second.ID)).toMatchObject({ readCount: 1, unreadCount: 2 });
    expect(pushed).toEqual([
      [
        { groupID: 'test', messageID: first.ID, readCount: 1, unreadCount: 2 },
        { groupID: 'test', messageID: second.ID, readCount: 1, unreadCount: 2 },
      ],
    ]);
  });

  it('R3: the group sample takes its catch branch with 2114 when nothing on the page needs a receipt', async () => {
    const server = guideServer();
    await post(chatFor(server, 'test'), 'test', 'GROUP', 'fyi', false);
    const chat = chatFor(server, 'user1');
    await post(chat, 'test', 'GROUP', 'my own', true);
    const outcome: unknown[] = [];

    {
      // Pull the group message list
      let messageList: Message[] | null = null;
      chat.getMessageList({ conversationID: 'GROUPtest' }).then((imResponse) => {
        messageList = imResponse.data.messageList; // Message list
        chat
          .sendMessageReadReceipt(messageList)
          .then(() => {
            // Read receipt for the group message sent successfully
            outcome.push('sent'); // observed
          })
          .catch((imError) => {
            // Failed to send a read receipt for the group message
            outcome.push(imError.code); // observed
          });
      });
    }

    await settle();
    expect(outcome).toEqual([2114]);
  });

  it('R3, R4, R9: the one-to-one sample acknowledges C2Ctest without touching the unread count', async () => {
    const server = guideServer();
    const sender = chatFor(server, 'test');
    const message = await post(sender, 'user1', 'C2C', 'Hello world!');
    const chat = chatFor(server, 'user1');
    const outcome: unknown[] = [];

    {
      // Pull the one-to-one message list
      let messageList: Message[] | null = null;
      chat.getMessageList({ conversationID: 'C2Ctest' }).then((imResponse) => {
        messageList = imResponse.data.messageList; // Message list
        chat
          .sendMessageReadReceipt(messageList)
          .then(() => {
            // Read receipt for the one-to-one message sent successfully
            outcome.push('sent'); // observed
          })
          .catch((imError) => {
            // Failed to send a read receipt for the one-to-one message
            outcome.push(imError.code); // observed
          });
      });
    }

    await settle();
    expect(outcome).toEqual(['sent']);
    expect(sender.findMessage(message.ID)).toMatchObject({
      readReceiptInfo: { isPeerRead: true, timestamp: expect.any(Number) },
      isPeerRead: false,
    });
    const { data } = await chat.getConversationList();
    expect(data.conversationList.find((c) => c.conversationID === 'C2Ctest')!.unreadCount).toBe(1);
  });
});

describe('the vendor guide, "Listening for a message read receipt notification"', () => {
  it('R5, R9: the listener sees group counts and, for one-to-one messages, isPeerRead once the peer marked them read', async () => {
    const server = guideServer();
    const chat = chatFor(server, 'test');
    const readers = Object.fromEntries(
      ['user1', 'user2', 'user3'].map((user) => [user, chatFor(server, user)]),
    );
    const branches: string[] = [];

    {
      const onMessageReadReceiptReceived = (event: { data: GuideReceiptItem[] }) => {
        // event.data - An array that stores message read receipt information
        const readReceiptInfoList = event.data;
        readReceiptInfoList.forEach((item) => {
          const { groupID, userID, messageID, readCount, unreadCount, isPeerRead } = item;
          branches.push(`item ${JSON.stringify({ groupID, userID, readCount, unreadCount, isPeerRead })}`); // observed
          // messageID - Message ID
          // userID - one-to-one message receiver
          // isPeerRead - Whether the one-to-one message is read by the receiver
          // groupID - Group ID
          // readCount - Number of members who have read the group message
          // unreadCount - Number of members who have not read the group message
          const message = chat.findMessage(messageID);
          if (message) {
            if (message.conversationType === TencentCloudChat.TYPES.CONV_C2C) {
              if (message.isPeerRead === true) {
                // Read by the receiver
                branches.push('C2C read by the receiver'); // observed
              }
            } else if (message.conversationType === TencentCloudChat.TYPES.CONV_GROUP) {
              if (message.readReceiptInfo.unreadCount === 0) {
                // Read by all
                branches.push('GROUP read by all'); // observed
              } else {
                // message.readReceiptInfo.readCount - Latest read count of the message
                // To query which group members have read the message
                // call the [getGroupMessageReadMemberList] API.
                branches.push(`GROUP read by ${message.readReceiptInfo.readCount}`); // observed
              }
            }
          }
        });
      };
      chat.on(TencentCloudChat.EVENT.MESSAGE_READ_RECEIPT_RECEIVED, onMessageReadReceiptReceived);
    }

    const group = await post(chat, 'test', 'GROUP', 'group');
    for (const user of ['user1', 'user2', 'user3']) {
      await readers[user]!.sendMessageReadReceipt(await load(readers[user]!, 'GROUPtest'));
      await settle();
    }
    expect(branches).toEqual([
      'item {"groupID":"test","readCount":1,"unreadCount":2}',
      'GROUP read by 1',
      'item {"groupID":"test","readCount":2,"unreadCount":1}',
      'GROUP read by 2',
      'item {"groupID":"test","readCount":3,"unreadCount":0}',
      'GROUP read by all',
    ]);
    expect(chat.findMessage(group.ID)!.readReceiptInfo).toEqual({ readCount: 3, unreadCount: 0 });

    // A receipt alone sets readReceiptInfo.isPeerRead; message.isPeerRead follows setMessageRead (R9).
    branches.length = 0;
    const user1 = readers.user1!;
    const unmarked = await post(chat, 'user1', 'C2C', 'receipt only');
    await user1.sendMessageReadReceipt(await load(user1, 'C2Ctest'));
    await settle();
    expect(branches).toEqual(['item {"userID":"user1","isPeerRead":true}']);
    expect(chat.findMessage(unmarked.ID)).toMatchObject({
      isPeerRead: false,
      readReceiptInfo: { isPeerRead: true },
    });

    branches.length = 0;
    const marked = await post(chat, 'user1', 'C2C', 'marked read, then acknowledged');
    await user1.setMessageRead({ conversationID: 'C2Ctest' });
    await settle();
    await user1.sendMessageReadReceipt([user1.findMessage(marked.ID)!]);
    await settle();
    expect(branches).toEqual(['item {"userID":"user1","isPeerRead":true}', 'C2C read by the receiver']);
    expect(chat.findMessage(marked.ID)).toMatchObject({
      isPeerRead: true,
      readReceiptInfo: { isPeerRead: true },
    });
  });
});

describe('the vendor guide, "Pulling message read receipt information"', () => {
  it('R6: the group sample fills readReceiptInfo of my messages on the GROUPtest page', async () => {
    const server = guideServer();
    const phone = chatFor(server, 'test');
    const mine = await post(phone, 'test', 'GROUP', 'mine');
    const theirs = await post(chatFor(server, 'user2'), 'test', 'GROUP', 'theirs');
    for (const user of ['user1', 'user3']) {
      server.request(user, 'sendMessageReadReceipt', { messageIDs: [mine.ID, theirs.ID] });
    }
    // A second client of the sender, which has only loaded the page.
    const chat = chatFor(server, 'test');
    const handler = vi.fn();
    chat.on(EVENT.MESSAGE_READ_RECEIPT_RECEIVED, handler);
    let result: Message[] = [];

    {
      // Pull the group message list
      let messageList: Message[] | null = null;
      chat.getMessageList({ conversationID: 'GROUPtest' }).then((imResponse) => {
        messageList = imResponse.data.messageList; // Message list
        chat
          .getMessageReadReceiptList(messageList)
          .then((imResponse) => {
            messageList = imResponse.data.messageList; // Message list
            result = messageList; // observed
            // `getMessageReadReceiptList` is called successfully,
            // `Message.readReceiptInfo` will contain the message read receipt information.
            // Message.readReceiptInfo.readCount - Read count of a message.
            // To query which group members have read the message, call the [getGroupMessageReadMemberList] API.
            // Message.readReceiptInfo.unreadCount - Unread count of a message.
            // `0` indicates that all members have read the message.
          })
          .catch((imError) => {
            // Failed to pull the read receipt list
            console.warn(imError); // observed
          });
      });
    }

    await settle();
    expect(warn).not.toHaveBeenCalled();
    expect(result.map((m) => [m.ID, m.readReceiptInfo])).toEqual([
      [mine.ID, { readCount: 2, unreadCount: 1 }],
      [theirs.ID, { readCount: undefined, unreadCount: undefined }],
    ]);
    expect(handler).not.toHaveBeenCalled();
  });

  it('R6, R9: the one-to-one sample shows whether the peer test sent a receipt', async () => {
    const server = guideServer();
    const phone = chatFor(server, 'user1');
    const acknowledged = await post(phone, 'test', 'C2C', 'read this');
    const pending = await post(phone, 'test', 'C2C', 'and this');
    server.request('test', 'sendMessageReadReceipt', { messageIDs: [acknowledged.ID] });
    const chat = chatFor(server, 'user1');
    let result: Message[] = [];

    {
      // Pull the one-to-one message list
      let messageList: Message[] | null = null;
      chat.getMessageList({ conversationID: 'C2Ctest' }).then((imResponse) => {
        messageList = imResponse.data.messageList; // Message list
        chat
          .getMessageReadReceiptList(messageList)
          .then((imResponse) => {
            messageList = imResponse.data.messageList; // Message list
            result = messageList; // observed
            // After the message list is pulled successfully
            // `Message.readReceiptInfo` will contain the message read receipt information.
            // Message.readReceiptInfo.isPeerRead - Whether the receiver has sent a read receipt
          })
          .catch((imError) => {
            // Failed to pull the read receipt list
            console.warn(imError); // observed
          });
      });
    }

    await settle();
    expect(warn).not.toHaveBeenCalled();
    expect(result.map((m) => [m.ID, m.readReceiptInfo.isPeerRead])).toEqual([
      [acknowledged.ID, true],
      [pending.ID, false],
    ]);
  });
});

describe('the vendor guide, "Pulling the list of members who have or have not read a group message"', () => {
  async function sentAndPartlyRead() {
    const server = guideServer();
    const chat = chatFor(server, 'test');
    const message = await post(chat, 'test', 'GROUP', 'who read this?');
    for (const user of ['user3', 'user1']) {
      server.request(user, 'sendMessageReadReceipt', { messageIDs: [message.ID] });
    }
    return { server, chat, message };
  }

  it('R7: filter 0 lists the members who have read, in the order they read', async () => {
    const { chat, message } = await sentAndPartlyRead();
    let page: Partial<ReadMemberPage> = {};

    {
      // Pull the list of members who have read the group message
      const promise = chat.getGroupMessageReadMemberList({
        message,
        filter: 0,
        cursor: '', // Pass in `''` for the first pull
        count: 30,
      });
      promise
        .then((imResponse) => {
          const { isCompleted, cursor, messageID, readUserIDList } = imResponse.data;
          page = { isCompleted, cursor, messageID, readUserIDList }; // observed
          // isCompleted - true: completed; false: not completed
          // cursor - Used for the subsequent pull when `isCompleted` is `false`
          // messageID - Group message ID
          // readUserIDList - List of `userID` values of members who have read the message
        })
        .catch((imError) => {
          // Failed to pull the list of members who have read the group message
          console.warn(imError); // observed
        });
    }

    await settle();
    expect(warn).not.toHaveBeenCalled();
    expect(page).toEqual({
      isCompleted: true,
      cursor: '',
      messageID: message.ID,
      readUserIDList: ['user3', 'user1'],
    });
  });

  it('R7: filter 1 lists the members who have not read; the readUserIDList the sample reads is []', async () => {
    const { chat, message } = await sentAndPartlyRead();
    let page: Partial<ReadMemberPage> = {};

    {
      // Pull the list of members who have not read the group message
      const promise = chat.getGroupMessageReadMemberList({
        message,
        filter: 1,
        cursor: '', // Pass in `''` for the first pull
        count: 30,
      });
      promise
        .then((imResponse) => {
          const { isCompleted, cursor, messageID, readUserIDList } = imResponse.data;
          page = { ...imResponse.data, isCompleted, cursor, messageID, readUserIDList }; // observed
          // isCompleted - true: completed; false: not completed
          // cursor - Used for the subsequent pull when `isCompleted` is `false`
          // messageID - Group message ID
          // unreadUserIDList - List of `userID` values of members who have not read the group message
        })
        .catch((imError) => {
          // Failed to pull the list of members who have not read the group message
          // 10062 - The read receipt information for the group message was not found.
          console.warn(imError); // observed
        });
    }

    await settle();
    expect(warn).not.toHaveBeenCalled();
    expect(page).toEqual({
      isCompleted: true,
      cursor: '',
      messageID: message.ID,
      readUserIDList: [],
      unreadUserIDList: ['user2'],
    });
  });

  it('R7: the filter 1 sample reaches its catch branch with 10062 for a message sent without receipts', async () => {
    const server = guideServer();
    const chat = chatFor(server, 'test');
    const message = await post(chat, 'test', 'GROUP', 'no receipts', false);

    {
      // Pull the list of members who have not read the group message
      const promise = chat.getGroupMessageReadMemberList({
        message,
        filter: 1,
        cursor: '', // Pass in `''` for the first pull
        count: 30,
      });
      promise
        .then((imResponse) => {
          const { isCompleted, cursor, messageID, readUserIDList } = imResponse.data;
          console.log(isCompleted, cursor, messageID, readUserIDList); // observed
        })
        .catch((imError) => {
          // Failed to pull the list of members who have not read the group message
          // 10062 - The read receipt information for the group message was not found.
          console.warn(imError.code); // observed
        });
    }

    await settle();
    expect(log).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn).toHaveBeenCalledWith(10062);
  });
});
