/** Drives the fake IntersectionObserver that `installIntersectionObserver` puts in place. */
export interface IntersectionObserverControl {
  /**
   * Puts `element` on screen: `ratio` of it (0 to 1, default 1) is visible. Every observer watching it hears at
   * once, as a browser's would after a scroll. Pass the element the tracker's ref is on.
   */
  show(element: Element, ratio?: number): void;
  /** Takes `element` off screen. */
  hide(element: Element): void;
  /** Every element a live observer watches: the messages a tracker is waiting to see. */
  observed(): Element[];
  /** Puts back what `IntersectionObserver` was before (in jsdom: nothing). */
  uninstall(): void;
}

/**
 * Installs an `IntersectionObserver` that a test drives, where the environment has none (jsdom) or cannot lay
 * out a page. Nothing is on screen until the test says so with `show`; like a browser's, an observer reports an
 * element's state shortly after it starts watching it (in a later task), and again whenever the test changes it.
 * It needs no test framework: uninstall it after each test.
 *
 * @example
 * ```tsx
 * const screenObserver = installIntersectionObserver();
 * render(<Conversation />);
 * screenObserver.show(await screen.findByText('Ship it?'));
 * // … then, after each test:
 * screenObserver.uninstall();
 * ```
 */
export function installIntersectionObserver(): IntersectionObserverControl {
  const onScreen = new Map<Element, number>();
  const observers = new Set<FakeIntersectionObserver>();

  class FakeIntersectionObserver implements IntersectionObserver {
    readonly root: Element | Document | null;
    readonly rootMargin: string;
    readonly scrollMargin = '0px';
    readonly thresholds: ReadonlyArray<number>;
    readonly #callback: IntersectionObserverCallback;
    readonly #observed = new Set<Element>();

    constructor(callback: IntersectionObserverCallback, options: IntersectionObserverInit = {}) {
      this.#callback = callback;
      this.root = options.root ?? null;
      this.rootMargin = options.rootMargin ?? '0px';
      const threshold = options.threshold ?? 0;
      this.thresholds = Array.isArray(threshold) ? threshold : [threshold];
      observers.add(this);
    }

    get observed(): ReadonlySet<Element> {
      return this.#observed;
    }

    observe(target: Element): void {
      this.#observed.add(target);
      setTimeout(() => this.report(target), 0);
    }

    unobserve(target: Element): void {
      this.#observed.delete(target);
    }

    disconnect(): void {
      this.#observed.clear();
      observers.delete(this);
    }

    takeRecords(): IntersectionObserverEntry[] {
      return [];
    }

    report(target: Element): void {
      if (this.#observed.has(target)) this.#callback([entryOf(target, onScreen.get(target) ?? 0)], this);
    }
  }

  const global = globalThis as {
    IntersectionObserver?: unknown;
    window?: { IntersectionObserver?: unknown };
  };
  // jsdom environments copy the window's properties onto the global object: set both, so that code reading
  // `window.IntersectionObserver` finds the fake too.
  const hosts = global.window && global.window !== global ? [global, global.window] : [global];
  const before = hosts.map((host) => Object.getOwnPropertyDescriptor(host, 'IntersectionObserver'));
  for (const host of hosts) {
    Object.defineProperty(host, 'IntersectionObserver', {
      configurable: true,
      writable: true,
      value: FakeIntersectionObserver,
    });
  }

  const place = (element: Element, ratio: number) => {
    if (!(ratio >= 0 && ratio <= 1))
      throw new RangeError(`ratio: expected a number from 0 to 1, got ${ratio}`);
    onScreen.set(element, ratio);
    for (const observer of [...observers]) observer.report(element);
  };

  return {
    show: (element, ratio = 1) => place(element, ratio),
    hide: (element) => place(element, 0),
    observed: () => [...new Set([...observers].flatMap((observer) => [...observer.observed]))],
    uninstall: () => {
      for (const observer of [...observers]) observer.disconnect();
      hosts.forEach((host, index) => {
        const descriptor = before[index];
        if (descriptor) Object.defineProperty(host, 'IntersectionObserver', descriptor);
        else Reflect.deleteProperty(host, 'IntersectionObserver');
      });
    },
  };
}

function entryOf(target: Element, ratio: number): IntersectionObserverEntry {
  const rect = target.getBoundingClientRect();
  return {
    target,
    time: performance.now(),
    isIntersecting: ratio > 0,
    intersectionRatio: ratio,
    boundingClientRect: rect,
    intersectionRect: rect,
    rootBounds: null,
  };
}
