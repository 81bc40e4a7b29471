import type { MessageLike, ReceiptSender } from '../core/index';

/** Bundlers replace `process.env.NODE_ENV`; Node, where tests run, has it. It is read only when a warning is due. */
declare const process: { env: { NODE_ENV?: string } };

/** Said once a page: a tracker that cannot see sends nothing, which would otherwise pass without a word. */
let warnedBlind = false;

export interface VisibilitySettings {
  /** Share of a message that must be on screen, 0 to 1. */
  threshold: number;
  /** How long a message must stay that visible, in ms, while the page is visible and focused. */
  dwellMs: number;
  root: Element | null;
  rootMargin: string;
  /** Whether a person can be looking: the page is visible and has focus. */
  isPageActive: () => boolean;
}

/**
 * Watches rendered messages and queues a receipt for each one a person has had the chance to read. Holds its
 * elements across stop and start, so that StrictMode's extra unmount and remount loses none of them; touches the
 * DOM only between `start` and `stop`, so it is safe to create during a server render.
 */
export class VisibilityTracker {
  readonly #sender: ReceiptSender;
  readonly #elements = new Map<Element, MessageLike>();
  readonly #visible = new Set<Element>();
  readonly #dwell = new Map<Element, ReturnType<typeof setTimeout>>();
  #observer: IntersectionObserver | null = null;
  #settings: VisibilitySettings | null = null;
  #removeListeners: (() => void) | null = null;

  constructor(sender: ReceiptSender) {
    this.#sender = sender;
  }

  observe(element: Element, message: MessageLike): void {
    if (this.#sender.has(message.ID)) return;
    this.#elements.set(element, message);
    this.#observer?.observe(element);
  }

  unobserve(element: Element): void {
    this.#elements.delete(element);
    this.#visible.delete(element);
    this.#cancelDwell(element);
    this.#observer?.unobserve(element);
  }

  start(settings: VisibilitySettings): void {
    this.stop();
    if (typeof IntersectionObserver === 'undefined') {
      if (process.env.NODE_ENV !== 'production' && !warnedBlind) {
        warnedBlind = true;
        console.warn(
          'readby: useReadReceiptTracker sends no read receipts here: this environment has no IntersectionObserver ' +
            "to tell it which messages are on screen. In tests, install one with installIntersectionObserver() from 'readby/testing'.",
        );
      }
      return;
    }
    this.#settings = settings;
    this.#observer = new IntersectionObserver((entries) => this.#onIntersect(entries), {
      threshold: settings.threshold,
      root: settings.root,
      rootMargin: settings.rootMargin,
    });
    for (const element of this.#elements.keys()) this.#observer.observe(element);

    const onActive = () => this.#onPageChange();
    const onHidden = () => {
      this.#onPageChange();
      if (document.visibilityState === 'hidden') this.#sender.flush();
    };
    const onPageHide = () => this.#sender.flush();
    document.addEventListener('visibilitychange', onHidden);
    window.addEventListener('focus', onActive);
    window.addEventListener('blur', onActive);
    window.addEventListener('pagehide', onPageHide);
    this.#removeListeners = () => {
      document.removeEventListener('visibilitychange', onHidden);
      window.removeEventListener('focus', onActive);
      window.removeEventListener('blur', onActive);
      window.removeEventListener('pagehide', onPageHide);
    };
  }

  /** Stops watching and sends what is queued; the elements are kept for the next `start`. */
  stop(): void {
    this.#observer?.disconnect();
    this.#observer = null;
    this.#removeListeners?.();
    this.#removeListeners = null;
    for (const element of [...this.#dwell.keys()]) this.#cancelDwell(element);
    this.#visible.clear();
    if (this.#settings) this.#sender.flush();
    this.#settings = null;
  }

  #onIntersect(entries: IntersectionObserverEntry[]): void {
    const threshold = this.#settings?.threshold ?? 1;
    for (const entry of entries) {
      if (!this.#elements.has(entry.target)) continue;
      if (entry.isIntersecting && entry.intersectionRatio >= threshold) {
        this.#visible.add(entry.target);
        this.#startDwell(entry.target);
      } else {
        this.#visible.delete(entry.target);
        this.#cancelDwell(entry.target);
      }
    }
  }

  /** Focus or visibility changed: dwell clocks run only while a person can be looking. */
  #onPageChange(): void {
    if (this.#settings?.isPageActive()) {
      for (const element of this.#visible) this.#startDwell(element);
    } else {
      for (const element of [...this.#dwell.keys()]) this.#cancelDwell(element);
    }
  }

  #startDwell(element: Element): void {
    const settings = this.#settings;
    if (!settings || this.#dwell.has(element) || !settings.isPageActive()) return;
    const timer = setTimeout(() => {
      this.#dwell.delete(element);
      const message = this.#elements.get(element);
      if (!message || !this.#visible.has(element) || !settings.isPageActive()) return;
      this.#sender.enqueue(message);
      this.unobserve(element);
    }, settings.dwellMs);
    this.#dwell.set(element, timer);
  }

  #cancelDwell(element: Element): void {
    clearTimeout(this.#dwell.get(element));
    this.#dwell.delete(element);
  }
}
