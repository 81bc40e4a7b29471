import type { Meta, StoryObj } from '@storybook/react-vite';
import { type Chat, TYPES } from 'readby';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { type Demo, GROUP_ID, LiveDemo } from '../support/demo';
import { ChatScreen } from './ChatScreen';

interface LiveGroupChatProps {
  /** People in the group, you included. */
  members: number;
  /** The soonest a simulated member reads a message, in ms. */
  minReadDelayMs: number;
  /** The latest a simulated member reads a message, in ms. */
  maxReadDelayMs: number;
  /** Share of the members who ever read, 0 to 1. */
  readRatio: number;
  /** The first state of the composer's "Request read receipts" switch. */
  requestReceipts: boolean;
  /** The provider's privacy switch: when off, you read without telling anyone. */
  sendReadReceipts: boolean;
}

const say = (author: Chat, text: string) =>
  author.sendMessage(
    author.createTextMessage({
      to: GROUP_ID,
      conversationType: TYPES.CONV_GROUP,
      payload: { text },
      needReadReceipt: true,
    }),
  );

/** Earlier today, then a team that reads what you send and keeps talking. */
async function startConversation(
  demo: Demo,
  { minReadDelayMs, maxReadDelayMs, readRatio }: LiveGroupChatProps,
) {
  const [ann, bo, chen, dara, eli] = demo.members;
  const senders = { ann: demo.connectAs('ann'), chen: demo.connectAs('chen'), dara: demo.connectAs('dara') };
  const notes = await say(senders.ann, 'Morning! The release notes are in the shared doc.');
  demo.readAs([bo!, chen!, dara!], notes.data.message);
  await demo.sendToGroup('Thanks, reading them now.', { readers: [ann!, bo!, chen!, dara!, eli!] });
  // The two controls move apart; simulateReaders refuses a reversed range, so a maximum below the minimum is the minimum.
  const delayMs: [number, number] = [minReadDelayMs, Math.max(minReadDelayMs, maxReadDelayMs)];
  demo.simulate({ groupID: GROUP_ID, delayMs, readRatio });
  demo.later(1_000, () => void say(senders.chen, 'Build is green. Shall we ship at 3?'));
  demo.later(12_000, () => void say(senders.dara, 'Reminder: retro at 4. Bring one win and one wish.'));
  return senders;
}

function LiveGroupChat(props: LiveGroupChatProps) {
  const { members, requestReceipts, sendReadReceipts } = props;
  return (
    <LiveDemo
      // New args start a new conversation; the privacy switch alone changes nothing but the provider.
      key={JSON.stringify({ ...props, sendReadReceipts: undefined })}
      options={{ members }}
      sendReadReceipts={sendReadReceipts}
      setup={(demo) => startConversation(demo, props)}
    >
      {(senders) => (
        <ChatScreen
          conversationType={TYPES.CONV_GROUP}
          to={GROUP_ID}
          title="#team"
          subtitle={`${members} members · click a badge for details`}
          requestReceipts={requestReceipts}
          senderChats={senders}
        />
      )}
    </LiveDemo>
  );
}

const meta = {
  title: 'Scenarios/Live group chat',
  component: LiveGroupChat,
  tags: ['autodocs'],
  args: {
    members: 9,
    minReadDelayMs: 300,
    maxReadDelayMs: 2_500,
    readRatio: 1,
    requestReceipts: true,
    sendReadReceipts: true,
  },
  argTypes: {
    members: { control: { type: 'range', min: 4, max: 60, step: 1 } },
    minReadDelayMs: { control: { type: 'range', min: 0, max: 5_000, step: 100 } },
    maxReadDelayMs: { control: { type: 'range', min: 100, max: 20_000, step: 100 } },
    readRatio: { control: { type: 'range', min: 0, max: 1, step: 0.05 } },
  },
  parameters: {
    layout: 'padded',
    docs: {
      description: {
        component: [
          "A whole group chat made of readby's parts, on the mock server with simulated members:",
          '',
          '- `useMessageList` for history and live messages, `useSendMessage` for the composer, with a "Request read',
          '  receipts" switch that sets `needReadReceipt`;',
          '- a `ReadByBadge` under each of your messages that counts up as members read; click it for a',
          '  `ReadReceiptPanel`;',
          "- `useReadReceiptTracker` on every message, so that you send a receipt for a colleague's message only once it",
          '  has been at least half on screen for half a second while the page has focus. Next to their messages, what',
          '  their own badge says: watch it count you in.',
          '',
          'Type a message and send it.',
        ].join('\n'),
      },
      source: {
        code: [
          "const { messages } = useMessageList('GROUPteam');",
          'const track = useReadReceiptTracker({ root: scrollingList });',
          'const send = useSendMessage();',
          '',
          'return messages.map((message) => (',
          '  <li key={message.ID} ref={track(message)}>',
          '    {message.payload.text}',
          '    <ReadByBadge message={message} showTotal ring onClick={() => setDetails(message)} />',
          '  </li>',
          '));',
        ].join('\n'),
      },
    },
  },
} satisfies Meta<typeof LiveGroupChat>;

export default meta;
type Story = StoryObj<typeof meta>;

const messageItem = async (canvasElement: HTMLElement, text: string) =>
  (await within(canvasElement).findByText(text, {}, { timeout: 3_000 })).closest('li')!;

export const Default: Story = {
  play: async ({ canvasElement, step }) => {
    const canvas = within(canvasElement);
    const input = await canvas.findByRole('textbox', { name: 'Message' });

    await step('Send a message that asks for receipts; members read it', async () => {
      expect(canvas.getByRole('checkbox', { name: 'Request read receipts' })).toBeChecked();
      await userEvent.type(input, 'Ship it at 3?');
      await userEvent.click(canvas.getByRole('button', { name: 'Send' }));
      const mine = await messageItem(canvasElement, 'Ship it at 3?');
      const badge = await within(mine).findByRole('button', { name: /members\)?$/ });
      await waitFor(() => expect(badge).toHaveTextContent(/^Read by all$/), { timeout: 6_000 });
      expect(badge).toHaveAccessibleName('Read by all (Read by 8 of 8 members)');
    });

    await step('Open the details behind the badge', async () => {
      const mine = await messageItem(canvasElement, 'Ship it at 3?');
      await userEvent.click(
        within(mine).getByRole('button', { name: 'Read by all (Read by 8 of 8 members)' }),
      );
      const details = canvas.getByRole('complementary', { name: 'Message details' });
      expect(within(details).getByRole('tab', { name: 'Read (8)' })).toHaveAttribute('aria-selected', 'true');
      expect(within(details).getByRole('tab', { name: 'Unread (0)' })).toBeVisible();
      await userEvent.click(within(details).getByRole('button', { name: 'Close details' }));
      expect(canvas.queryByRole('complementary')).toBeNull();
    });

    await step('Your receipts reach the senders of what you have seen', async () => {
      const notes = await messageItem(canvasElement, 'Morning! The release notes are in the shared doc.');
      // Bo, Chen and Dara had read it; you make four.
      await waitFor(() =>
        expect(within(notes).getByText(/sees/)).toHaveTextContent('Ann sees Read by 4 of 8'),
      );
      const build = await messageItem(canvasElement, 'Build is green. Shall we ship at 3?');
      await waitFor(
        () => expect(within(build).getByText(/sees/)).toHaveTextContent('Chen sees Read by all'),
        {
          timeout: 6_000,
        },
      );
    });

    await step('A message sent without receipts has no badge', async () => {
      await userEvent.click(canvas.getByRole('checkbox', { name: 'Request read receipts' }));
      await userEvent.type(input, 'FYI: the coffee machine is fixed');
      await userEvent.click(canvas.getByRole('button', { name: 'Send' }));
      const plain = await messageItem(canvasElement, 'FYI: the coffee machine is fixed');
      await waitFor(() => expect(within(plain).getByRole('time')).toBeVisible());
      expect(plain.querySelector('[data-readby="badge"]')).toBeNull();
    });
  },
};

export const PrivacySwitchOff: Story = {
  name: 'Privacy switch off',
  args: { sendReadReceipts: false, maxReadDelayMs: 1_200 },
  parameters: {
    docs: {
      description: {
        story:
          '`<ReadByProvider sendReadReceipts={false}>`: you read everything, and nobody is told. The senders\' badges stop one short of "Read by all".',
      },
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(await canvas.findByRole('textbox', { name: 'Message' }));
    const build = await messageItem(canvasElement, 'Build is green. Shall we ship at 3?');
    await waitFor(
      () => expect(within(build).getByText(/sees/)).toHaveTextContent('Chen sees Read by 7 of 8'),
      {
        timeout: 6_000,
      },
    );
    // Long enough for a receipt to have gone out had it been allowed: half a second on screen, then batching.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(within(build).getByText(/sees/)).toHaveTextContent('Chen sees Read by 7 of 8');
    const notes = await messageItem(canvasElement, 'Morning! The release notes are in the shared doc.');
    expect(within(notes).getByText(/sees/)).toHaveTextContent('Ann sees Read by 3 of 8');
  },
};

export const SlowReaders: Story = {
  name: 'Slow, partial readers',
  args: { members: 24, minReadDelayMs: 1_000, maxReadDelayMs: 20_000, readRatio: 0.7 },
  parameters: {
    docs: {
      description: {
        story:
          'A bigger team that takes its time, and where three in ten never read: a realistic pace to watch the badges and panels move.',
      },
    },
  },
};
