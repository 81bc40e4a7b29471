import ReadBy, {
  type Chat,
  type ChatOptions,
  type NetState,
  type ReadByError,
  type RequestName,
  type ServerPush,
  type Transport,
  type TransportListener,
} from 'readby';
import type { MockServer, MockTransport } from 'readby/mock';
import { track } from './helpers';

/** A chat over the mock server whose wire a test can tamper with, as a broken or hostile server could. */
export interface TamperedChat {
  chat: Chat;
  inner: MockTransport;
  /** Everything the chat reported through `onError`, in order. */
  reported: ReadByError[];
  /** The method of every request the chat made, in order. */
  requests: RequestName[];
  /** Hands the chat any value as a push. */
  push(value: unknown): void;
  /** Hands the chat any value as a connection state. */
  state(value: unknown): void;
  /** Replaces the next answer to `method` with what `change` makes of it (a copy, free to change). */
  tamper(method: RequestName, change: (answer: never) => unknown): void;
}

export function tamperedChat(
  server: MockServer,
  userID: string,
  options: Omit<ChatOptions, 'transport'> = {},
): TamperedChat {
  const inner = server.connect(userID);
  let listener: TransportListener | null = null;
  const changes = new Map<RequestName, (answer: never) => unknown>();
  const requests: RequestName[] = [];
  const transport: Transport = {
    userID: inner.userID,
    clientID: inner.clientID,
    open: (given) => {
      listener = given;
      return inner.open(given);
    },
    request: async (method, params) => {
      requests.push(method);
      const answer = await inner.request(method, params);
      const change = changes.get(method);
      if (!change) return answer;
      changes.delete(method);
      return change(structuredClone(answer) as never) as typeof answer;
    },
    close: () => inner.close(),
  };
  const reported: ReadByError[] = [];
  const chat = track(ReadBy.create({ transport, onError: (error) => reported.push(error), ...options }));
  return {
    chat,
    inner,
    reported,
    requests,
    push: (value) => listener!.onPush(value as ServerPush),
    state: (value) => listener!.onStateChange(value as NetState),
    tamper: (method, change) => changes.set(method, change),
  };
}
