import type { Meta, StoryObj } from '@storybook/react-vite';
import { type MouseEvent, useState } from 'react';
import { type Message, TYPES } from 'readby';
import { ReadByBadge, type ReadByBadgeProps, ReadReceiptPanel } from 'readby/react';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import {
  GROUP_CONVERSATION,
  GROUP_ID,
  jsxSource,
  LiveDemo,
  MessageCard,
  messageArg,
  type Prepare,
  sourceFromArgs,
  storyRendersOnMessage,
  VIEWER,
} from './support/demo';

/** The badge under a message that the story sends on a live mock server. */
const onMessage = storyRendersOnMessage<ReadByBadgeProps>((message, args) => (
  <MessageCard message={message}>
    <ReadByBadge {...args} message={message} />
  </MessageCard>
));

const meta = {
  title: 'Components/ReadByBadge',
  component: ReadByBadge,
  tags: ['autodocs'],
  args: { message: messageArg, showTotal: false, ring: false },
  argTypes: {
    message: {
      control: false,
      description:
        'The message whose receipts the badge shows. In these stories it is a message the story has just sent.',
    },
    onClick: { control: false },
  },
  parameters: {
    docs: {
      description: {
        component: [
          'A message\'s read state in a few characters: "Read by 3", "Read by 3 of 8", "Read by all" and "Unread" in',
          'groups; "Read" and "Unread" one-to-one; nothing at all for a message that asked for no receipts or is not',
          "yours. It is live: it re-renders when this message's receipts change, and for nothing else.",
          '',
          'Put a `ReadByProvider` around your chat once; then a badge needs only the message:',
          '',
          '```tsx',
          "import { ReadByBadge, ReadByProvider } from 'readby/react';",
          "import 'readby/styles.css';",
          '',
          '<ReadByProvider chat={chat} resolveUser={(id) => directory[id]}>',
          '  <ReadByBadge message={message} showTotal ring onClick={() => openDetails(message)} />',
          '</ReadByProvider>',
          '```',
          '',
          'Every story below runs on the in-package mock server: the group has you and eight others, so "of 8".',
        ].join('\n'),
      },
      source: sourceFromArgs((args) =>
        jsxSource('ReadByBadge', args, {
          message: 'message',
          ...(args.onClick ? { onClick: 'openDetails' } : {}),
        }),
      ),
    },
  },
} satisfies Meta<typeof ReadByBadge>;

export default meta;
type Story = StoryObj<typeof meta>;

const badgeIn = (canvasElement: HTMLElement) => within(canvasElement).findByRole('img');

export const ReadBySome: Story = {
  name: 'Partial: "Read by N"',
  render: onMessage((demo) => demo.sendToGroup('Ship it?', { readers: 3 })),
  parameters: { docs: { description: { story: 'Three of the eight other members have read the message.' } } },
  play: async ({ canvasElement }) => {
    const badge = await badgeIn(canvasElement);
    await waitFor(() => expect(badge).toHaveTextContent(/^Read by 3$/));
    expect(badge).toHaveAccessibleName('Read by 3 of 8 members');
    expect(badge).toHaveAttribute('data-state', 'partial');
  },
};

export const ReadBySomeOfTotal: Story = {
  name: 'Partial with total: "Read by N of M"',
  args: { showTotal: true },
  render: onMessage((demo) => demo.sendToGroup('Ship it?', { readers: 3 })),
  parameters: { docs: { description: { story: '`showTotal` adds the number of recipients.' } } },
  play: async ({ canvasElement }) => {
    const badge = await badgeIn(canvasElement);
    await waitFor(() => expect(badge).toHaveTextContent(/^Read by 3 of 8$/));
    expect(badge).toHaveAttribute('data-read-count', '3');
    expect(badge).toHaveAttribute('data-total', '8');
  },
};

export const Unread: Story = {
  render: onMessage((demo) => demo.sendToGroup('Who has the keys to the lab?')),
  parameters: { docs: { description: { story: 'Sent, and nobody has read it yet.' } } },
  play: async ({ canvasElement }) => {
    const badge = await badgeIn(canvasElement);
    await waitFor(() => expect(badge).toHaveTextContent(/^Unread$/));
    expect(badge).toHaveAccessibleName('Read by 0 of 8 members');
    expect(badge).toHaveAttribute('data-state', 'unread');
  },
};

export const ReadByAll: Story = {
  name: 'All read: "Read by all"',
  args: { showTotal: true },
  render: onMessage((demo) => demo.sendToGroup('Standup moved to 10:30', { readers: 8 })),
  parameters: {
    docs: { description: { story: 'Every recipient has read it; `showTotal` changes nothing here.' } },
  },
  play: async ({ canvasElement }) => {
    const badge = await badgeIn(canvasElement);
    await waitFor(() => expect(badge).toHaveTextContent(/^Read by all$/));
    expect(badge).toHaveAccessibleName('Read by 8 of 8 members');
    expect(badge).toHaveAttribute('data-state', 'allRead');
  },
};

export const WithProgressRing: Story = {
  args: { showTotal: true, ring: true },
  render: onMessage((demo) => demo.sendToGroup('Slides for Thursday are up', { readers: 5 })),
  parameters: {
    docs: {
      description: { story: '`ring` draws the share of recipients who have read: here five of eight.' },
    },
  },
  play: async ({ canvasElement }) => {
    const badge = await badgeIn(canvasElement);
    await waitFor(() => expect(badge).toHaveTextContent(/^Read by 5 of 8$/));
    const fill = badge.querySelector('[data-readby-part="ring-fill"]');
    expect(fill).not.toBeNull();
    const circumference = Number(fill?.getAttribute('stroke-dasharray'));
    const offset = Number(fill?.getAttribute('stroke-dashoffset'));
    expect(offset / circumference).toBeCloseTo(3 / 8, 5);
  },
};

function BadgeWithDetails({ message, onClick, ...args }: ReadByBadgeProps & { message: Message }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="demo-stack">
      <MessageCard message={message}>
        <ReadByBadge
          {...args}
          message={message}
          aria-expanded={open}
          onClick={(event: MouseEvent<HTMLButtonElement>) => {
            onClick?.(event);
            setOpen((was) => !was);
          }}
        />
      </MessageCard>
      {open && <ReadReceiptPanel message={message} height={240} style={{ width: 320 }} />}
    </div>
  );
}

export const AsAButton: Story = {
  name: 'As a button that opens the details',
  args: { showTotal: true, onClick: fn() },
  render: ({ message: _message, ...args }) => (
    <LiveDemo setup={(demo) => demo.sendToGroup('Ship it?', { readers: 3 })}>
      {(message) => <BadgeWithDetails {...args} message={message} />}
    </LiveDemo>
  ),
  parameters: {
    docs: {
      description: {
        story:
          'With `onClick` the badge is a button whose accessible name says it all; here it opens a `ReadReceiptPanel`.',
      },
    },
  },
  play: async ({ args, canvasElement }) => {
    const canvas = within(canvasElement);
    const button = await canvas.findByRole('button', { name: 'Read by 3 of 8 members' });
    expect(button).toHaveTextContent(/^Read by 3 of 8$/);
    await userEvent.click(button);
    expect(args.onClick).toHaveBeenCalledTimes(1);
    expect(await canvas.findByRole('tab', { name: 'Read (3)' })).toHaveAttribute('aria-selected', 'true');
    expect(canvas.getByRole('tab', { name: 'Unread (5)' })).toBeInTheDocument();
  },
};

export const OneToOneUnread: Story = {
  name: 'One-to-one: unread',
  render: onMessage((demo) => demo.sendToPeer('Are you coming on Friday?')),
  parameters: { docs: { description: { story: 'A one-to-one message Bo has not read.' } } },
  play: async ({ canvasElement }) => {
    const badge = await badgeIn(canvasElement);
    await waitFor(() => expect(badge).toHaveTextContent(/^Unread$/));
    expect(badge).toHaveAccessibleName('Unread');
  },
};

export const OneToOneRead: Story = {
  name: 'One-to-one: read',
  render: onMessage((demo) => demo.sendToPeer('Are you coming on Friday?', { read: true })),
  parameters: {
    docs: { description: { story: 'Bo has read it: one-to-one badges say "Read", never a count.' } },
  },
  play: async ({ canvasElement }) => {
    const badge = await badgeIn(canvasElement);
    await waitFor(() => expect(badge).toHaveTextContent(/^Read$/));
    expect(badge).toHaveAttribute('data-state', 'read');
  },
};

export const Sending: Story = {
  render: onMessage(
    (demo) => {
      const message = demo.chat.createTextMessage({
        to: GROUP_ID,
        conversationType: TYPES.CONV_GROUP,
        payload: { text: 'Uploading the recording…' },
        needReadReceipt: true,
      });
      // The send never completes on this link; the rejection when the story ends is expected.
      demo.chat.sendMessage(message).catch(() => {});
      return message;
    },
    { link: { latencyMs: 3_600_000 }, requestTimeoutMs: 3_600_000 },
  ),
  parameters: {
    docs: {
      description: { story: 'The message is on its way to the server (here, over a very slow link).' },
    },
  },
  play: async ({ canvasElement }) => {
    const badge = await badgeIn(canvasElement);
    expect(badge).toHaveTextContent(/^Sending…$/);
    expect(badge).toHaveAttribute('data-state', 'sending');
  },
};

/** Posts a message of yours on the server before you connect, as if sent from another device. */
const sentEarlier: Prepare = (server) => {
  server.postMessage({
    from: VIEWER,
    to: GROUP_ID,
    conversationType: TYPES.CONV_GROUP,
    text: 'Agenda for Monday is in the doc',
    needReadReceipt: true,
  });
};

export const Loading: Story = {
  render: onMessage(
    async (demo) => (await demo.history(GROUP_CONVERSATION))[0]!,
    { hold: ['getMessageReadReceiptList'], requestTimeoutMs: 3_600_000 },
    sentEarlier,
  ),
  parameters: {
    docs: {
      description: {
        story:
          'A message loaded from history carries no counts, so the badge asks for them (together with every other badge mounted in the same tick). Here the answer is held back.',
      },
    },
  },
  play: async ({ canvasElement }) => {
    const badge = await badgeIn(canvasElement);
    await waitFor(() => expect(badge).toHaveAttribute('data-state', 'loading'));
    expect(badge).toHaveAccessibleName('Loading read receipts');
    expect(badge).toHaveAttribute('aria-busy', 'true');
    expect(badge).toHaveTextContent(/^…$/);
  },
};

export const NoReceiptRequested: Story = {
  name: 'No receipt: renders nothing',
  render: onMessage((demo) => demo.sendToGroup('Lunch at 12?', { needReadReceipt: false })),
  parameters: {
    docs: {
      description: {
        story:
          'Sent without `needReadReceipt`: the badge renders nothing, so it can sit under every message unconditionally. The same goes for messages that are not yours.',
      },
    },
  },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByText('Lunch at 12?');
    expect(canvasElement.querySelector('[data-readby="badge"]')).toBeNull();
  },
};

export const LiveUpdates: Story = {
  args: { showTotal: true, ring: true },
  render: onMessage((demo) => {
    demo.simulate({ groupID: GROUP_ID, delayMs: [150, 1500] });
    return demo.sendToGroup('Release is out. Please check your teams.');
  }),
  parameters: {
    docs: {
      description: {
        story:
          'Simulated members read over a second and a half; each receipt the server pushes moves the count and the ring.',
      },
    },
  },
  play: async ({ canvasElement }) => {
    const badge = await badgeIn(canvasElement);
    await waitFor(() => expect(badge).toHaveTextContent(/^Read by all$/), { timeout: 5_000 });
    expect(badge).toHaveAccessibleName('Read by 8 of 8 members');
  },
};
