import { observeElementRect, useVirtualizer, type VirtualizerOptions } from '@tanstack/react-virtual';
import {
  type ComponentPropsWithoutRef,
  forwardRef,
  type KeyboardEvent,
  type ReactNode,
  useEffect,
  useId,
  useImperativeHandle,
  useRef,
} from 'react';
import type { MessageLike } from '../../core/index';
import { useGroupReadMembers } from '../hooks/useGroupReadMembers';
import { initialsOf, isImageURL, useUser } from '../hooks/useUser';
import { useTexts } from '../i18n/useTexts';
import type { ReadByUser } from '../ReadByProvider';

export interface ReaderListItem {
  userID: string;
  /** 0-based position in the list. */
  index: number;
}

export interface ReaderListProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** A group message you sent with receipts. Without one (`null`, `undefined`) the list renders nothing. */
  message?: MessageLike | null;
  /** Members who have read it, or who have not. */
  filter: 'read' | 'unread';
  /** Members fetched a page. Default 50. */
  pageSize?: number;
  /** Row height in px, for the virtual list. Default 48. */
  rowHeight?: number;
  /**
   * Height of the list in px. Default 320. Where the list measures 0 px (no layout, as in jsdom, or not yet laid
   * out), it shows the rows this height holds.
   */
  height?: number;
  /** Renders a row's content; the row element, its position and keyboard use stay readby's. */
  renderItem?: (item: ReaderListItem) => ReactNode;
  /** Fetch at all. Default true. */
  enabled?: boolean;
  /**
   * Options for the TanStack Virtual virtualizer behind the list, applied over readby's: tune `overscan` (rows
   * kept beyond the viewport, default 6), or measure a viewport where there is no layout (`fixedViewport` from
   * `readby/testing` gives one of a chosen size). `count`, `getScrollElement` and `estimateSize` are readby's to
   * set: replacing them breaks the list.
   *
   * @example
   * ```tsx
   * <ReaderList message={message} filter="read" virtualOptions={{ overscan: 12 }} />
   * ```
   */
  virtualOptions?: Partial<VirtualizerOptions<HTMLDivElement, Element>>;
}

/** Rows from the end at which the next page starts loading. */
const LOAD_AHEAD = 10;

/**
 * The members who have (or have not) read a message, as a virtualised feed: only the visible rows are in the
 * DOM, even for 100,000 members, and the next page loads as the user nears the end. Where there is no layout
 * (jsdom), it shows the first rows its `height` holds.
 *
 * @example
 * ```tsx
 * <ReaderList message={message} filter="read" height={400} />
 * ```
 */
export const ReaderList = /*#__PURE__*/ forwardRef<HTMLDivElement, ReaderListProps>(
  function ReaderList(props, ref) {
    // An app may render the list before a message is chosen: there is nothing to list yet.
    return props.message ? <MessageReaderList {...props} message={props.message} ref={ref} /> : null;
  },
);

const MessageReaderList = /*#__PURE__*/ forwardRef<
  HTMLDivElement,
  ReaderListProps & { message: MessageLike }
>(function MessageReaderList(
  {
    message,
    filter,
    pageSize = 50,
    rowHeight = 48,
    height = 320,
    renderItem,
    enabled = true,
    virtualOptions,
    className,
    style,
    ...rest
  },
  ref,
) {
  const t = useTexts();
  // Row IDs from useId, so that two lists of the same message on one page never share an ID.
  const listID = useId();
  const members = useGroupReadMembers({ message, filter, pageSize, enabled });
  const scrollRef = useRef<HTMLDivElement>(null);
  useImperativeHandle(ref, () => scrollRef.current!, []);
  const count = members.userIDs.length;
  const virtualizer = useVirtualizer({
    count: count + (members.hasNextPage ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 6,
    initialRect: { width: 0, height },
    // A viewport of 0 px shows no rows: where nothing is laid out (jsdom), the list goes by its own height.
    observeElementRect: (instance, onRect) =>
      observeElementRect(instance, (rect) => onRect(rect.height > 0 ? rect : instance.options.initialRect!)),
    ...virtualOptions,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items[items.length - 1]?.index ?? -1;

  // After every render, as the rows shown change: fetchNextPage asks only when there is a page to ask for and
  // none on its way. After a failure it waits for "Try again", or every render would ask again at once.
  useEffect(() => {
    if (!members.error && lastIndex >= count - LOAD_AHEAD) members.fetchNextPage();
  });

  // The feed pattern: Page Down / Page Up move focus between rows; the list scrolls the row into view first.
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-readby-part="row"]');
    if (!row || (event.key !== 'PageDown' && event.key !== 'PageUp')) return;
    event.preventDefault();
    const index = Number(row.dataset.index) + (event.key === 'PageDown' ? 1 : -1);
    if (index < 0 || index >= count) return;
    virtualizer.scrollToIndex(index);
    requestAnimationFrame(() =>
      scrollRef.current
        ?.querySelector<HTMLElement>(`[data-readby-part="row"][data-index="${index}"]`)
        ?.focus(),
    );
  };

  const listLabel = filter === 'read' ? t.readListLabel : t.unreadListLabel;
  // A disabled list that has loaded nothing knows nothing: it is idle, not empty.
  const state = members.error
    ? 'error'
    : members.isLoading
      ? 'loading'
      : count > 0
        ? 'ready'
        : enabled
          ? 'empty'
          : 'idle';
  const classes = className ? `readby-reader-list ${className}` : 'readby-reader-list';

  return (
    <div
      {...rest}
      ref={scrollRef}
      className={classes}
      data-readby="reader-list"
      data-state={state}
      data-filter={filter}
      style={{ height, overflowY: 'auto', position: 'relative', ...style }}
    >
      {/* One live region for loading and empty, so that "Loading…" turning into "Nobody has read this yet" is
          announced as a change, not lost as a new element. */}
      {(state === 'loading' || state === 'empty') && (
        <p role="status" data-readby-part="status">
          {state === 'loading' ? t.loadingList : filter === 'read' ? t.emptyRead : t.emptyUnread}
        </p>
      )}
      {state === 'error' && (
        <div role="alert" data-readby-part="error">
          <p>{t.loadError}</p>
          <button type="button" onClick={() => members.refetch()}>
            {t.retry}
          </button>
        </div>
      )}
      {(state === 'ready' || (state === 'error' && count > 0)) && (
        <div
          role="feed"
          aria-label={listLabel}
          aria-busy={members.isFetchingNextPage}
          onKeyDown={onKeyDown}
          style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
        >
          {items.map((item) => {
            const userID = members.userIDs[item.index];
            const id = `${listID}-row-${item.index}`;
            const style = {
              position: 'absolute' as const,
              top: 0,
              left: 0,
              width: '100%',
              height: item.size,
              transform: `translateY(${item.start}px)`,
            };
            if (userID === undefined) {
              return (
                <div key="more" data-readby-part="more" aria-hidden="true" style={style}>
                  {t.loadingMore}
                </div>
              );
            }
            return (
              <article
                key={userID}
                data-readby-part="row"
                data-index={item.index}
                aria-posinset={item.index + 1}
                aria-setsize={members.total ?? -1}
                aria-labelledby={id}
                // biome-ignore lint/a11y/noNoninteractiveTabindex: feed articles take focus, as the pattern asks.
                tabIndex={0}
                style={style}
              >
                {renderItem ? (
                  <span id={id} data-readby-part="content">
                    {renderItem({ userID, index: item.index })}
                  </span>
                ) : (
                  <MemberRow userID={userID} id={id} />
                )}
              </article>
            );
          })}
        </div>
      )}
    </div>
  );
});

function MemberRow({ userID, id }: { userID: string; id: string }) {
  const user = useUser(userID);
  return (
    <>
      <Avatar user={user} />
      <span id={id} data-readby-part="name">
        {displayName(user)}
      </span>
    </>
  );
}

/** The name to show: the user's name, or the user ID when the name is missing or blank. */
function displayName(user: ReadByUser): string {
  return user.name?.trim() || user.userID;
}

/** A picture when there is one, else initials on a colour derived from the user ID. */
export function Avatar({ user }: { user: ReadByUser }) {
  const label = displayName(user);
  // Only URLs an image may come from: `javascript:` or `data:text/html` show initials instead.
  if (user.avatarURL && isImageURL(user.avatarURL)) {
    return <img data-readby-part="avatar" src={user.avatarURL} alt="" width={32} height={32} />;
  }
  let hue = 0;
  for (const char of user.userID) hue = (hue * 31 + (char.codePointAt(0) ?? 0)) % 360;
  return (
    <span
      data-readby-part="avatar"
      aria-hidden="true"
      style={{ '--readby-avatar-hue': hue } as React.CSSProperties}
    >
      {initialsOf(label)}
    </span>
  );
}
