import type { Message } from 'readby';
import { Avatar, useGroupReadMembers, useReadReceipt, useUser } from 'readby/react';
import './SeenBy.css';

export interface SeenByProps {
  /** A group message you sent with receipts. */
  message: Message;
  /** How many readers get an avatar. Default 3. */
  faces?: number;
}

/**
 * "Seen by Ann, Bo and 5 others" with the first readers' faces: a receipt of your own design, built from two
 * hooks. `useReadReceipt` gives the live counts; `useGroupReadMembers` gives the first readers, and refreshes
 * itself when receipts arrive. Asking for one small page keeps it cheap however big the group is.
 */
export function SeenBy({ message, faces = 3 }: SeenByProps) {
  const { status, readCount = 0 } = useReadReceipt(message);
  const { userIDs } = useGroupReadMembers({
    message,
    filter: 'read',
    pageSize: faces,
    // Nobody to list until somebody has read it.
    enabled: readCount > 0,
  });
  if (status === 'none' || status === 'sending') return null;

  const named = userIDs.slice(0, 2);
  const others = readCount - named.length;
  return (
    <span className="seen-by" data-state={status}>
      <span className="seen-by-faces" aria-hidden="true">
        {userIDs.slice(0, faces).map((userID) => (
          <Face key={userID} userID={userID} />
        ))}
      </span>
      <span className="seen-by-text">
        {readCount === 0 ? (
          'Not seen yet'
        ) : status === 'allRead' && readCount > 2 ? (
          'Seen by everyone'
        ) : named.length === 0 ? (
          `Seen by ${readCount}`
        ) : (
          <>
            Seen by <Name userID={named[0]!} />
            {named[1] && (others > 0 ? ', ' : ' and ')}
            {named[1] && <Name userID={named[1]} />}
            {others > 0 && ` and ${others} ${others === 1 ? 'other' : 'others'}`}
          </>
        )}
      </span>
    </span>
  );
}

function Face({ userID }: { userID: string }) {
  return <Avatar user={useUser(userID)} />;
}

function Name({ userID }: { userID: string }) {
  const user = useUser(userID);
  return <>{user.name ?? userID}</>;
}
