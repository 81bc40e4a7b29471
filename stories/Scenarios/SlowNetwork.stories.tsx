import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { EVENT, TYPES } from 'readby';
import type { MockTransport } from 'readby/mock';
import { useChatEvent } from 'readby/react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { GROUP_ID, LiveDemo, NetworkStatus } from '../support/demo';
import { ChatScreen } from './ChatScreen';

interface SlowNetworkChatProps {
  /** The fastest a delivery (request, answer or push) takes, in ms. */
  minLatencyMs: number;
  /** The slowest a delivery takes, in ms. */
  maxLatencyMs: number;
  /** Chance that a delivery on your connection is lost. A lost request or answer times out after 5 s. */
  dropRate: number;
  /** Chance that a delivery on your connection arrives twice. */
  duplicateRate: number;
  /** Deliveries on your connection take up to 200 ms more at random, so they overtake each other. */
  reorder: boolean;
  /** People in the group, you included. */
  members: number;
  /** Every member reads each message within this many ms. */
  readWithinMs: number;
}

/** How many receipt events the chat has delivered, and how many receipts they carried. */
function ReceiptEvents() {
  const [seen, setSeen] = useState({ events: 0, items: 0 });
  useChatEvent(EVENT.MESSAGE_READ_RECEIPT_RECEIVED, ({ data }) =>
    setSeen((was) => ({ events: was.events + 1, items: was.items + data.length })),
  );
  return (
    <span>
      Receipt events: {seen.events} ({seen.items} items)
    </span>
  );
}

function OfflineSwitch({ link }: { link: MockTransport }) {
  const [online, setOnline] = useState(true);
  const toggle = () => {
    if (online) link.disconnect();
    else void link.reconnect();
    setOnline(!online);
  };
  return (
    <button type="button" className="demo-button" onClick={toggle}>
      {online ? 'Go offline' : 'Reconnect'}
    </button>
  );
}

function SlowNetworkChat(props: SlowNetworkChatProps) {
  const { minLatencyMs, maxLatencyMs, dropRate, duplicateRate, reorder, members, readWithinMs } = props;
  return (
    <LiveDemo
      key={JSON.stringify(props)}
      options={{
        members,
        latencyMs: [minLatencyMs, Math.max(minLatencyMs, maxLatencyMs)],
        link: { dropRate, duplicateRate, reorder: reorder ? 200 : false, heartbeatMs: 2_000 },
        requestTimeoutMs: 5_000,
      }}
      setup={(demo) => {
        demo.simulate({ groupID: GROUP_ID, delayMs: [Math.min(300, readWithinMs), readWithinMs] });
        return null;
      }}
    >
      {(_value, demo) => (
        <ChatScreen
          conversationType={TYPES.CONV_GROUP}
          to={GROUP_ID}
          title="#team, over a bad connection"
          subtitle={`Latency ${minLatencyMs}–${maxLatencyMs} ms · ${Math.round(dropRate * 100)}% lost · ${Math.round(duplicateRate * 100)}% doubled${reorder ? ' · reordered' : ''}`}
          toolbar={
            <>
              <NetworkStatus />
              <ReceiptEvents />
              <OfflineSwitch link={demo.link} />
            </>
          }
        />
      )}
    </LiveDemo>
  );
}

const meta = {
  title: 'Scenarios/Slow and lossy network',
  component: SlowNetworkChat,
  tags: ['autodocs'],
  args: {
    minLatencyMs: 300,
    maxLatencyMs: 1_500,
    dropRate: 0.05,
    duplicateRate: 0.05,
    reorder: true,
    members: 9,
    readWithinMs: 3_000,
  },
  argTypes: {
    minLatencyMs: { control: { type: 'range', min: 0, max: 3_000, step: 50 } },
    maxLatencyMs: { control: { type: 'range', min: 0, max: 5_000, step: 50 } },
    dropRate: { control: { type: 'range', min: 0, max: 0.5, step: 0.01 } },
    duplicateRate: { control: { type: 'range', min: 0, max: 0.5, step: 0.01 } },
    members: { control: { type: 'range', min: 2, max: 60, step: 1 } },
    readWithinMs: { control: { type: 'range', min: 0, max: 20_000, step: 100 } },
  },
  parameters: {
    docs: {
      description: {
        component: [
          'The same chat over a connection that is slow, loses and doubles deliveries, and reorders them. Watch a',
          'message go from "Sending…" to its counts, which only ever move forward: a push that arrives late or twice',
          'never takes a badge back. A lost request times out and the message says "Not sent". "Go offline" drops',
          'the connection; on "Reconnect" the chat asks for the counts of every message it watches, so what was',
          'pushed while it was away is not lost. Pushes are numbered and a heartbeat every 2 s repeats the latest',
          'number, so a push lost on the way is noticed too, and the chat pulls what it missed.',
          '',
          'The mock transport takes the faults as options: `server.connect(userID, { latencyMs, dropRate,',
          'duplicateRate, reorder, heartbeatMs })`.',
        ].join('\n'),
      },
      source: {
        code: [
          'const server = createMockServer({ seed: 7, latencyMs: [300, 1500] });',
          "const link = server.connect('you', { dropRate: 0.05, duplicateRate: 0.05, reorder: 200, heartbeatMs: 2_000 });",
          'const chat = ReadBy.create({ transport: link, requestTimeoutMs: 5_000 });',
        ].join('\n'),
      },
    },
  },
} satisfies Meta<typeof SlowNetworkChat>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {
  name: 'Slow and lossy',
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByText('Network: connected', {}, { timeout: 3_000 });
    await userEvent.type(canvas.getByRole('textbox', { name: 'Message' }), 'Is anyone else lagging?');
    await userEvent.click(canvas.getByRole('button', { name: 'Send' }));
    const mine = (await canvas.findByText('Is anyone else lagging?')).closest('li')!;
    // Latency is at least 300 ms each way, so "Sending…" is there to be seen.
    expect(within(mine).getByRole('button', { name: 'Sending…' })).toBeVisible();
    await waitFor(
      () => expect(within(mine).getByRole('button', { name: /^Read by \d of 8 members$/ })).toBeVisible(),
      { timeout: 6_000 },
    );
  },
};

export const OfflineAndBack: Story = {
  name: 'Offline, and back',
  args: { minLatencyMs: 100, maxLatencyMs: 300, dropRate: 0, duplicateRate: 0.2, readWithinMs: 1_500 },
  parameters: {
    docs: {
      description: {
        story:
          'Send a message, go offline while members read it, and reconnect: the badge catches up on what it missed.',
      },
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByText('Network: connected', {}, { timeout: 3_000 });
    await userEvent.type(canvas.getByRole('textbox', { name: 'Message' }), 'Back in five');
    await userEvent.click(canvas.getByRole('button', { name: 'Send' }));
    const mine = (await canvas.findByText('Back in five')).closest('li')!;
    const badge = await within(mine).findByRole('button', { name: /members\)?$/ }, { timeout: 3_000 });
    await userEvent.click(canvas.getByRole('button', { name: 'Go offline' }));
    await canvas.findByText('Network: disconnected');
    const whenOffline = badge.getAttribute('aria-label')!;
    // Every member reads within a second and a half; while offline, none of it reaches the badge.
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    expect(badge).toHaveAccessibleName(whenOffline);
    expect(badge).not.toHaveTextContent('Read by all');
    await userEvent.click(canvas.getByRole('button', { name: 'Reconnect' }));
    await waitFor(() => expect(badge).toHaveTextContent(/^Read by all$/), { timeout: 3_000 });
  },
};
