import type { Meta, StoryObj } from '@storybook/react-vite';
import { type Message, TYPES } from 'readby';
import { ReadByBadge, type ReadByLocale, ReadReceiptPanel } from 'readby/react';
import { expect, waitFor, within } from 'storybook/test';
import {
  type Demo,
  LiveDemo,
  MessageCard,
  memberIDs,
  type Prepare,
  sourceFromArgs,
  VIEWER,
} from '../support/demo';
import { seenTexts } from './seenTexts';
import seenTextsSource from './seenTexts.ts?raw';

const ALL_HANDS = 'all-hands';
const allHands = memberIDs(5_000);

/** A company-wide group of 5,000, for numbers big enough to need formatting. */
const prepareAllHands: Prepare = (server) => {
  server.createGroup({ groupID: ALL_HANDS, type: TYPES.GRP_PUBLIC, memberList: [VIEWER, ...allHands] });
};

interface LocaleGallery {
  unread: Message;
  partial: Message;
  allRead: Message;
  direct: Message;
  large: Message;
}

async function sendGallery(demo: Demo): Promise<LocaleGallery> {
  return {
    unread: await demo.sendToGroup('Who has the keys to the lab?'),
    partial: await demo.sendToGroup('Ship it?', { readers: 3 }),
    allRead: await demo.sendToGroup('Standup moved to 10:30', { readers: 8 }),
    direct: await demo.sendToPeer('See you on Friday', { read: true }),
    large: await demo.sendToGroup('Q3 all-hands: slides attached', {
      to: ALL_HANDS,
      readers: allHands.slice(0, 1_234),
    }),
  };
}

interface LocaleShowcaseProps {
  /** The provider's `locale`: `'en'`, `'ja'`, `'zh'`, or an object of texts of your own. */
  locale: ReadByLocale;
}

function LocaleShowcase({ locale }: LocaleShowcaseProps) {
  const lang = typeof locale === 'string' ? locale : (locale.base ?? 'en');
  return (
    <div lang={lang} className="demo-frame">
      <LiveDemo
        options={{ maxReceiptGroupSize: 5_001 }}
        prepare={prepareAllHands}
        setup={sendGallery}
        locale={locale}
      >
        {(gallery) => (
          <div className="demo-gallery">
            <div className="demo-stack">
              <MessageCard message={gallery.unread}>
                <ReadByBadge message={gallery.unread} />
              </MessageCard>
              <MessageCard message={gallery.partial}>
                <ReadByBadge message={gallery.partial} />
              </MessageCard>
              <MessageCard message={gallery.partial}>
                <ReadByBadge message={gallery.partial} showTotal ring />
              </MessageCard>
              <MessageCard message={gallery.allRead}>
                <ReadByBadge message={gallery.allRead} />
              </MessageCard>
              <MessageCard message={gallery.direct}>
                <ReadByBadge message={gallery.direct} />
              </MessageCard>
              <MessageCard message={gallery.large}>
                <ReadByBadge message={gallery.large} showTotal ring />
              </MessageCard>
            </div>
            <ReadReceiptPanel message={gallery.partial} height={200} />
          </div>
        )}
      </LiveDemo>
    </div>
  );
}

const meta = {
  title: 'Scenarios/Locales',
  component: LocaleShowcase,
  tags: ['autodocs'],
  args: { locale: 'en' },
  argTypes: {
    locale: {
      control: 'inline-radio',
      options: ['en', 'ja', 'zh', 'custom'],
      mapping: { custom: seenTexts },
    },
  },
  parameters: {
    docs: {
      description: {
        component: [
          "Every text comes from the provider's `locale`: English, Japanese and Chinese are built in, and an object",
          'of your own overrides any text of a built-in locale (its `base`, English by default). Numbers are',
          'formatted with `Intl` for the locale. Nothing is rendered as HTML.',
          '',
          '```tsx',
          '<ReadByProvider chat={chat} locale="ja">…</ReadByProvider>',
          "<ReadByProvider chat={chat} locale={{ base: 'en', readByAll: 'Seen by everyone' }}>…</ReadByProvider>",
          '```',
        ].join('\n'),
      },
      source: sourceFromArgs((args) =>
        typeof args.locale === 'string'
          ? `<ReadByProvider chat={chat} locale="${args.locale}">\n  <ReadByBadge message={message} showTotal ring />\n</ReadByProvider>`
          : `${seenTextsSource}\n<ReadByProvider chat={chat} locale={seenTexts}>\n  <ReadByBadge message={message} showTotal ring />\n</ReadByProvider>`,
      ),
    },
  },
} satisfies Meta<typeof LocaleShowcase>;

export default meta;
type Story = StoryObj<typeof meta>;

/** What the gallery shows, top to bottom, and the panel's two tabs. */
interface Expected {
  badges: [
    unread: string,
    partial: string,
    partialOfTotal: string,
    allRead: string,
    direct: string,
    large: string,
  ];
  tabs: [read: string, unread: string];
  label: string;
}

function expectTexts({ badges, tabs, label }: Expected) {
  return async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const canvas = within(canvasElement);
    await canvas.findByRole('tab', { name: tabs[0] });
    expect(canvas.getByRole('tab', { name: tabs[1] })).toBeVisible();
    const texts = () =>
      [...canvasElement.querySelectorAll('[data-readby="badge"]')].map((badge) => badge.textContent);
    await waitFor(() => expect(texts()).toEqual(badges));
    expect(canvasElement.querySelectorAll('[data-readby="badge"]')[2]).toHaveAccessibleName(label);
  };
}

export const English: Story = {
  args: { locale: 'en' },
  play: expectTexts({
    badges: ['Unread', 'Read by 3', 'Read by 3 of 8', 'Read by all', 'Read', 'Read by 1,234 of 5,000'],
    tabs: ['Read (3)', 'Unread (5)'],
    label: 'Read by 3 of 8 members',
  }),
};

export const Japanese: Story = {
  args: { locale: 'ja' },
  play: expectTexts({
    badges: ['未読', '既読 3', '既読 3/8', '全員既読', '既読', '既読 1,234/5,000'],
    tabs: ['既読 (3)', '未読 (5)'],
    label: '8人中3人が既読',
  }),
};

export const Chinese: Story = {
  args: { locale: 'zh' },
  play: expectTexts({
    badges: ['未读', '3人已读', '3/8人已读', '全部已读', '已读', '1,234/5,000人已读'],
    tabs: ['已读 (3)', '未读 (5)'],
    label: '8位成员中3位已读',
  }),
};

export const CustomTexts: Story = {
  name: 'Custom texts',
  args: { locale: 'custom' },
  parameters: {
    docs: {
      description: {
        story:
          'An object laid over English: "Seen by" instead of "Read by". Texts it leaves out stay English.',
      },
    },
  },
  play: expectTexts({
    badges: [
      'Not seen yet',
      'Seen by 3',
      'Seen by 3 of 8',
      'Seen by everyone',
      'Seen',
      'Seen by 1,234 of 5,000',
    ],
    tabs: ['Seen (3)', 'Not yet (5)'],
    label: 'Seen by 3 of 8 members',
  }),
};
