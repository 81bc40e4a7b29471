import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { GROUP_ID, MessageCard, messageArg, storyRendersOnMessage } from '../support/demo';
import { SeenBy, type SeenByProps } from './SeenBy';
import seenBySource from './SeenBy.tsx?raw';

/** "Seen by" under a message that the story sends on a live mock server. */
const onMessage = storyRendersOnMessage<SeenByProps>((message, args) => (
  <MessageCard message={message}>
    <SeenBy {...args} message={message} />
  </MessageCard>
));

const meta = {
  title: 'Scenarios/Custom hook recipe',
  component: SeenBy,
  tags: ['autodocs'],
  args: { message: messageArg, faces: 3 },
  argTypes: {
    message: { control: false, description: 'A group message you sent with receipts.' },
    faces: { control: { type: 'range', min: 0, max: 8, step: 1 } },
  },
  parameters: {
    docs: {
      description: {
        component: [
          'When a badge is not the design you want, the hooks under it are yours too. `SeenBy` below shows the',
          'first readers\' faces and names, "Seen by Ann, Bo and 5 others", in some forty lines:',
          '',
          '- `useReadReceipt(message)` gives `status` and the live `readCount`;',
          "- `useGroupReadMembers({ message, filter: 'read', pageSize })` gives the first readers in the order they",
          '  read, and refetches when receipts arrive;',
          "- `useUser(userID)` and `Avatar` turn IDs into names and faces through the provider's `resolveUser`.",
          '',
          '"Show code" under each story has the whole component.',
        ].join('\n'),
      },
      source: { code: seenBySource, language: 'tsx' },
    },
  },
} satisfies Meta<typeof SeenBy>;

export default meta;
type Story = StoryObj<typeof meta>;

export const SevenOfEight: Story = {
  name: 'Seen by Ann, Bo and 5 others',
  render: onMessage((demo) =>
    demo.sendToGroup('Offsite dates are final: 12–14 June', {
      readers: ['ann', 'bo', 'chen', 'dara', 'eli', 'farah', 'gus'],
    }),
  ),
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const text = await canvas.findByText(/^Seen by/);
    await waitFor(() => expect(text).toHaveTextContent(/^Seen by Ann, Bo and 5 others$/));
    await waitFor(() =>
      expect(canvasElement.querySelectorAll('[data-readby-part="avatar"]')).toHaveLength(3),
    );
    expect(canvasElement.querySelector('.seen-by')).toHaveAttribute('data-state', 'partial');
  },
};

export const TwoReaders: Story = {
  name: 'Seen by Ann and Bo',
  render: onMessage((demo) => demo.sendToGroup('Who took my stapler?', { readers: ['ann', 'bo'] })),
  play: async ({ canvasElement }) => {
    const text = await within(canvasElement).findByText(/^Seen by/);
    await waitFor(() => expect(text).toHaveTextContent(/^Seen by Ann and Bo$/));
  },
};

export const Live: Story = {
  render: onMessage((demo) => {
    demo.simulate({ groupID: GROUP_ID, delayMs: [200, 1_500] });
    return demo.sendToGroup('New coffee beans in the kitchen');
  }),
  parameters: {
    docs: { description: { story: 'From "Not seen yet" to "Seen by everyone" as simulated members read.' } },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByText(/^(Not seen yet|Seen by .+)$/);
    await waitFor(() => expect(canvas.getByText('Seen by everyone')).toBeVisible(), { timeout: 5_000 });
  },
};
