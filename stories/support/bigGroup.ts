import { TYPES } from 'readby';
import { type DemoOptions, GROUP_ID, type Prepare } from './demo';
import { VIEWER } from './people';

/** You and 99,999 others; receipts are on because the server's limit is raised from its default of 200. */
export const HUNDRED_THOUSAND: DemoOptions = { members: 100_000, maxReceiptGroupSize: 100_000 };

/** Readers among the 99,999 recipients: three in every five. */
export const BIG_GROUP_READERS = 60_000;
export const BIG_GROUP_NON_READERS = 99_999 - BIG_GROUP_READERS;

/** Steps through the roster by a prime that shares no factor with its length, so every member is visited once. */
const STRIDE = 7_919;

/**
 * Posts your message to the 100,000-member group and has 60,000 members read it, in a scattered order, straight
 * on the server. It runs before you connect, so none of the 60,000 receipts is pushed to a client: the story
 * starts from the state, not from a replay of it.
 */
export const prepareBigGroup: Prepare = (server, members) => {
  const message = server.postMessage({
    from: VIEWER,
    to: GROUP_ID,
    conversationType: TYPES.CONV_GROUP,
    text: 'The all-hands moves to 3 pm today.',
    needReadReceipt: true,
  });
  const messageIDs = [message.ID];
  for (let k = 0; k < members.length; k++) {
    if (k % 5 >= 3) continue;
    server.request(members[(k * STRIDE) % members.length]!, 'sendMessageReadReceipt', { messageIDs });
  }
};
