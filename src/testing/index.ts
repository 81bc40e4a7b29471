/**
 * readby/testing: what an app's own tests need to exercise readby where there is no browser layout (jsdom):
 * an IntersectionObserver the test drives, a page that counts as seen, and reader-list measurements. It uses
 * no test framework and loads nothing of readby's at run time.
 *
 * @example
 * ```tsx
 * import { installIntersectionObserver, setPageActive } from 'readby/testing';
 *
 * const screenObserver = installIntersectionObserver();
 * const restorePage = setPageActive(true);
 * ```
 */
export { fixedViewport, type ReaderListVirtualOptions } from './fixedViewport';
export { type IntersectionObserverControl, installIntersectionObserver } from './installIntersectionObserver';
export { setPageActive } from './setPageActive';
