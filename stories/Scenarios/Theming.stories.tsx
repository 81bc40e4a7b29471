import type { Meta, StoryObj } from '@storybook/react-vite';
import { type CSSProperties, type ReactNode, useCallback, useState } from 'react';
import { createPortal } from 'react-dom';
import type { Message } from 'readby';
import { ReadByBadge, ReadReceiptPanel } from 'readby/react';
import { expect, waitFor, within } from 'storybook/test';
import { type Demo, LiveDemo, MessageCard, sourceFromArgs } from '../support/demo';
import demoStyles from '../support/demo.css?inline';

interface Gallery {
  partial: Message;
  allRead: Message;
  unread: Message;
  direct: Message;
}

async function sendGallery(demo: Demo): Promise<Gallery> {
  return {
    partial: await demo.sendToGroup('Ship it?', { readers: 3 }),
    allRead: await demo.sendToGroup('Standup moved to 10:30', { readers: 8 }),
    unread: await demo.sendToGroup('Who has the keys to the lab?'),
    direct: await demo.sendToPeer('See you on Friday', { read: true }),
  };
}

/** The same messages in every theme: a partial, an all-read, an unread and a one-to-one badge, and a panel. */
function GalleryView({ gallery, badgeClassName }: { gallery: Gallery; badgeClassName?: string }) {
  const [open, setOpen] = useState(true);
  return (
    <div className="demo-gallery">
      <div className="demo-stack">
        <MessageCard message={gallery.partial}>
          <ReadByBadge
            message={gallery.partial}
            showTotal
            ring
            className={badgeClassName}
            aria-expanded={open}
            onClick={() => setOpen((was) => !was)}
          />
        </MessageCard>
        <MessageCard message={gallery.allRead}>
          <ReadByBadge message={gallery.allRead} ring className={badgeClassName} />
        </MessageCard>
        <MessageCard message={gallery.unread}>
          <ReadByBadge message={gallery.unread} className={badgeClassName} />
        </MessageCard>
        <MessageCard message={gallery.direct}>
          <ReadByBadge message={gallery.direct} className={badgeClassName} />
        </MessageCard>
      </div>
      {open && <ReadReceiptPanel message={gallery.partial} height={200} />}
    </div>
  );
}

interface ThemedReadByProps {
  /** `data-readby-theme` on the surrounding element; `system` leaves it off and follows the system setting. */
  theme: 'system' | 'light' | 'dark';
  /** `--readby-color-accent`: partial badges, the selected tab. */
  accent?: string;
  /** `--readby-color-read`: "Read by all". */
  readColor?: string;
  /** `--readby-radius`: panels, buttons. */
  radius?: string;
  /** `--readby-badge-radius`: badges that are buttons; `--readby-radius` when unset. */
  badgeRadius?: string;
  /** `--readby-badge-font-size`. */
  badgeFontSize?: string;
  /** `--readby-ring-size`: the progress ring. */
  ringSize?: string;
}

function ThemedReadBy({
  theme,
  accent,
  readColor,
  radius,
  badgeRadius,
  badgeFontSize,
  ringSize,
}: ThemedReadByProps) {
  const properties: Record<string, string | undefined> = {
    '--readby-color-accent': accent,
    '--readby-color-read': readColor,
    '--readby-radius': radius,
    '--readby-badge-radius': badgeRadius,
    '--readby-badge-font-size': badgeFontSize,
    '--readby-ring-size': ringSize,
  };
  const style = Object.fromEntries(Object.entries(properties).filter(([, value]) => value)) as CSSProperties;
  return (
    <div
      className="demo-frame"
      data-testid="themed"
      data-readby-theme={theme === 'system' ? undefined : theme}
      style={{
        ...style,
        padding: '1rem',
        borderRadius: 12,
        background: 'var(--readby-color-surface)',
        color: 'var(--readby-color-text)',
      }}
    >
      <LiveDemo setup={sendGallery}>{(gallery) => <GalleryView gallery={gallery} />}</LiveDemo>
    </div>
  );
}

const meta = {
  title: 'Scenarios/Theming',
  component: ThemedReadBy,
  tags: ['autodocs'],
  args: { theme: 'system' },
  argTypes: {
    theme: { control: 'inline-radio', options: ['system', 'light', 'dark'] },
    accent: { control: 'color' },
    readColor: { control: 'color' },
    radius: { control: 'text' },
    badgeRadius: { control: 'text' },
    badgeFontSize: { control: 'text' },
    ringSize: { control: 'text' },
  },
  parameters: {
    docs: {
      description: {
        component: [
          '`readby/styles.css` is optional, and every colour, size and duration in it is a `--readby-*` custom',
          'property. Theme readby by setting properties on any element around it, not by overriding selectors:',
          '',
          '```css',
          '.chat {',
          '  --readby-color-accent: #7c3aed;',
          '  --readby-color-read: #0b615b;',
          '  --readby-radius: 12px;',
          '  --readby-badge-radius: 999px; /* pill-shaped badges */',
          '}',
          '```',
          '',
          'It follows the system\'s light or dark setting; `data-readby-theme="dark"` or `"light"` on an element',
          'decides for everything inside it. Without the stylesheet the components are plain, accessible HTML whose',
          '`data-state` attributes your own CSS can read.',
        ].join('\n'),
      },
      source: sourceFromArgs((args) => {
        const names: Record<string, string> = {
          accent: '--readby-color-accent',
          readColor: '--readby-color-read',
          radius: '--readby-radius',
          badgeRadius: '--readby-badge-radius',
          badgeFontSize: '--readby-badge-font-size',
          ringSize: '--readby-ring-size',
        };
        const properties = Object.entries(names)
          .filter(([arg]) => typeof args[arg] === 'string' && args[arg] !== '')
          .map(([arg, property]) => `'${property}': '${String(args[arg])}'`);
        const theme = args.theme === 'system' ? '' : ` data-readby-theme="${String(args.theme)}"`;
        const style = properties.length ? ` style={{ ${properties.join(', ')} }}` : '';
        return `<div${theme}${style}>\n  <ReadByBadge message={message} showTotal ring />\n</div>`;
      }),
    },
  },
} satisfies Meta<typeof ThemedReadBy>;

export default meta;
type Story = StoryObj<typeof meta>;

const themed = (canvasElement: HTMLElement) => within(canvasElement).getByTestId('themed');
const colorOf = (element: Element) => getComputedStyle(element).color;

export const CustomProperties: Story = {
  name: 'Custom properties',
  args: {
    // Colours chosen for a light surface keep it light, whatever the system's setting.
    theme: 'light',
    accent: '#7c3aed',
    readColor: '#0b615b',
    radius: '12px',
    badgeRadius: '999px',
    badgeFontSize: '0.875rem',
    ringSize: '1.25rem',
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const partial = await canvas.findByRole('button', { name: 'Read by 3 of 8 members' });
    await waitFor(() => expect(colorOf(partial)).toBe('rgb(124, 58, 237)'));
    expect(getComputedStyle(partial).borderRadius).toBe('999px');
    const panel = canvasElement.querySelector('[data-readby="panel"]')!;
    expect(getComputedStyle(panel).borderRadius).toBe('12px');
    expect(getComputedStyle(partial).fontSize).toBe('14px');
    expect(colorOf(canvas.getByRole('img', { name: 'Read by 8 of 8 members' }))).toBe('rgb(11, 97, 91)');
    expect(getComputedStyle(canvas.getByRole('tab', { name: 'Read (3)' })).borderBottomColor).toBe(
      'rgb(124, 58, 237)',
    );
  },
};

export const Dark: Story = {
  name: 'Dark theme',
  args: { theme: 'dark' },
  parameters: {
    backgrounds: { disable: true },
    docs: { description: { story: '`data-readby-theme="dark"` on the surrounding element.' } },
  },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const partial = await canvas.findByRole('button', { name: 'Read by 3 of 8 members' });
    expect(getComputedStyle(themed(canvasElement)).backgroundColor).toBe('rgb(13, 17, 23)');
    expect(colorOf(partial)).toBe('rgb(68, 147, 248)');
    const panel = canvasElement.querySelector('[data-readby="panel"]')!;
    expect(getComputedStyle(panel).backgroundColor).toBe('rgb(13, 17, 23)');
    expect(colorOf(panel)).toBe('rgb(230, 237, 243)');
  },
};

export const Light: Story = {
  name: 'Light theme',
  args: { theme: 'light' },
  parameters: {
    docs: {
      description: { story: '`data-readby-theme="light"` keeps readby light even when the system is dark.' },
    },
  },
  play: async ({ canvasElement }) => {
    await within(canvasElement).findByRole('button', { name: 'Read by 3 of 8 members' });
    expect(getComputedStyle(themed(canvasElement)).backgroundColor).toBe('rgb(255, 255, 255)');
  },
};

/** Renders its children where the page's stylesheets do not reach: readby without `readby/styles.css`. */
function WithoutStylesheet({ css, children }: { css: string; children: ReactNode }) {
  const [root, setRoot] = useState<ShadowRoot | null>(null);
  const host = useCallback((element: HTMLDivElement | null) => {
    if (element) setRoot(element.shadowRoot ?? element.attachShadow({ mode: 'open' }));
  }, []);
  return (
    <div ref={host} data-testid="unstyled">
      {root &&
        createPortal(
          <>
            <style>{css}</style>
            {children}
          </>,
          root,
        )}
    </div>
  );
}

/** Styles of an app's own, reading readby's data-state attributes. */
const ownStyles = `
.pill { display: inline-flex; gap: 4px; align-items: center; padding: 1px 8px; border-radius: 999px;
  font: 600 12px/1.5 system-ui, sans-serif; border: 0; background: #eef1f4; color: #3b4450; }
.pill[data-state="partial"] { background: #fff4d6; color: #7a4d00; }
.pill[data-state="allRead"], .pill[data-state="read"] { background: #dcf5e3; color: #14612c; }
.pill svg { width: 12px; height: 12px; }
.pill circle { stroke: currentColor; stroke-width: 3px; }
.pill circle:first-child { opacity: 0.25; }
`;

export const Unstyled: Story = {
  name: 'Without the stylesheet',
  render: () => (
    <div className="demo-stack" style={{ gap: '1.5rem' }}>
      <section>
        <p className="demo-caption">No stylesheet: plain HTML</p>
        <WithoutStylesheet css={demoStyles}>
          <LiveDemo setup={sendGallery}>{(gallery) => <GalleryView gallery={gallery} />}</LiveDemo>
        </WithoutStylesheet>
      </section>
      <section>
        <p className="demo-caption">Your own CSS, on className and data-state</p>
        <WithoutStylesheet css={demoStyles + ownStyles}>
          <LiveDemo setup={sendGallery}>
            {(gallery) => <GalleryView gallery={gallery} badgeClassName="pill" />}
          </LiveDemo>
        </WithoutStylesheet>
      </section>
    </div>
  ),
  parameters: {
    docs: {
      description: {
        story: [
          'Both galleries render where `readby/styles.css` does not apply. The first is what the components are on',
          'their own; the second adds a `className` and a few rules on `[data-state="partial"]`, `"allRead"` and `"read"`.',
        ].join(' '),
      },
      source: {
        code: [
          '<ReadByBadge message={message} className="pill" showTotal ring />',
          '',
          '/* your CSS */',
          '.pill[data-state="partial"] { background: #fff4d6; }',
          '.pill[data-state="allRead"] { background: #dcf5e3; }',
        ].join('\n'),
      },
    },
  },
  play: async ({ canvasElement }) => {
    const [plain, own] = within(canvasElement)
      .getAllByTestId('unstyled')
      .map((host) => host.shadowRoot!);
    const badgeIn = (root: ShadowRoot, state: string) =>
      root.querySelector<HTMLElement>(`[data-readby="badge"][data-state="${state}"]`);
    await waitFor(() => expect(badgeIn(plain!, 'partial')).not.toBeNull());
    await waitFor(() => expect(badgeIn(own!, 'allRead')).not.toBeNull());
    const plainBadge = badgeIn(plain!, 'partial')!;
    expect(plainBadge).toHaveTextContent('Read by 3 of 8');
    expect(plainBadge).toHaveAccessibleName('Read by 3 of 8 members');
    // No readby rules apply: the ring has no size of its own and the button keeps the browser's look.
    expect(getComputedStyle(plainBadge).display).not.toBe('inline-flex');
    expect(getComputedStyle(badgeIn(own!, 'allRead')!).backgroundColor).toBe('rgb(220, 245, 227)');
    expect(getComputedStyle(badgeIn(own!, 'partial')!).backgroundColor).toBe('rgb(255, 244, 214)');
  },
};
