/** The document whose answers are overridden, and what they say. */
let page: { document: Document; active: boolean } | null = null;

/**
 * Says whether a person can be looking at the page: `true` makes it visible and focused, `false` hidden and
 * unfocused. `useReadReceiptTracker` sends receipts only while the page is active, and jsdom's page never is
 * (`document.hasFocus()` stays false until an element takes focus). Like a browser, it fires `focus` or `blur`
 * on the window and `visibilitychange` on the document, so that trackers already running hear of it. Returns a
 * function that gives the page its own answers back.
 *
 * @example
 * ```ts
 * const restorePage = setPageActive(true);
 * // … render, show messages, expect receipts; then, after each test:
 * restorePage();
 * ```
 */
export function setPageActive(active: boolean): () => void {
  const wasVisible = document.visibilityState === 'visible';
  if (page?.document !== document) {
    page = { document, active };
    const current = page;
    Object.defineProperty(document, 'hasFocus', { configurable: true, value: () => current.active });
    Object.defineProperty(document, 'visibilityState', {
      configurable: true,
      get: () => (current.active ? 'visible' : 'hidden'),
    });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => !current.active });
  }
  page.active = active;
  window.dispatchEvent(new Event(active ? 'focus' : 'blur'));
  if (wasVisible !== active) document.dispatchEvent(new Event('visibilitychange'));
  return restorePage;
}

function restorePage(): void {
  if (!page) return;
  for (const name of ['hasFocus', 'visibilityState', 'hidden']) Reflect.deleteProperty(page.document, name);
  page = null;
}
