import type { Meta, StoryObj } from '@storybook/react-vite';
import { TYPES } from 'readby';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { LiveDemo, PEER, VIEWER } from '../support/demo';
import { ChatScreen } from './ChatScreen';

interface OneToOneChatProps {
  /** How long Bo takes to read each of your messages, in ms. */
  peerReadDelayMs: number;
  /** After reading, Bo also marks the conversation read (`setMessageRead`), which reaches you as "read by peer". */
  markRead: boolean;
  /** The first state of the composer's "Request read receipts" switch. */
  requestReceipts: boolean;
}

function OneToOneChat(props: OneToOneChatProps) {
  const { peerReadDelayMs, markRead, requestReceipts } = props;
  return (
    <LiveDemo
      key={JSON.stringify(props)}
      options={{ members: 0 }}
      setup={async (demo) => {
        const bo = demo.connectAs(PEER);
        await bo.sendMessage(
          bo.createTextMessage({
            to: VIEWER,
            conversationType: TYPES.CONV_C2C,
            payload: { text: 'Are we still on for Friday?' },
            needReadReceipt: true,
          }),
        );
        await demo.sendToPeer('Yes! 7 pm at Lupa.', { read: true });
        demo.simulate({ peers: [PEER], delayMs: [peerReadDelayMs, peerReadDelayMs], markRead });
        return { [PEER]: bo };
      }}
    >
      {(senders) => (
        <ChatScreen
          conversationType={TYPES.CONV_C2C}
          to={PEER}
          title="Bo"
          subtitle="One-to-one: badges say Read or Unread"
          requestReceipts={requestReceipts}
          senderChats={senders}
        />
      )}
    </LiveDemo>
  );
}

const meta = {
  title: 'Scenarios/One-to-one chat',
  component: OneToOneChat,
  tags: ['autodocs'],
  args: { peerReadDelayMs: 1_200, markRead: true, requestReceipts: true },
  argTypes: { peerReadDelayMs: { control: { type: 'range', min: 0, max: 10_000, step: 100 } } },
  parameters: {
    docs: {
      description: {
        component: [
          'A conversation with one person. Badges say "Unread" until Bo has read the message, then "Read"; there is no',
          "count and no panel. Bo reads each of your messages after `peerReadDelayMs`. Bo's first message asks for a",
          'receipt too: next to it, what Bo\'s own badge says, which turns to "Read" once you have seen it.',
        ].join(' '),
      },
    },
  },
} satisfies Meta<typeof OneToOneChat>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {
  play: async ({ canvasElement, step }) => {
    const canvas = within(canvasElement);
    const input = await canvas.findByRole('textbox', { name: 'Message' });

    await step('Your earlier message was read; Bo sees that you read theirs', async () => {
      const earlier = (await canvas.findByText('Yes! 7 pm at Lupa.')).closest('li')!;
      expect(within(earlier).getByRole('img')).toHaveTextContent(/^Read$/);
      await userEvent.click(input);
      const question = canvas.getByText('Are we still on for Friday?').closest('li')!;
      await waitFor(() => expect(within(question).getByText(/sees/)).toHaveTextContent('Bo sees Read'));
    });

    await step('A new message is unread, then read', async () => {
      await userEvent.type(input, 'Running ten minutes late');
      await userEvent.click(canvas.getByRole('button', { name: 'Send' }));
      const mine = (await canvas.findByText('Running ten minutes late')).closest('li')!;
      await waitFor(() => expect(within(mine).getByRole('img')).toHaveTextContent(/^Unread$/));
      await waitFor(() => expect(within(mine).getByRole('img')).toHaveTextContent(/^Read$/), {
        timeout: 4_000,
      });
      expect(within(mine).getByRole('img')).toHaveAccessibleName('Read');
    });
  },
};

export const SlowToRead: Story = {
  name: 'Bo takes a while',
  args: { peerReadDelayMs: 8_000 },
  parameters: { docs: { description: { story: 'Bo reads each message eight seconds after it arrives.' } } },
};
