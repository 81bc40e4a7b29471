import type { ChatLikeEventMap, ChatLikeEventName, GroupType } from 'readby';
import type { TencentChat } from 'readby/tencent';
import { createTencentServer, type TencentMockServer } from './fakeTencentChat';

/**
 * Lets every queued delivery run: without latency the mock server delivers with microtasks, and a macrotask
 * runs only after all of them.
 */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** A server with one group, `team`, of the given type, whose members joined in the order given. */
export function teamServer(
  type: GroupType = 'Private',
  members: string[] = ['alice', 'bob', 'carol'],
): TencentMockServer {
  const server = createTencentServer({ seed: 1 });
  server.createGroup({ groupID: 'team', type, memberList: members });
  return server;
}

/** Every event of one name the adapter emits, as `{ name, data }`, in order. */
export function record<K extends ChatLikeEventName>(
  chat: TencentChat,
  name: K,
): { name?: string; data: ChatLikeEventMap[K] }[] {
  const events: { name?: string; data: ChatLikeEventMap[K] }[] = [];
  chat.on(name, (event) => events.push(event));
  return events;
}

/** The states announced by `NET_STATE_CHANGE`, in order. */
export function recordNetStates(chat: TencentChat): string[] {
  const states: string[] = [];
  chat.on('netStateChange', ({ data }) => states.push(data.state));
  return states;
}

/**
 * A bare SDK double whose events a test fires by hand, for what the fake never does (a state the SDK may add
 * later, a group list that fails to load). Its calls resolve with empty answers.
 */
export function stubSdk(options: { ready?: boolean; user?: string } = {}) {
  const handlers = new Map<string, ((event: { name: string; data: unknown }) => void)[]>();
  const stub = {
    ready: options.ready ?? false,
    user: options.user ?? '',
    groupList: (): Promise<{ data: { groupList: { groupID: string; type: string }[] } }> =>
      Promise.resolve({ data: { groupList: [] } }),
    emit(name: string, data?: unknown): void {
      for (const handler of [...(handlers.get(name) ?? [])]) handler({ name, data });
    },
    getLoginUser: () => stub.user,
    isReady: () => stub.ready,
    on(name: string, handler: (event: { name: string; data: unknown }) => void): void {
      handlers.set(name, [...(handlers.get(name) ?? []), handler]);
    },
    off(name: string, handler: (event: { name: string; data: unknown }) => void): void {
      handlers.set(
        name,
        (handlers.get(name) ?? []).filter((entry) => entry !== handler),
      );
    },
    createTextMessage: () => {
      throw new Error('not used');
    },
    sendMessage: () => Promise.reject(new Error('not used')),
    getMessageList: () =>
      Promise.resolve({ data: { messageList: [], nextReqMessageID: '', isCompleted: true } }),
    sendMessageReadReceipt: () => Promise.resolve({ data: {} }),
    getMessageReadReceiptList: () => Promise.resolve({ data: { messageList: [] } }),
    getGroupMessageReadMemberList: () => Promise.resolve({ data: {} }),
    findMessage: () => null,
    getGroupList: () => stub.groupList(),
    getGroupProfile: () => Promise.reject(Object.assign(new Error('no group'), { code: 10010 })),
  };
  return stub;
}
