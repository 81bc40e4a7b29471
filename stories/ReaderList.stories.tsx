import type { Meta, StoryObj } from '@storybook/react-vite';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import type { Message } from 'readby';
import {
  Avatar,
  ReadByBadge,
  ReaderList,
  type ReaderListItem,
  type ReaderListProps,
  useUser,
} from 'readby/react';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import {
  BIG_GROUP_NON_READERS,
  BIG_GROUP_READERS,
  HUNDRED_THOUSAND,
  prepareBigGroup,
} from './support/bigGroup';
import {
  type DemoOptions,
  GROUP_CONVERSATION,
  jsxSource,
  LiveDemo,
  MessageCard,
  messageArg,
  NetworkStatus,
  sentMessageArgType,
  sourceFromArgs,
  storyRendersOnMessage,
} from './support/demo';

/** You and twelve others. */
const TEAM: DemoOptions = { members: 13 };
/** Seven members read, in this order; Chen, Farah, Gus, Ivan and Jun have not. */
const READ_ORDER = ['dara', 'ann', 'kofi', 'eli', 'hana', 'bo', 'lena'];

/** The message, its badge, and the list of who has (not) read it. */
function ListFrame({ message, children }: { message: Message; children: ReactNode }) {
  return (
    <div className="demo-stack demo-frame" style={{ width: 340 }}>
      <MessageCard message={message}>
        <ReadByBadge message={message} showTotal />
      </MessageCard>
      <div className="demo-list">{children}</div>
    </div>
  );
}

/** The list in its frame, for a message that the story sends on a live mock server; `TEAM` unless told otherwise. */
const onMessage = storyRendersOnMessage<ReaderListProps>(
  (message, args) => (
    <ListFrame message={message}>
      <ReaderList {...args} message={message} />
    </ListFrame>
  ),
  TEAM,
);

const sevenOfTwelve = onMessage((demo) =>
  demo.sendToGroup('Design review notes are in the doc', { readers: READ_ORDER }),
);

const meta = {
  title: 'Components/ReaderList',
  component: ReaderList,
  tags: ['autodocs'],
  args: { message: messageArg, filter: 'read', height: 280 },
  argTypes: {
    message: sentMessageArgType,
    filter: { control: 'inline-radio', options: ['read', 'unread'] },
    renderItem: { control: false },
    virtualOptions: { control: false },
  },
  parameters: {
    docs: {
      description: {
        component: [
          'The members who have read a group message, or who have not: readers in the order they read, the others',
          'in the order they joined. It is a virtualised feed (`role="feed"` with `aria-setsize` and `aria-posinset`),',
          'so only the rows in view are in the DOM, and it loads the next page as you near the end. It refreshes',
          'itself when receipts arrive, and has loading, empty and error states of its own.',
          '',
          '```tsx',
          '<ReaderList message={message} filter="unread" height={320} />',
          '```',
        ].join('\n'),
      },
      source: sourceFromArgs((args) =>
        jsxSource('ReaderList', args, {
          message: 'message',
          ...(args.renderItem ? { renderItem: '(item) => <MyRow {...item} />' } : {}),
        }),
      ),
    },
  },
} satisfies Meta<typeof ReaderList>;

export default meta;
type Story = StoryObj<typeof meta>;

const rowsOf = (feed: HTMLElement) => within(feed).queryAllByRole('article');
const namesOf = (feed: HTMLElement) =>
  rowsOf(feed).map((row) => row.querySelector('[data-readby-part="name"]')?.textContent);

export const Read: Story = {
  name: 'Who has read',
  render: sevenOfTwelve,
  parameters: {
    docs: { description: { story: 'Seven of twelve have read it; the first to read comes first.' } },
  },
  play: async ({ canvasElement }) => {
    const feed = await within(canvasElement).findByRole('feed', { name: 'Members who have read' });
    await waitFor(() => expect(rowsOf(feed)).toHaveLength(7));
    await waitFor(() => expect(namesOf(feed)).toEqual(['Dara', 'Ann', 'Kofi', 'Eli', 'Hana', 'Bo', 'Lena']));
    const rows = rowsOf(feed);
    expect(rows[0]).toHaveAccessibleName('Dara');
    expect(rows[0]).toHaveAttribute('aria-posinset', '1');
    expect(rows[0]).toHaveAttribute('aria-setsize', '7');
  },
};

export const Unread: Story = {
  name: 'Who has not read',
  args: { filter: 'unread' },
  render: sevenOfTwelve,
  parameters: {
    docs: { description: { story: 'The five who have not read it, in the order they joined.' } },
  },
  play: async ({ canvasElement }) => {
    const feed = await within(canvasElement).findByRole('feed', { name: 'Members who have not read' });
    await waitFor(() => expect(rowsOf(feed)).toHaveLength(5));
    await waitFor(() => expect(namesOf(feed)).toEqual(['Chen', 'Farah', 'Gus', 'Ivan', 'Jun']));
  },
};

export const Loading: Story = {
  render: onMessage((demo) => demo.sendToGroup('Design review notes are in the doc', { readers: 3 }), {
    ...TEAM,
    hold: ['getGroupMessageReadMemberList'],
    requestTimeoutMs: 3_600_000,
  }),
  parameters: { docs: { description: { story: 'The first page is on its way (held back here).' } } },
  play: async ({ canvasElement }) => {
    const status = await within(canvasElement).findByRole('status');
    expect(status).toHaveTextContent('Loading members…');
    expect(canvasElement.querySelector('[data-readby="reader-list"]')).toHaveAttribute(
      'data-state',
      'loading',
    );
  },
};

export const NobodyHasRead: Story = {
  name: 'Empty: nobody has read',
  render: onMessage((demo) => demo.sendToGroup('Anyone up for a run at 6?')),
  parameters: { docs: { description: { story: 'The read list of a message nobody has read yet.' } } },
  play: async ({ canvasElement }) => {
    const status = await within(canvasElement).findByRole('status');
    await waitFor(() => expect(status).toHaveTextContent('Nobody has read this yet'));
    expect(canvasElement.querySelector('[data-readby="reader-list"]')).toHaveAttribute('data-state', 'empty');
  },
};

export const EveryoneHasRead: Story = {
  name: 'Empty: everyone has read',
  args: { filter: 'unread' },
  render: onMessage((demo) => demo.sendToGroup('Office closed on Monday', { readers: 12 })),
  parameters: { docs: { description: { story: 'The unread list of a message everyone has read.' } } },
  play: async ({ canvasElement }) => {
    const status = await within(canvasElement).findByRole('status');
    await waitFor(() => expect(status).toHaveTextContent('Everyone has read this'));
  },
};

function OfflineList({ message: _message, ...args }: ReaderListProps) {
  // The provider uses the app's QueryClient when there is one; this one retries quickly, to keep the story short.
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { retryDelay: 100 } } }));
  return (
    <QueryClientProvider client={queryClient}>
      <LiveDemo
        options={TEAM}
        setup={async (demo) => {
          const message = await demo.sendToGroup('Design review notes are in the doc', { readers: 4 });
          demo.link.disconnect();
          return message;
        }}
      >
        {(message, demo) => (
          <ListFrame message={message}>
            <div className="demo-toolbar" style={{ marginBottom: '0.5rem' }}>
              <NetworkStatus />
              <button type="button" className="demo-button" onClick={() => void demo.link.reconnect()}>
                Reconnect
              </button>
            </div>
            <ReaderList {...args} message={message} />
          </ListFrame>
        )}
      </LiveDemo>
    </QueryClientProvider>
  );
}

export const ErrorWithRetry: Story = {
  name: 'Error, with retry',
  render: (args) => <OfflineList {...args} />,
  parameters: {
    docs: {
      description: {
        story:
          'The connection drops before the list loads, so the request fails (after the query\'s own retries). Reconnect, then "Try again".',
      },
    },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const alert = await canvas.findByRole('alert', {}, { timeout: 3_000 });
    expect(alert).toHaveTextContent('The members could not be loaded.');
    await userEvent.click(canvas.getByRole('button', { name: 'Reconnect' }));
    await canvas.findByText('Network: connected');
    await userEvent.click(within(alert).getByRole('button', { name: 'Try again' }));
    const feed = await canvas.findByRole('feed', { name: 'Members who have read' });
    await waitFor(() => expect(rowsOf(feed)).toHaveLength(4));
    expect(canvas.queryByRole('alert')).toBeNull();
  },
};

const ordinals = new Intl.PluralRules('en', { type: 'ordinal' });
const suffixes: Record<string, string> = { one: 'st', two: 'nd', few: 'rd', other: 'th' };
const ordinal = (n: number) => `${n}${suffixes[ordinals.select(n)]}`;

/** A row of your own: readby keeps the row element, its position and keyboard use; the content is yours. */
function RankedRow({ userID, index }: ReaderListItem) {
  const user = useUser(userID);
  return (
    <span className="demo-row">
      <Avatar user={user} />
      <strong>{user.name ?? userID}</strong>
      <span className="demo-row-aside">{ordinal(index + 1)} to read</span>
    </span>
  );
}

export const CustomRows: Story = {
  name: 'Custom rows (renderItem)',
  args: { renderItem: (item: ReaderListItem) => <RankedRow {...item} /> },
  render: sevenOfTwelve,
  parameters: {
    docs: {
      description: {
        story:
          "`renderItem` renders the content of each row; `useUser` and `Avatar` give it the names and pictures of the provider's `resolveUser`.",
      },
    },
  },
  play: async ({ canvasElement }) => {
    const feed = await within(canvasElement).findByRole('feed', { name: 'Members who have read' });
    await waitFor(() => expect(rowsOf(feed)).toHaveLength(7));
    await waitFor(() => expect(rowsOf(feed)[0]).toHaveAccessibleName('Dara 1st to read'));
    expect(rowsOf(feed)[2]).toHaveTextContent('3rd to read');
  },
};

const positions = (feed: HTMLElement) => rowsOf(feed).map((row) => Number(row.getAttribute('aria-posinset')));

export const HundredThousandMembers: Story = {
  name: '100,000 members',
  args: { pageSize: 100, height: 400 },
  render: onMessage(
    async (demo) => (await demo.history(GROUP_CONVERSATION))[0]!,
    HUNDRED_THOUSAND,
    prepareBigGroup,
  ),
  parameters: {
    docs: {
      description: {
        story: [
          'A group of 100,000 in which 60,000 have read the message. Only the rows in view (and a few more) are in',
          'the DOM; scrolling near the end loads the next page of 100. A page costs the server the same at 1,000 and',
          '100,000 members. Switch `filter` to see the 39,999 who have not read it.',
        ].join(' '),
      },
    },
  },
  play: async ({ args, canvasElement }) => {
    const feed = await within(canvasElement).findByRole('feed', {}, { timeout: 5_000 });
    await waitFor(() => expect(rowsOf(feed).length).toBeGreaterThan(5));
    const setSize = String(args.filter === 'unread' ? BIG_GROUP_NON_READERS : BIG_GROUP_READERS);
    await waitFor(() => expect(rowsOf(feed)[0]).toHaveAttribute('aria-setsize', setSize));
    expect(rowsOf(feed).length).toBeLessThan(30);

    const list = canvasElement.querySelector<HTMLElement>('[data-readby="reader-list"]')!;
    for (const loaded of [100, 200]) {
      // Scrolling to the end of what is loaded brings the next page.
      list.scrollTop = list.scrollHeight;
      await waitFor(() => expect(Math.max(...positions(feed))).toBeGreaterThan(loaded));
      expect(rowsOf(feed).length).toBeLessThan(30);
    }
    expect(feed).toHaveAttribute('aria-busy', 'false');
  },
};
