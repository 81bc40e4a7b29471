/**
 * readby/mock: the in-package backend for tests, stories and demos. A deterministic server that enforces the
 * read-receipt rules, a transport that carries plain JSON with latency and faults on demand, and a simulation of
 * members who read over time.
 *
 * @example
 * ```ts
 * import ReadBy from 'readby';
 * import { createMockServer, simulateReaders } from 'readby/mock';
 *
 * const server = createMockServer({ seed: 1, latencyMs: [30, 120] });
 * server.createGroup({ groupID: 'team', type: 'Private', memberList: ['alice', 'bob', 'carol'] });
 * simulateReaders(server, { groupID: 'team', exclude: ['alice'] });
 * const chat = ReadBy.create({ transport: server.connect('alice') });
 * ```
 */
export type { CreateGroupOptions } from './groups';
export { MAX_PAYLOAD_BYTES } from './messageDraft';
export { createRandom, hashString, type Random } from './random';
export {
  createMockServer,
  MockServer,
  type MockServerOptions,
  type PostMessageOptions,
} from './server';
export type { ServerConnection } from './serverState';
export { type ReaderSimulation, type SimulateReadersOptions, simulateReaders } from './simulateReaders';
export type { ReceiptTruth } from './stats';
export { type ConnectOptions, MockTransport } from './transport';
