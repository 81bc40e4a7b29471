import ReadBy, { type ChatEvent, ERROR_CODE, EVENT, TYPES } from 'readby';
import { createMockServer } from 'readby/mock';
import { describe, expect, it, vi } from 'vitest';
import { connect, sendText, settle, teamServer, thrown, track, untyped } from './helpers';

type Received = ChatEvent<typeof EVENT.MESSAGE_RECEIVED>;

/** Alice and Bob in `team`; `post` has Alice send a message Bob receives. */
function room() {
  const server = teamServer(['alice', 'bob']);
  const alice = connect(server, 'alice');
  const bob = connect(server, 'bob');
  const post = async (text = 'x') => {
    await sendText(alice, 'team', text, { needReadReceipt: false });
    await settle();
  };
  return { server, alice, bob, post };
}

describe('on and off', () => {
  it('on calls the handler with { name, data } for every event until off', async () => {
    const { bob, post } = room();
    const handler = vi.fn();
    bob.on(EVENT.MESSAGE_RECEIVED, handler);
    await post('one');
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler.mock.calls[0]![0]).toMatchObject({
      name: 'onMessageReceived',
      data: [{ payload: { text: 'one' } }],
    });
    bob.off(EVENT.MESSAGE_RECEIVED, handler);
    await post('two');
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('on returns a function that stops the handler', async () => {
    const { bob, post } = room();
    const handler = vi.fn();
    const stop = bob.on(EVENT.MESSAGE_RECEIVED, handler);
    await post();
    stop();
    stop();
    await post();
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('calls handlers in the order they were added, each once per event', async () => {
    const { bob, post } = room();
    const order: string[] = [];
    bob.on(EVENT.MESSAGE_RECEIVED, () => order.push('first'));
    bob.on(EVENT.MESSAGE_RECEIVED, () => order.push('second'));
    await post();
    expect(order).toEqual(['first', 'second']);
  });

  it('off with a handler that was never added, or for another event, changes nothing', async () => {
    const { bob, post } = room();
    const handler = vi.fn();
    bob.on(EVENT.MESSAGE_RECEIVED, handler);
    bob.off(EVENT.MESSAGE_RECEIVED, () => {});
    bob.off(EVENT.MESSAGE_READ_BY_PEER, untyped<() => void>(handler));
    await post();
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('a handler may call off on itself while the event is delivered: it runs once, the others keep running', async () => {
    const { bob, post } = room();
    const once = vi.fn((_: Received) => bob.off(EVENT.MESSAGE_RECEIVED, once));
    const after = vi.fn();
    bob.on(EVENT.MESSAGE_RECEIVED, once);
    bob.on(EVENT.MESSAGE_RECEIVED, after);
    await post();
    await post();
    expect(once).toHaveBeenCalledTimes(1);
    expect(after).toHaveBeenCalledTimes(2);
  });

  it('a handler that removes a later one during delivery does not disturb this delivery, and it is gone for the next', async () => {
    const { bob, post } = room();
    const later = vi.fn();
    const remover = vi.fn(() => bob.off(EVENT.MESSAGE_RECEIVED, later));
    bob.on(EVENT.MESSAGE_RECEIVED, remover);
    bob.on(EVENT.MESSAGE_RECEIVED, later);
    await post();
    expect(later).toHaveBeenCalledTimes(1);
    await post();
    expect(remover).toHaveBeenCalledTimes(2);
    expect(later).toHaveBeenCalledTimes(1);
  });

  it('a handler added during delivery starts with the next event', async () => {
    const { bob, post } = room();
    const added = vi.fn();
    const adder = vi.fn(() => {
      if (adder.mock.calls.length === 1) bob.on(EVENT.MESSAGE_RECEIVED, added);
    });
    bob.on(EVENT.MESSAGE_RECEIVED, adder);
    await post();
    expect(added).not.toHaveBeenCalled();
    await post();
    expect(added).toHaveBeenCalledTimes(1);
  });

  it('on throws INVALID_PARAMETER naming the handler when it is not a function', () => {
    const { bob } = room();
    const error = thrown(() => bob.on(EVENT.MESSAGE_RECEIVED, untyped<() => void>('nope')));
    expect(error.code).toBe(ERROR_CODE.INVALID_PARAMETER);
    expect(error.message).toBe('handler: expected a function');
  });

  it('messages pushed together arrive in one MESSAGE_RECEIVED event, in order', async () => {
    const { server, bob } = room();
    await settle();
    const handler = vi.fn();
    bob.on(EVENT.MESSAGE_RECEIVED, handler);
    for (const text of ['a', 'b', 'c']) {
      server.postMessage({ from: 'alice', to: 'team', conversationType: 'GROUP', text });
    }
    await settle();
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler.mock.calls[0]![0].data.map((m: { payload: { text: string } }) => m.payload.text)).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it('a message pushed twice is announced once', async () => {
    const server = teamServer(['alice', 'bob']);
    const alice = connect(server, 'alice');
    const bob = connect(server, 'bob', { duplicateRate: 1 });
    const handler = vi.fn();
    bob.on(EVENT.MESSAGE_RECEIVED, handler);
    await settle();
    await sendText(alice, 'team', 'once');
    await settle();
    await settle();
    expect(handler).toHaveBeenCalledTimes(1);
    expect(handler.mock.calls[0]![0].data).toHaveLength(1);
  });
});

describe('NET_STATE_CHANGE', () => {
  it('reports connected once the transport connects, then disconnected and connecting → connected', async () => {
    const server = teamServer();
    const transport = server.connect('alice');
    const alice = track(ReadBy.create({ transport }));
    const states: string[] = [];
    const handler = vi.fn(({ data }: ChatEvent<typeof EVENT.NET_STATE_CHANGE>) => states.push(data.state));
    alice.on(EVENT.NET_STATE_CHANGE, handler);
    expect(alice.netState).toBe(TYPES.NET_STATE_CONNECTING);
    await settle();
    expect(states).toEqual(['connected']);
    expect(handler).toHaveBeenCalledWith({ name: 'netStateChange', data: { state: 'connected' } });
    expect(alice.netState).toBe('connected');

    transport.disconnect();
    expect(alice.netState).toBe('disconnected');
    await transport.reconnect();
    expect(states).toEqual(['connected', 'disconnected', 'connecting', 'connected']);
    expect(alice.netState).toBe('connected');
  });

  it('reports a repeated disconnect once', async () => {
    const server = teamServer();
    const transport = server.connect('alice');
    const alice = track(ReadBy.create({ transport }));
    await settle();
    const handler = vi.fn();
    alice.on(EVENT.NET_STATE_CHANGE, handler);
    transport.disconnect();
    transport.disconnect();
    expect(handler).toHaveBeenCalledTimes(1);
  });
});

describe('a handler that throws', () => {
  it('does not keep the other handlers from the event, and the error is reported', async () => {
    const server = createMockServer();
    server.createGroup({ groupID: 'team', type: 'Private', memberList: ['alice', 'bob'] });
    const alice = ReadBy.create({ transport: server.connect('alice') });
    const bob = ReadBy.create({ transport: server.connect('bob') });
    const failure = new Error('handler failed');
    const reported = vi.spyOn(console, 'error').mockImplementation(() => {});
    const calls: string[] = [];
    bob.on(ReadBy.EVENT.MESSAGE_RECEIVED, () => {
      calls.push('first');
      throw failure;
    });
    bob.on(ReadBy.EVENT.MESSAGE_RECEIVED, ({ data }) => calls.push(`second:${data.length}`));
    await alice.sendMessage(
      alice.createTextMessage({
        to: 'team',
        conversationType: ReadBy.TYPES.CONV_GROUP,
        payload: { text: 'hi' },
      }),
    );
    await vi.waitFor(() => expect(calls).toEqual(['first', 'second:1']));
    expect(reported).toHaveBeenCalledWith(failure);
    reported.mockRestore();
    alice.destroy();
    bob.destroy();
  });
});
