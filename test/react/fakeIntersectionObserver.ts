import { act } from '@testing-library/react';
import { type IntersectionObserverControl, installIntersectionObserver as install } from 'readby/testing';
import { afterEach } from 'vitest';

/** The fake readby/testing installs, as an app's tests use it; taken away after each test. */
let control: IntersectionObserverControl | null = null;

afterEach(() => {
  control?.uninstall();
  control = null;
});

/** Installs the fake IntersectionObserver for this test. */
export function installIntersectionObserver(): void {
  control?.uninstall();
  control = install();
}

/** Scrolls so that each element shows the given share of itself, and tells the observers that watch it. */
export function scroll(...changes: Array<[Element, number]>): void {
  act(() => {
    for (const [element, ratio] of changes) control!.show(element, ratio);
  });
}

/** Every element some live observer watches. */
export function watchedElements(): Element[] {
  return control?.observed() ?? [];
}
