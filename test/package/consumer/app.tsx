// An app's own code, compiled against readby as installed from its tarball (see ../packedPackage.test.ts).
import ReadBy, { type Chat, ERROR_CODE, type Message, ReadByError } from 'readby';
import { createMockServer, simulateReaders } from 'readby/mock';
import {
  ReadByBadge,
  ReadByProvider,
  ReaderList,
  ReadReceiptPanel,
  type ReadReceiptState,
  useMessageList,
  useReadReceipt,
  useReadReceiptTracker,
} from 'readby/react';
import { fromTencentChat, type TencentChatSDKLike } from 'readby/tencent';
import { fixedViewport, installIntersectionObserver, setPageActive } from 'readby/testing';

const server = createMockServer({ seed: 1, latencyMs: [5, 20] });
server.createGroup({ groupID: 'team', type: 'Private', memberList: ['me', 'ann', 'bo'] });
simulateReaders(server, { groupID: 'team', exclude: ['me'] });
export const chat: Chat = ReadBy.create({ transport: server.connect('me') });

// The SDK instance is declared by readby's structural type: `@tencentcloud/chat`'s own declarations do not pass
// skipLibCheck false, and readby's never load them.
declare const tim: TencentChatSDKLike;
export const tencent = fromTencentChat(tim, { readReceiptGroupTypes: ['Private'] });

export function Receipt({ message }: { message: Message }) {
  const receipt: ReadReceiptState = useReadReceipt(message);
  return <output>{receipt.readCount ?? '…'}</output>;
}

export function Conversation() {
  const { messages } = useMessageList<Message>('GROUPteam');
  const track = useReadReceiptTracker({ dwellMs: 300, onError: (error) => console.error(error.code) });
  return (
    <ul>
      {messages.map((message) => (
        <li key={message.ID} ref={track(message)}>
          {message.payload.text}
          <ReadByBadge message={message} showTotal ring onClick={() => {}} />
          <ReaderList message={message} filter="read" height={200} virtualOptions={fixedViewport(200)} />
          <ReadReceiptPanel message={message} defaultTab="unread" />
        </li>
      ))}
    </ul>
  );
}

export const app = (
  <ReadByProvider chat={chat} locale="en" resolveUser={(userID) => ({ userID, name: userID })}>
    <Conversation />
  </ReadByProvider>
);

export const screen = installIntersectionObserver();
export const restorePage = setPageActive(true);
export const refused = new ReadByError(ERROR_CODE.INVALID_PARAMETER, 'bad');
