import { type FormEvent, type KeyboardEvent, type ReactNode, useEffect, useState } from 'react';
import { type Chat, type ConversationType, type Message, TYPES } from 'readby';
import {
  Avatar,
  ReadByBadge,
  ReadByProvider,
  ReadReceiptPanel,
  useMessageList,
  useReadReceiptTracker,
  useSendMessage,
  useUser,
} from 'readby/react';
import { resolveUser, textOf } from '../support/demo';

export interface ChatScreenProps {
  conversationType: ConversationType;
  /** The group ID, or the peer's user ID. */
  to: string;
  title: string;
  subtitle?: ReactNode;
  /** Controls for the header: network state and the like. */
  toolbar?: ReactNode;
  /** The first state of the composer's "Request read receipts" switch. Default true. */
  requestReceipts?: boolean;
  /**
   * Chats of the other people, by user ID. Under their messages the screen shows what their own badge says, so
   * that the receipts you send can be seen arriving.
   */
  senderChats?: Readonly<Record<string, Chat>>;
}

const clock = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });

/**
 * A chat screen made of readby's hooks and components: `useMessageList` for the messages, `useSendMessage` for
 * the composer, `useReadReceiptTracker` for honest receipts on what you read, `ReadByBadge` on your messages,
 * and a `ReadReceiptPanel` behind each group badge.
 */
export function ChatScreen({
  conversationType,
  to,
  title,
  subtitle,
  toolbar,
  requestReceipts = true,
  senderChats = {},
}: ChatScreenProps) {
  const conversationID = `${conversationType}${to}`;
  const isGroup = conversationType === TYPES.CONV_GROUP;
  const { messages, isLoading, hasOlder, fetchOlder, isFetchingOlder } = useMessageList(conversationID);
  const send = useSendMessage();
  const [log, setLog] = useState<HTMLOListElement | null>(null);
  // The log scrolls, so it is the root against which "half visible" is measured.
  const track = useReadReceiptTracker({ root: log });
  const [draft, setDraft] = useState('');
  const [withReceipts, setWithReceipts] = useState(requestReceipts);
  const [details, setDetails] = useState<Message | null>(null);

  // The newest message stays in view, as in any chat app.
  const count = messages.length;
  useEffect(() => {
    if (log && count > 0) log.scrollTop = log.scrollHeight;
  }, [log, count]);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const text = draft.trim();
    if (!text) return;
    setDraft('');
    // A failed send shows on the message itself ("Not sent"); there is nothing more to do here.
    send({ to, conversationType, text, needReadReceipt: withReceipts }).catch(() => {});
  };

  const closeOnEscape = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape') setDetails(null);
  };

  return (
    <section className="demo-chat" aria-label={title}>
      <div className="demo-chat-main">
        <header className="demo-chat-header">
          <div>
            <h2 className="demo-chat-title">{title}</h2>
            {subtitle && <p className="demo-chat-subtitle">{subtitle}</p>}
          </div>
          {toolbar && <div className="demo-toolbar">{toolbar}</div>}
        </header>
        <ol className="demo-chat-log" aria-label="Messages" ref={setLog}>
          {isLoading && <li className="demo-note">Loading messages…</li>}
          {hasOlder && (
            <li>
              <button type="button" className="demo-button" onClick={fetchOlder} disabled={isFetchingOlder}>
                Load older messages
              </button>
            </li>
          )}
          {messages.map((message) => (
            <li key={message.ID} ref={track(message)} className="demo-message" data-flow={message.flow}>
              {message.flow === 'in' && isGroup && <SenderAvatar userID={message.from} />}
              <div className="demo-message-body">
                {message.flow === 'in' && isGroup && <SenderName userID={message.from} />}
                <p className="demo-bubble">{textOf(message)}</p>
                <div className="demo-message-meta">
                  <time dateTime={new Date(message.time * 1000).toISOString()}>
                    {clock.format(message.time * 1000)}
                  </time>
                  {message.status === 'fail' && <span className="demo-failed">Not sent</span>}
                  {message.flow === 'out' && (
                    <ReadByBadge
                      message={message}
                      showTotal={isGroup}
                      ring={isGroup}
                      onClick={isGroup ? () => setDetails(message) : undefined}
                    />
                  )}
                  {message.flow === 'in' && message.needReadReceipt && senderChats[message.from] && (
                    <SenderView chat={senderChats[message.from]!} message={message} />
                  )}
                </div>
              </div>
            </li>
          ))}
        </ol>
        <form className="demo-composer" onSubmit={onSubmit}>
          <input
            type="text"
            aria-label="Message"
            placeholder="Write a message"
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
          />
          <label>
            <input
              type="checkbox"
              checked={withReceipts}
              onChange={(event) => setWithReceipts(event.target.checked)}
            />
            Request read receipts
          </label>
          <button type="submit" className="demo-button">
            Send
          </button>
        </form>
      </div>
      {details && (
        <aside className="demo-details" aria-label="Message details" onKeyDown={closeOnEscape}>
          <div className="demo-details-header">
            <p>“{textOf(details)}”</p>
            <button
              type="button"
              className="demo-button"
              aria-label="Close details"
              onClick={() => setDetails(null)}
            >
              ✕
            </button>
          </div>
          <ReadReceiptPanel key={details.ID} message={details} height={380} />
        </aside>
      )}
    </section>
  );
}

function SenderAvatar({ userID }: { userID: string }) {
  return <Avatar user={useUser(userID)} />;
}

function SenderName({ userID }: { userID: string }) {
  const user = useUser(userID);
  return <span className="demo-message-sender">{user.name ?? userID}</span>;
}

/** What the sender's own badge says about their message: your receipt is part of it once you have seen it. */
function SenderView({ chat, message }: { chat: Chat; message: Message }) {
  return (
    <span className="demo-sender-view" data-sender={message.from}>
      {resolveUser(message.from).name} sees{' '}
      <ReadByProvider chat={chat} resolveUser={resolveUser}>
        <ReadByBadge message={message} showTotal={message.conversationType === TYPES.CONV_GROUP} />
      </ReadByProvider>
    </span>
  );
}
