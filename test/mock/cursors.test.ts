import { ERROR_CODE } from 'readby';
import { createMockServer, hashString, type MockServer } from 'readby/mock';
import { describe, expect, it } from 'vitest';
import { postToGroup, thrownBy, userIDs } from './support';

const READERS = userIDs(20, 'r');

/** A server whose `alice~post-1` has been read by twenty members, in the same order whatever the seed. */
function readServer(seed: number): { server: MockServer; ID: string } {
  const server = createMockServer({ seed });
  server.createGroup({ groupID: 'team', type: 'Private', memberList: ['alice', ...READERS] });
  const { ID } = postToGroup(server, 'alice', 'team', 'who read this?');
  for (const reader of READERS) server.request(reader, 'sendMessageReadReceipt', { messageIDs: [ID] });
  return { server, ID };
}

function page(server: MockServer, ID: string, cursor: string, filter: 0 | 1 = 0) {
  return server.request('alice', 'getGroupMessageReadMemberList', {
    messageID: ID,
    filter,
    cursor,
    count: 5,
  });
}

const refused = {
  code: ERROR_CODE.INVALID_PARAMETER,
  message: "options.cursor: expected '' or the cursor of the previous page",
};

describe('member-list cursors are signed with the server’s own key (R7)', () => {
  it('R7: a cursor forged by recomputing the unkeyed hash of earlier versions is refused', () => {
    const { server, ID } = readServer(1);
    const body = `0.${(10).toString(36)}`;
    const forged = `${body}.${hashString(`${ID}#${body}`).toString(36)}`;
    expect(thrownBy(() => page(server, ID, forged))).toMatchObject(refused);
  });

  it('R7: a cursor from server A is refused by server B, for a message of the same ID', () => {
    const a = readServer(1);
    const b = readServer(2);
    expect(b.ID).toBe(a.ID);
    const first = page(a.server, a.ID, '');
    expect(first.readUserIDList).toEqual(READERS.slice(0, 5));
    expect(thrownBy(() => page(b.server, b.ID, first.cursor))).toMatchObject(refused);
    expect(page(a.server, a.ID, first.cursor).readUserIDList).toEqual(READERS.slice(5, 10));
  });

  it('R7: a cursor edited by hand is refused, whichever part was changed', () => {
    const { server, ID } = readServer(1);
    const { cursor } = page(server, ID, '');
    const [filter, position, tag] = cursor.split('.') as [string, string, string];
    const edits = [
      `${filter}.${(Number.parseInt(position, 32) + 5).toString(32).padStart(7, '0')}.${tag}`,
      `${filter}.${position}.${tag.slice(0, -1)}${tag.endsWith('0') ? '1' : '0'}`,
      `1.${position}.${tag}`,
      `${cursor}0`,
      // The same position, written without its leading zeros: not the cursor the server issued.
      `${filter}.${Number.parseInt(position, 32).toString(32)}.${tag}`,
    ];
    expect(cursor).toMatch(/^0\.[0-9a-v]{7}\.[0-9a-v]{10}$/);
    for (const edited of edits) expect(thrownBy(() => page(server, ID, edited))).toMatchObject(refused);
  });

  it('the same seed gives the same cursors, as determinism asks (docs/rules.md §2)', () => {
    const a = readServer(4);
    const b = readServer(4);
    expect(page(b.server, b.ID, '').cursor).toBe(page(a.server, a.ID, '').cursor);
  });

  it('a full pass still pages through every reader with the cursors the server issues', () => {
    const { server, ID } = readServer(3);
    const seen: string[] = [];
    let cursor = '';
    do {
      const next = page(server, ID, cursor);
      seen.push(...next.readUserIDList);
      cursor = next.cursor;
    } while (cursor !== '');
    expect(seen).toEqual(READERS);
  });
});
