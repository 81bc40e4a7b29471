import { ERROR_CODE, type GroupType } from 'readby';
import { type CreateGroupOptions, createMockServer } from 'readby/mock';
import { describe, expect, it } from 'vitest';
import { connectChat, groupMessage, postToGroup, settle, thrownBy } from './support';

describe('groups and members (docs/rules.md §2)', () => {
  it('createGroup keeps the members in the order given, and getGroupMemberList returns that join order', () => {
    const server = createMockServer();
    server.createGroup({ groupID: 'team', type: 'Private', memberList: ['carol', 'alice', 'bob'] });
    expect(server.getGroupMemberList('team')).toEqual(['carol', 'alice', 'bob']);
  });

  it('accepts every group type of the vendor SDK', () => {
    const server = createMockServer();
    const types: GroupType[] = ['Private', 'Public', 'ChatRoom', 'AVChatRoom', 'Community'];
    for (const type of types) server.createGroup({ groupID: type, type, memberList: ['alice'] });
    expect(types.map((type) => server.getGroupMemberList(type))).toEqual(types.map(() => ['alice']));
  });

  it('addGroupMembers appends new members at the end and leaves existing members where they are', () => {
    const server = createMockServer();
    server.createGroup({ groupID: 'team', type: 'Public', memberList: ['alice', 'bob'] });
    server.addGroupMembers('team', ['dave', 'alice', 'carol']);
    expect(server.getGroupMemberList('team')).toEqual(['alice', 'bob', 'dave', 'carol']);
  });

  it('removeGroupMembers removes members, ignores non-members, and a member who rejoins joins at the end', () => {
    const server = createMockServer();
    server.createGroup({ groupID: 'team', type: 'Public', memberList: ['alice', 'bob', 'carol'] });
    server.removeGroupMembers('team', ['bob', 'zoe']);
    expect(server.getGroupMemberList('team')).toEqual(['alice', 'carol']);
    server.addGroupMembers('team', ['bob']);
    expect(server.getGroupMemberList('team')).toEqual(['alice', 'carol', 'bob']);
  });

  it('knows every user once they are named, in a group or by a connection', () => {
    const server = createMockServer();
    server.createGroup({ groupID: 'team', type: 'Public', memberList: ['alice', 'bob'] });
    server.addGroupMembers('team', ['carol']);
    server.connect('dave');
    expect(server.getUserList().sort()).toEqual(['alice', 'bob', 'carol', 'dave']);
  });

  it('counts as recipients the members at the send, minus the sender: later joiners are not, leavers stay (R1)', () => {
    const server = createMockServer();
    server.createGroup({ groupID: 'team', type: 'Public', memberList: ['alice', 'bob', 'carol'] });
    const message = postToGroup(server, 'alice', 'team', 'hello');
    server.addGroupMembers('team', ['dave']);
    server.removeGroupMembers('team', ['carol']);
    expect(server.getReceiptTruth(message.ID)).toEqual({
      recipientCount: 2,
      readCount: 0,
      unreadCount: 2,
      readUserIDList: [],
    });
  });

  describe('bad input is refused with INVALID_PARAMETER (10004), naming the parameter (§1.6)', () => {
    const valid: CreateGroupOptions = { groupID: 'team', type: 'Private', memberList: ['alice'] };
    const badCreates: [string, unknown, string][] = [
      ['no options', undefined, 'options'],
      ['options that are not an object', 'team', 'options'],
      ['an empty groupID', { ...valid, groupID: '' }, 'groupID'],
      ['a groupID that is not a string', { ...valid, groupID: 7 }, 'groupID'],
      ['an unknown group type', { ...valid, type: 'Secret' }, 'type'],
      ['a memberList that is not an array', { ...valid, memberList: 'alice' }, 'memberList'],
      ['a memberList with an empty user ID', { ...valid, memberList: ['alice', ''] }, 'memberList'],
      ['a memberList with a number in it', { ...valid, memberList: ['alice', 3] }, 'memberList'],
    ];

    it.each(badCreates)('createGroup with %s', (_, options, parameter) => {
      const server = createMockServer();
      const error = thrownBy(() => server.createGroup(options as CreateGroupOptions));
      expect(error.code).toBe(10004);
      expect(error.message).toMatch(new RegExp(`^${parameter}\\b`));
    });

    it('createGroup with bad input creates nothing, so the corrected call succeeds', () => {
      const server = createMockServer();
      thrownBy(() => server.createGroup({ ...valid, memberList: [''] }));
      expect(thrownBy(() => server.getGroupMemberList('team')).code).toBe(ERROR_CODE.GROUP_NOT_FOUND);
      server.createGroup(valid);
      expect(server.getGroupMemberList('team')).toEqual(['alice']);
    });

    const badLists: [string, unknown][] = [
      ['a string', 'bob'],
      ['an array with an empty user ID', ['bob', '']],
      ['an array with null in it', ['bob', null]],
    ];

    it.each(badLists)('addGroupMembers and removeGroupMembers with %s name userIDs', (_, userIDs) => {
      const server = createMockServer();
      server.createGroup(valid);
      for (const change of [server.addGroupMembers, server.removeGroupMembers]) {
        const error = thrownBy(() => change.call(server, 'team', userIDs as string[]));
        expect(error).toMatchObject({ code: 10004, message: expect.stringMatching(/^userIDs\b/) });
      }
      expect(server.getGroupMemberList('team')).toEqual(['alice']);
    });

    it('connect with an empty user ID names userID', () => {
      const server = createMockServer();
      expect(thrownBy(() => server.connect(''))).toMatchObject({
        code: 10004,
        message: expect.stringMatching(/^userID\b/),
      });
    });

    it('a request with params that are not an object names params', () => {
      const server = createMockServer();
      server.createGroup(valid);
      const error = thrownBy(() => server.request('alice', 'getConversationList', null as never));
      expect(error).toMatchObject({ code: 10004, message: expect.stringMatching(/^params\b/) });
    });

    it.each(['fetchSecrets', 'toString', 'constructor', '__proto__'])(
      'a request for the unknown method %s names method',
      (method) => {
        const server = createMockServer();
        const error = thrownBy(() => server.request('alice', method as 'getConversationList', {}));
        expect(error).toMatchObject({ code: 10004, message: expect.stringMatching(/^method\b/) });
      },
    );
  });

  describe('a missing group is GROUP_NOT_FOUND (10010, R10)', () => {
    it('for addGroupMembers, removeGroupMembers and getGroupMemberList', () => {
      const server = createMockServer();
      expect(thrownBy(() => server.addGroupMembers('nope', ['bob'])).code).toBe(10010);
      expect(thrownBy(() => server.removeGroupMembers('nope', ['bob'])).code).toBe(10010);
      expect(thrownBy(() => server.getGroupMemberList('nope'))).toMatchObject({
        code: ERROR_CODE.GROUP_NOT_FOUND,
        message: expect.stringContaining('nope'),
      });
    });

    it('for a client that sends to it or lists its messages', async () => {
      const server = createMockServer();
      const alice = connectChat(server, 'alice');
      const message = groupMessage(alice, 'nope', 'anyone?');
      await expect(alice.sendMessage(message)).rejects.toMatchObject({ code: ERROR_CODE.GROUP_NOT_FOUND });
      await expect(alice.getMessageList({ conversationID: 'GROUPnope' })).rejects.toMatchObject({
        code: ERROR_CODE.GROUP_NOT_FOUND,
      });
      alice.destroy();
    });
  });

  describe('group IDs are unique', () => {
    it('a second createGroup with the same ID is INVALID_PARAMETER naming groupID, and the first group is kept', () => {
      const server = createMockServer();
      server.createGroup({ groupID: 'team', type: 'Private', memberList: ['alice', 'bob'] });
      const error = thrownBy(() =>
        server.createGroup({ groupID: 'team', type: 'Public', memberList: ['mallory'] }),
      );
      expect(error).toMatchObject({ code: 10004, message: expect.stringMatching(/^groupID\b.*'team'/) });
      expect(server.getGroupMemberList('team')).toEqual(['alice', 'bob']);
    });

    it('a group ID that differs only in case is another group', () => {
      const server = createMockServer();
      server.createGroup({ groupID: 'team', type: 'Private', memberList: ['alice'] });
      server.createGroup({ groupID: 'Team', type: 'Private', memberList: ['bob'] });
      expect(server.getGroupMemberList('Team')).toEqual(['bob']);
    });
  });

  it('membership changes reach clients: a removed member can no longer send, list or read (R10)', async () => {
    const server = createMockServer();
    server.createGroup({ groupID: 'team', type: 'Private', memberList: ['alice', 'bob'] });
    const alice = connectChat(server, 'alice');
    const bob = connectChat(server, 'bob');
    const message = groupMessage(alice, 'team', 'before');
    await alice.sendMessage(message);
    await settle();
    const received = bob.findMessage(message.ID)!;
    server.removeGroupMembers('team', ['bob']);
    const denied = { code: ERROR_CODE.PERMISSION_DENIED };
    await expect(bob.sendMessage(groupMessage(bob, 'team', 'after'))).rejects.toMatchObject(denied);
    await expect(bob.getMessageList({ conversationID: 'GROUPteam' })).rejects.toMatchObject(denied);
    await expect(bob.sendMessageReadReceipt([received])).rejects.toMatchObject(denied);
    expect(server.getReceiptTruth(message.ID)?.readCount).toBe(0);
    alice.destroy();
    bob.destroy();
  });
});
