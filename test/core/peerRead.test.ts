import ReadBy, { EVENT, type ServerPush, type Transport } from 'readby';
import type { MockTransport } from 'readby/mock';
import { describe, expect, it, vi } from 'vitest';
import {
  connect,
  createServer,
  load,
  record,
  sendText,
  sendToPeer,
  settle,
  teamServer,
  track,
} from './helpers';

const NOW_MS = 1_700_002_000_000;

/** A transport whose read marks (`peerRead` pushes) are held back until `release()`, as on a slow link. */
function holdingReadMarks(inner: MockTransport): { transport: Transport; release: () => void } {
  const held: ServerPush[] = [];
  let deliver: ((push: ServerPush) => void) | null = null;
  const transport: Transport = {
    userID: inner.userID,
    clientID: inner.clientID,
    open: (listener) => {
      deliver = (push) => listener.onPush(push);
      return inner.open({
        onPush: (push) => (push.type === 'peerRead' ? held.push(push) : listener.onPush(push)),
        onStateChange: (state) => listener.onStateChange(state),
      });
    },
    request: (method, params) => inner.request(method, params),
    close: () => inner.close(),
  };
  const release = () => {
    for (const push of held.splice(0)) deliver!(push);
  };
  return { transport, release };
}

function pair() {
  const server = createServer({ now: () => NOW_MS });
  const alice = connect(server, 'alice');
  const bob = connect(server, 'bob');
  return { server, alice, bob };
}

describe('R9: one-to-one read state', () => {
  it('R9: a receipt from the peer sets readReceiptInfo.isPeerRead and timestamp, not message.isPeerRead', async () => {
    const { alice, bob } = pair();
    const message = await sendToPeer(alice, 'bob', 'x');
    await bob.sendMessageReadReceipt(await load(bob, 'C2Calice'));
    await settle();
    expect(alice.findMessage(message.ID)).toMatchObject({
      readReceiptInfo: { isPeerRead: true, timestamp: 1_700_002_000 },
      isPeerRead: false,
    });
  });

  it('R9: setMessageRead by the peer sets isPeerRead, not the receipt info, and emits MESSAGE_READ_BY_PEER', async () => {
    const { alice, bob } = pair();
    const handler = vi.fn();
    alice.on(EVENT.MESSAGE_READ_BY_PEER, handler);
    const receiptHandler = vi.fn();
    alice.on(EVENT.MESSAGE_READ_RECEIPT_RECEIVED, receiptHandler);
    const first = await sendToPeer(alice, 'bob', 'one');
    const second = await sendToPeer(alice, 'bob', 'two', false);
    await sendToPeer(bob, 'alice', 'reply');
    await bob.setMessageRead({ conversationID: 'C2Calice' });
    await settle();

    const changed = [first, second].map((m) => alice.findMessage(m.ID)!);
    expect(changed.map((m) => m.isPeerRead)).toEqual([true, true]);
    expect(changed[0]!.readReceiptInfo).toEqual({ isPeerRead: false, timestamp: 0 });
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler).toHaveBeenCalledWith({ name: 'onMessageReadByPeer', data: changed });
    expect(receiptHandler).not.toHaveBeenCalled();
  });

  it('R9: marks only the messages sent before the peer read the conversation', async () => {
    const { server, alice, bob } = pair();
    const seen = record(alice, EVENT.MESSAGE_READ_BY_PEER);
    const before = await sendToPeer(alice, 'bob', 'before');
    await bob.setMessageRead({ conversationID: 'C2Calice' });
    await settle();
    const after = await sendToPeer(alice, 'bob', 'after');
    await settle();
    expect(alice.findMessage(before.ID)!.isPeerRead).toBe(true);
    expect(alice.findMessage(after.ID)!.isPeerRead).toBe(false);
    await bob.setMessageRead({ conversationID: 'C2Calice' });
    await settle();
    expect(seen.map((data) => data.map((m) => m.ID))).toEqual([[before.ID], [after.ID]]);

    // A read mark that arrives only after a newer message went out still covers only what the peer had read.
    const { transport, release } = holdingReadMarks(server.connect('alice'));
    const phone = track(ReadBy.create({ transport }));
    const covered = await sendToPeer(phone, 'bob', 'covered');
    await bob.setMessageRead({ conversationID: 'C2Calice' });
    await settle();
    const newer = await sendToPeer(phone, 'bob', 'newer');
    const onPhone = record(phone, EVENT.MESSAGE_READ_BY_PEER);
    expect(phone.findMessage(covered.ID)!.isPeerRead).toBe(false);
    release();
    await settle();
    expect(phone.findMessage(covered.ID)!.isPeerRead).toBe(true);
    expect(phone.findMessage(newer.ID)!.isPeerRead).toBe(false);
    expect(onPhone.map((data) => data.map((m) => m.ID))).toEqual([[covered.ID]]);
  });

  it('R9: works both ways', async () => {
    const { alice, bob } = pair();
    const fromBob = await sendToPeer(bob, 'alice', 'hi alice');
    const seenByBob = record(bob, EVENT.MESSAGE_READ_BY_PEER);
    const seenByAlice = record(alice, EVENT.MESSAGE_READ_BY_PEER);
    await alice.setMessageRead({ conversationID: 'C2Cbob' });
    await settle();
    expect(bob.findMessage(fromBob.ID)!.isPeerRead).toBe(true);
    expect(seenByBob).toEqual([[bob.findMessage(fromBob.ID)]]);
    expect(seenByAlice).toEqual([]);
    // The reader's copy of an incoming message is not "read by the peer".
    expect(alice.findMessage(fromBob.ID)?.isPeerRead ?? false).toBe(false);
  });

  it('R9: isPeerRead shows in history loaded later and in getMessageReadReceiptList', async () => {
    const { server, alice, bob } = pair();
    const message = await sendToPeer(alice, 'bob', 'x');
    await bob.setMessageRead({ conversationID: 'C2Calice' });
    const laptop = connect(server, 'alice');
    const [loaded] = await load(laptop, 'C2Cbob');
    expect(loaded).toMatchObject({ ID: message.ID, isPeerRead: true });
    const { data } = await alice.getMessageReadReceiptList([message]);
    expect(data.messageList[0]!.isPeerRead).toBe(true);
  });

  it('R9: reaches every connected client of the sender', async () => {
    const { server, alice, bob } = pair();
    const laptop = connect(server, 'alice');
    await settle();
    const message = await sendToPeer(alice, 'bob', 'x');
    await settle();
    const onLaptop = record(laptop, EVENT.MESSAGE_READ_BY_PEER);
    await bob.setMessageRead({ conversationID: 'C2Calice' });
    await settle();
    expect(onLaptop.map((data) => data.map((m) => [m.ID, m.isPeerRead]))).toEqual([[[message.ID, true]]]);
  });

  it('R9: group conversations have no MESSAGE_READ_BY_PEER', async () => {
    const server = teamServer(['alice', 'bob']);
    const alice = connect(server, 'alice');
    const bob = connect(server, 'bob');
    const handler = vi.fn();
    alice.on(EVENT.MESSAGE_READ_BY_PEER, handler);
    const message = await sendText(alice, 'team', 'x');
    await bob.setMessageRead({ conversationID: 'GROUPteam' });
    await settle();
    expect(handler).not.toHaveBeenCalled();
    expect(alice.findMessage(message.ID)!.isPeerRead).toBe(false);
  });
});
