import { renderHook, waitFor } from '@testing-library/react';
import { ERROR_CODE, ReadByError } from 'readby';
import { useReadReceipt } from 'readby/react';
import { describe, expect, it, vi } from 'vitest';
import { connectWithTransport, providerOf, send, teamServer } from './helpers';

describe('§3 useReadReceipt: counts that failed to load', () => {
  it('are asked for again when the connection comes back, and then shown', async () => {
    const server = teamServer();
    const { chat: alice, transport } = connectWithTransport(server, 'alice');
    const message = await send(alice, 'team', 'Lunch?');
    server.request('bob', 'sendMessageReadReceipt', { messageIDs: [message.ID] });
    // History as another device loads it: counts unknown until asked for.
    const { chat: viewer, transport: viewerTransport } = connectWithTransport(server, 'alice');
    const [loaded] = (await viewer.getMessageList({ conversationID: 'GROUPteam' })).data.messageList;
    const pull = vi
      .spyOn(viewer, 'getMessageReadReceiptList')
      .mockRejectedValueOnce(new ReadByError(ERROR_CODE.NETWORK_ERROR, 'network error: offline'));

    const { result } = renderHook(() => useReadReceipt(loaded!), { wrapper: providerOf(viewer) });
    await waitFor(() => expect(result.current.error?.code).toBe(ERROR_CODE.NETWORK_ERROR));
    expect(result.current.readCount).toBeUndefined();
    expect(pull).toHaveBeenCalledTimes(1);

    viewerTransport.disconnect();
    await viewerTransport.reconnect();
    await waitFor(() =>
      expect(result.current).toMatchObject({ status: 'partial', readCount: 1, total: 3, error: null }),
    );
    expect(pull).toHaveBeenCalledTimes(2);
    transport.close();
  });
});
