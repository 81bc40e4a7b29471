import ReadBy from 'readby';
import { createMockServer, type MockServer, type MockTransport } from 'readby/mock';
import { describe, expect, it } from 'vitest';
import { postToGroup, settle } from './support';

const quiet = { onPush() {}, onStateChange() {} };

function teamServer(): MockServer {
  const server = createMockServer({ seed: 9 });
  server.createGroup({ groupID: 'team', type: 'Private', memberList: ['alice', 'bob', 'carol'] });
  return server;
}

describe('identity is fixed when a connection is made (R10)', () => {
  it('R10: assigning a transport’s userID throws, and alice’s receipt still counts as alice’s', async () => {
    const server = teamServer();
    const { ID } = postToGroup(server, 'carol', 'team', 'read me');
    const transport = server.connect('alice');
    expect(() => {
      (transport as { userID: string }).userID = 'bob';
    }).toThrow(TypeError);
    expect(transport.userID).toBe('alice');
    await transport.open(quiet);
    await transport.request('sendMessageReadReceipt', { messageIDs: [ID] });
    expect(server.getReceiptTruth(ID)?.readUserIDList).toEqual(['alice']);
    transport.close();
  });

  it('R10: a userID property defined over the transport fools no one but its own client', async () => {
    const server = teamServer();
    const { ID } = postToGroup(server, 'carol', 'team', 'read me');
    const transport = server.connect('alice');
    Object.defineProperty(transport, 'userID', { value: 'bob' });
    const chat = ReadBy.create({ transport });
    expect(chat.userID).toBe('bob');
    const { data } = await chat.getMessageList({ conversationID: 'GROUPteam' });
    await chat.sendMessageReadReceipt(data.messageList);
    expect(server.getReceiptTruth(ID)?.readUserIDList).toEqual(['alice']);
    chat.destroy();
  });

  it('R10: the client ID, which scopes message IDs, cannot be reassigned either', () => {
    const transport = teamServer().connect('alice');
    const clientID = transport.clientID;
    expect(() => {
      (transport as { clientID: string }).clientID = 'bob~1';
    }).toThrow(TypeError);
    expect(transport.clientID).toBe(clientID);
  });
});

describe('connections are released (docs/rules.md §2)', () => {
  it('after 1,000 connect, open and close cycles the server holds no connection records', async () => {
    const server = teamServer();
    for (let i = 0; i < 1_000; i++) {
      const transport = server.connect(`visitor${i}`);
      await transport.open(quiet);
      if (i === 0) expect(server.getConnectionStats()).toEqual({ connections: 1, users: 1 });
      if (i % 2 === 0) transport.close();
      else transport.disconnect();
    }
    expect(server.getConnectionStats()).toEqual({ connections: 0, users: 0 });
  });

  it('a connection whose userID someone tried to change is still released on close', async () => {
    const server = teamServer();
    const transports: MockTransport[] = [];
    for (const userID of ['alice', 'alice', 'bob']) {
      const transport = server.connect(userID);
      await transport.open(quiet);
      Object.defineProperty(transport, 'userID', { value: 'carol' });
      transports.push(transport);
    }
    expect(server.getConnectionStats()).toEqual({ connections: 3, users: 2 });
    for (const transport of transports) transport.close();
    expect(server.getConnectionStats()).toEqual({ connections: 0, users: 0 });
  });

  it('a group message reaches the members connected now, and no one who has left', async () => {
    const server = teamServer();
    const pushed: string[] = [];
    const carol = server.connect('carol');
    await carol.open({ onPush: (push) => pushed.push(push.type), onStateChange() {} });
    for (let i = 0; i < 100; i++) {
      const visitor = server.connect('bob');
      await visitor.open(quiet);
      visitor.close();
    }
    postToGroup(server, 'alice', 'team', 'hello');
    await settle();
    expect(pushed).toEqual(['message']);
    expect(server.getConnectionStats()).toEqual({ connections: 1, users: 1 });
    carol.close();
  });
});
