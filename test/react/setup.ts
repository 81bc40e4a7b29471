import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterAll, afterEach } from 'vitest';

afterEach(() => cleanup());

/**
 * TanStack Virtual ends a scroll on a 150 ms timer that it does not clear when the list unmounts. Left pending at
 * the end of a file, it fires after the window is torn down ("window is not defined"); waiting it out here lets it
 * run, harmlessly, on an unmounted list.
 */
const SCROLL_END_MS = 150;
afterAll(() => new Promise<void>((resolve) => setTimeout(resolve, SCROLL_END_MS + 50)));
