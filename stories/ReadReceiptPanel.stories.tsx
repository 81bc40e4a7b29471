import type { Meta, StoryObj } from '@storybook/react-vite';
import { ReadByBadge, ReadReceiptPanel, type ReadReceiptPanelProps } from 'readby/react';
import { expect, fn, userEvent, waitFor, within } from 'storybook/test';
import { BIG_GROUP_NON_READERS, HUNDRED_THOUSAND, prepareBigGroup } from './support/bigGroup';
import {
  GROUP_CONVERSATION,
  GROUP_ID,
  jsxSource,
  MessageCard,
  messageArg,
  sentMessageArgType,
  sourceFromArgs,
  storyRendersOnMessage,
} from './support/demo';

/** The panel under a message, with its badge, that the story sends on a live mock server. */
const onMessage = storyRendersOnMessage<ReadReceiptPanelProps>((message, args) => (
  <div className="demo-stack demo-frame" style={{ width: 340 }}>
    <MessageCard message={message}>
      <ReadByBadge message={message} showTotal ring />
    </MessageCard>
    <ReadReceiptPanel {...args} message={message} style={{ alignSelf: 'stretch' }} />
  </div>
));

const threeOfEight = onMessage((demo) => demo.sendToGroup('Ship it?', { readers: 3 }));

const meta = {
  title: 'Components/ReadReceiptPanel',
  component: ReadReceiptPanel,
  tags: ['autodocs'],
  args: { message: messageArg, defaultTab: 'read', height: 240, onTabChange: fn() },
  argTypes: {
    message: sentMessageArgType,
    defaultTab: { control: 'inline-radio', options: ['read', 'unread'] },
    tab: { control: 'inline-radio', options: ['read', 'unread'] },
    onTabChange: { control: false },
    renderItem: { control: false },
    virtualOptions: { control: false },
  },
  parameters: {
    docs: {
      description: {
        component: [
          'The details behind a badge: tabs "Read (N)" and "Unread (M)" over two `ReaderList`s. The counts are live,',
          'and the tabs follow the WAI-ARIA pattern: the arrow keys move between them and select them, Home and End',
          "jump to the first and last. Only the selected tab's list is mounted, so an unopened list costs nothing.",
          '',
          '```tsx',
          '<ReadByBadge message={message} onClick={() => setOpen(message)} />',
          '{open && <ReadReceiptPanel message={open} defaultTab="unread" />}',
          '```',
        ].join('\n'),
      },
      source: sourceFromArgs((args) =>
        jsxSource(
          'ReadReceiptPanel',
          { ...args, defaultTab: args.defaultTab === 'read' ? undefined : args.defaultTab },
          {
            message: 'message',
            ...(args.tab ? { onTabChange: 'setTab' } : {}),
          },
        ),
      ),
    },
  },
} satisfies Meta<typeof ReadReceiptPanel>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {
  render: threeOfEight,
  parameters: {
    docs: { description: { story: 'Three of eight have read the message. Try the arrow keys on the tabs.' } },
  },
  play: async ({ args, canvasElement }) => {
    const canvas = within(canvasElement);
    const read = await canvas.findByRole('tab', { name: 'Read (3)' });
    const unread = canvas.getByRole('tab', { name: 'Unread (5)' });
    expect(read).toHaveAttribute('aria-selected', 'true');
    expect(unread).toHaveAttribute('aria-selected', 'false');
    expect(canvas.getByRole('tablist', { name: 'Read receipts' })).toBeInTheDocument();
    const readers = await canvas.findByRole('feed', { name: 'Members who have read' });
    await waitFor(() => expect(within(readers).getAllByRole('article')).toHaveLength(3));

    // Arrow keys move the selection and the focus; they wrap around.
    await userEvent.click(read);
    await userEvent.keyboard('{ArrowRight}');
    expect(unread).toHaveAttribute('aria-selected', 'true');
    expect(unread).toHaveFocus();
    expect(args.onTabChange).toHaveBeenLastCalledWith('unread');
    const others = await canvas.findByRole('feed', { name: 'Members who have not read' });
    await waitFor(() => expect(within(others).getAllByRole('article')).toHaveLength(5));
    expect(canvas.getByRole('tabpanel')).toHaveAccessibleName('Unread (5)');

    await userEvent.keyboard('{ArrowRight}');
    expect(read).toHaveAttribute('aria-selected', 'true');
    expect(read).toHaveFocus();
    await userEvent.keyboard('{ArrowLeft}');
    expect(unread).toHaveFocus();
    await userEvent.keyboard('{Home}');
    expect(read).toHaveFocus();
    await userEvent.keyboard('{End}');
    expect(unread).toHaveAttribute('aria-selected', 'true');

    // Only the selected tab is in the tab order.
    expect(read).toHaveAttribute('tabindex', '-1');
    expect(unread).toHaveAttribute('tabindex', '0');
  },
};

export const StartOnUnread: Story = {
  name: 'Starting on "Unread"',
  args: { defaultTab: 'unread' },
  render: threeOfEight,
  parameters: { docs: { description: { story: '`defaultTab="unread"`: who still has to read it, first.' } } },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const unread = await canvas.findByRole('tab', { name: 'Unread (5)' });
    expect(unread).toHaveAttribute('aria-selected', 'true');
    const feed = await canvas.findByRole('feed', { name: 'Members who have not read' });
    await waitFor(() => expect(within(feed).getAllByRole('article')).toHaveLength(5));
  },
};

export const LiveCounts: Story = {
  name: 'Live counts',
  args: { defaultTab: 'unread' },
  render: onMessage((demo) => {
    demo.simulate({ groupID: GROUP_ID, delayMs: [200, 1500] });
    return demo.sendToGroup('Pizza or sushi for Friday?');
  }),
  parameters: {
    docs: {
      description: {
        story:
          'Simulated members read over a second and a half: the counts in the tabs move with every receipt, and members leave the unread list as they read.',
      },
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('tab', { name: /^Unread \(\d\)$/ });
    await waitFor(() => expect(canvas.getByRole('tab', { name: 'Read (8)' })).toBeInTheDocument(), {
      timeout: 5_000,
    });
    expect(canvas.getByRole('tab', { name: 'Unread (0)' })).toHaveAttribute('aria-selected', 'true');
    await waitFor(() => expect(canvas.getByRole('status')).toHaveTextContent('Everyone has read this'));
  },
};

export const LargeGroup: Story = {
  name: '100,000 members',
  render: onMessage(
    async (demo) => (await demo.history(GROUP_CONVERSATION))[0]!,
    HUNDRED_THOUSAND,
    prepareBigGroup,
  ),
  parameters: {
    docs: {
      description: {
        story: 'Counts are formatted for the locale; both lists are virtualised and paged.',
      },
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    // 60,000 of the 99,999 recipients, formatted for English.
    const read = await canvas.findByRole('tab', { name: 'Read (60,000)' }, { timeout: 5_000 });
    expect(canvas.getByRole('tab', { name: 'Unread (39,999)' })).toBeVisible();
    await userEvent.click(read);
    await userEvent.keyboard('{End}');
    const feed = await canvas.findByRole('feed', { name: 'Members who have not read' });
    await waitFor(() =>
      expect(within(feed).getAllByRole('article')[0]).toHaveAttribute(
        'aria-setsize',
        String(BIG_GROUP_NON_READERS),
      ),
    );
    expect(within(feed).getAllByRole('article').length).toBeLessThan(30);
  },
};
