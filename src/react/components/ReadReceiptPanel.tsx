import {
  type ComponentPropsWithoutRef,
  forwardRef,
  type KeyboardEvent,
  type ReactNode,
  useId,
  useRef,
  useState,
} from 'react';
import type { MessageLike } from '../../core/index';
import { useReadReceipt } from '../hooks/useReadReceipt';
import { useTexts } from '../i18n/useTexts';
import { ReaderList, type ReaderListItem, type ReaderListProps } from './ReaderList';

export type ReadReceiptTab = 'read' | 'unread';

export interface ReadReceiptPanelProps
  extends Omit<ComponentPropsWithoutRef<'div'>, 'children' | 'onChange'> {
  /** A group message you sent with receipts. Without one (`null`, `undefined`) the panel renders nothing. */
  message?: MessageLike | null;
  /** The tab shown first, when uncontrolled. Default `'read'`. */
  defaultTab?: ReadReceiptTab;
  /** The tab shown, when controlled. */
  tab?: ReadReceiptTab;
  onTabChange?: (tab: ReadReceiptTab) => void;
  /** Passed to both lists. */
  pageSize?: number;
  rowHeight?: number;
  height?: number;
  renderItem?: (item: ReaderListItem) => ReactNode;
  virtualOptions?: ReaderListProps['virtualOptions'];
}

const TABS: readonly ReadReceiptTab[] = ['read', 'unread'];

/**
 * Tabs "Read (N)" and "Unread (M)" over two reader lists, with live counts and the WAI-ARIA tabs keyboard
 * pattern: arrow keys, Home and End move between tabs and select them.
 *
 * @example
 * ```tsx
 * <ReadReceiptPanel message={message} defaultTab="unread" />
 * ```
 */
export const ReadReceiptPanel = /*#__PURE__*/ forwardRef<HTMLDivElement, ReadReceiptPanelProps>(
  function ReadReceiptPanel(props, ref) {
    // An app may render the panel before a message is chosen: there is nothing to show yet.
    return props.message ? <MessagePanel {...props} message={props.message} ref={ref} /> : null;
  },
);

const MessagePanel = /*#__PURE__*/ forwardRef<
  HTMLDivElement,
  ReadReceiptPanelProps & { message: MessageLike }
>(function MessagePanel(
  {
    message,
    defaultTab = 'read',
    tab,
    onTabChange,
    pageSize,
    rowHeight,
    height,
    renderItem,
    virtualOptions,
    className,
    ...rest
  },
  ref,
) {
  const t = useTexts();
  const receipt = useReadReceipt(message);
  const [ownTab, setOwnTab] = useState<ReadReceiptTab>(defaultTab);
  const selected = tab ?? ownTab;
  const baseID = useId();
  const tabRefs = useRef<Record<ReadReceiptTab, HTMLButtonElement | null>>({ read: null, unread: null });

  const select = (next: ReadReceiptTab) => {
    setOwnTab(next);
    onTabChange?.(next);
    tabRefs.current[next]?.focus();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = TABS.indexOf(selected);
    const next =
      event.key === 'ArrowRight'
        ? TABS[(index + 1) % TABS.length]
        : event.key === 'ArrowLeft'
          ? TABS[(index - 1 + TABS.length) % TABS.length]
          : event.key === 'Home'
            ? TABS[0]
            : event.key === 'End'
              ? TABS[TABS.length - 1]
              : undefined;
    if (!next) return;
    event.preventDefault();
    select(next);
  };

  const label = (name: ReadReceiptTab) => {
    const count = name === 'read' ? receipt.readCount : receipt.unreadCount;
    const values = t.values(count ?? 0);
    if (count === undefined) values.count = '…';
    return name === 'read' ? t.readTab(values) : t.unreadTab(values);
  };

  return (
    <div
      {...rest}
      ref={ref}
      className={className ? `readby-panel ${className}` : 'readby-panel'}
      data-readby="panel"
      data-state={selected}
    >
      <div role="tablist" aria-label={t.panelLabel} data-readby-part="tablist" onKeyDown={onKeyDown}>
        {TABS.map((name) => (
          <button
            key={name}
            ref={(element) => {
              tabRefs.current[name] = element;
            }}
            type="button"
            role="tab"
            id={`${baseID}-tab-${name}`}
            aria-selected={selected === name}
            aria-controls={`${baseID}-panel-${name}`}
            tabIndex={selected === name ? 0 : -1}
            data-state={selected === name ? 'active' : 'inactive'}
            onClick={() => select(name)}
          >
            {label(name)}
          </button>
        ))}
      </div>
      {TABS.map((name) => (
        <div
          key={name}
          role="tabpanel"
          id={`${baseID}-panel-${name}`}
          aria-labelledby={`${baseID}-tab-${name}`}
          hidden={selected !== name}
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a tab panel takes focus when its list shows a status rather than rows, as the WAI-ARIA tabs pattern asks.
          tabIndex={0}
          data-state={selected === name ? 'active' : 'inactive'}
        >
          {selected === name && (
            <ReaderList
              message={message}
              filter={name}
              pageSize={pageSize}
              rowHeight={rowHeight}
              height={height}
              renderItem={renderItem}
              virtualOptions={virtualOptions}
            />
          )}
        </div>
      ))}
    </div>
  );
});
