import type { RequestName, Requests, ServerPush } from 'readby';
import { describe, expect, it } from 'vitest';
import { KIND } from './invariants';
import { PAGE_KIND } from './memberPass';
import { runSoak } from './soak';
import type { World } from './world';

const OPERATIONS = 1_500;

/** Replaces the server's request handling with `handle`, which may call the real one. */
function interceptServer(
  world: World,
  handle: (
    real: () => unknown,
    method: RequestName,
    params: Record<string, unknown>,
    fromClient: boolean,
  ) => unknown,
): void {
  const { server } = world;
  const request = server.request.bind(server);
  server.request = (<K extends RequestName>(
    userID: string,
    method: K,
    params: Requests[K]['params'],
    from?: Parameters<typeof request>[3],
  ) =>
    handle(
      () => request(userID, method, params, from),
      method,
      params as Record<string, unknown>,
      from !== undefined,
    )) as typeof server.request;
}

/** The soak of seed 1 with one fault planted; the kinds it reports, hostile findings left out. */
async function soakWith(plant: (world: World) => void) {
  const report = await runSoak({ seed: 1, operations: OPERATIONS, onStart: (world) => plant(world) });
  return { kinds: Object.keys(report.violations), stale: report.convergence.stale };
}

// A checker that cannot fail proves nothing: each fault planted here must be reported under its rule.
describe("the soak's checker", () => {
  it('reports a sender view that shows more readers than the server has (R2)', async () => {
    const { kinds } = await soakWith((world) => {
      const { chat } = world.clients[3]!;
      const findMessage = chat.findMessage.bind(chat);
      chat.findMessage = (ID) => {
        const message = findMessage(ID);
        const info = message?.readReceiptInfo;
        if (message?.conversationType !== 'GROUP' || info?.readCount === undefined) return message;
        return {
          ...message,
          readReceiptInfo: { readCount: info.readCount + 1, unreadCount: info.unreadCount },
        };
      };
    });
    expect(kinds).toEqual(expect.arrayContaining([KIND.ahead, KIND.sum]));
  });

  it('reports a member-list pass that leaves out a non-reader (R7)', async () => {
    const { kinds } = await soakWith((world) =>
      interceptServer(world, (real, method) => {
        const page = real() as { unreadUserIDList: string[] };
        return method === 'getGroupMessageReadMemberList' && page.unreadUserIDList.length > 1
          ? { ...page, unreadUserIDList: page.unreadUserIDList.slice(1) }
          : page;
      }),
    );
    expect(kinds).toContain(PAGE_KIND.missing);
  });

  it('reports a receipt call that succeeds without storing its receipts (R3)', async () => {
    let calls = 0;
    const { kinds } = await soakWith((world) =>
      interceptServer(world, (real, method, _params, fromClient) =>
        method === 'sendMessageReadReceipt' && fromClient && ++calls % 40 === 0 ? {} : real(),
      ),
    );
    expect(kinds).toContain(KIND.missing);
  });

  it('reports sender views left stale by receipt pushes lost without a trace (docs/rules.md §4)', async () => {
    const { stale } = await soakWith((world) => {
      // Neither delivered nor numbered: no gap tells the client, so only a pull by hand could repair it.
      const { transport } = world.clients[2]!;
      const deliver = transport.deliver.bind(transport);
      transport.deliver = (push: ServerPush) => {
        if (world.op < OPERATIONS - 500 || push.type !== 'receipts') deliver(push);
      };
    });
    expect(stale).toBeGreaterThan(0);
  });
});
