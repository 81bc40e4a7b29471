import { act } from '@testing-library/react';
import { vi } from 'vitest';

/** How much of each element is on screen, 0 to 1: the test plays the browser's layout. */
const onScreen = new Map<Element, number>();
const observers = new Set<FakeIntersectionObserver>();

/**
 * An IntersectionObserver the test controls. Like the browser's, it reports an element's current state soon after
 * `observe` (in a later task), and reports again whenever the test scrolls it.
 */
export class FakeIntersectionObserver implements IntersectionObserver {
  readonly root: Element | Document | null;
  readonly rootMargin: string;
  readonly scrollMargin = '0px';
  readonly thresholds: ReadonlyArray<number>;
  readonly observed = new Set<Element>();
  readonly #callback: IntersectionObserverCallback;

  constructor(callback: IntersectionObserverCallback, options: IntersectionObserverInit = {}) {
    this.#callback = callback;
    this.root = options.root ?? null;
    this.rootMargin = options.rootMargin ?? '0px';
    const threshold = options.threshold ?? 0;
    this.thresholds = Array.isArray(threshold) ? threshold : [threshold];
    observers.add(this);
  }

  observe(target: Element): void {
    this.observed.add(target);
    setTimeout(() => this.report([target]), 0);
  }

  unobserve(target: Element): void {
    this.observed.delete(target);
  }

  disconnect(): void {
    this.observed.clear();
    observers.delete(this);
  }

  takeRecords(): IntersectionObserverEntry[] {
    return [];
  }

  report(targets: Element[]): void {
    const entries = targets.filter((target) => this.observed.has(target)).map(entryOf);
    if (entries.length > 0) this.#callback(entries, this);
  }
}

function entryOf(target: Element): IntersectionObserverEntry {
  const ratio = onScreen.get(target) ?? 0;
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

/** Installs the fake for this test; the shared helpers' clean-up removes it. */
export function installIntersectionObserver(): void {
  onScreen.clear();
  observers.clear();
  vi.stubGlobal('IntersectionObserver', FakeIntersectionObserver);
}

/** Scrolls so that each element shows the given share of itself, and tells the observers that watch it. */
export function scroll(...changes: Array<[Element, number]>): void {
  act(() => {
    for (const [element, ratio] of changes) onScreen.set(element, ratio);
    const targets = changes.map(([element]) => element);
    for (const observer of [...observers]) observer.report(targets);
  });
}

/** Every element some live observer watches. */
export function watchedElements(): Element[] {
  return [...observers].flatMap((observer) => [...observer.observed]);
}
