import type { ReaderListProps } from '../react/index';

/** What `ReaderList` and `ReadReceiptPanel` take as `virtualOptions`. */
export type ReaderListVirtualOptions = NonNullable<ReaderListProps['virtualOptions']>;

/**
 * `virtualOptions` that make a `ReaderList` (or a `ReadReceiptPanel`) measure a viewport of `height` × `width`
 * px where there is no layout. Without them a list in jsdom shows the rows its own `height` holds; with them, as
 * many as this viewport holds.
 *
 * @example
 * ```tsx
 * render(<ReaderList message={message} filter="unread" virtualOptions={fixedViewport(960)} />);
 * ```
 */
export function fixedViewport(height: number, width = 320): ReaderListVirtualOptions {
  return {
    initialRect: { width, height },
    observeElementRect: (_instance, callback) => {
      callback({ width, height });
      return () => {};
    },
  };
}
