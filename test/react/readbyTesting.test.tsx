import { render, screen, within } from '@testing-library/react';
import { ReaderList } from 'readby/react';
import {
  fixedViewport,
  type IntersectionObserverControl,
  installIntersectionObserver,
  setPageActive,
} from 'readby/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { aliceInTeam, manyMembers, renderWithChat, sendText } from './components/support';

let control: IntersectionObserverControl | null = null;
let restorePage: (() => void) | null = null;

afterEach(() => {
  control?.uninstall();
  control = null;
  restorePage?.();
  restorePage = null;
});

/** What an observer's callback was told, entry by entry: the element's text, whether it is on screen, how much. */
function watch(element: Element, threshold = 0.5) {
  const heard: string[] = [];
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        heard.push(
          `${entry.target.textContent} ${entry.isIntersecting ? 'in' : 'out'} ${entry.intersectionRatio}`,
        );
      }
    },
    { threshold },
  );
  observer.observe(element);
  return { heard, observer };
}

describe('readby/testing: installIntersectionObserver', () => {
  it('puts an IntersectionObserver where jsdom has none, and uninstall takes it away again', () => {
    expect(typeof IntersectionObserver).toBe('undefined');
    control = installIntersectionObserver();
    expect(typeof IntersectionObserver).toBe('function');
    expect(window.IntersectionObserver).toBe(IntersectionObserver);
    control.uninstall();
    expect(typeof IntersectionObserver).toBe('undefined');
    expect('IntersectionObserver' in window).toBe(false);
  });

  it('reports an element off screen in a later task after observe, as a browser does, then what the test shows', async () => {
    control = installIntersectionObserver();
    render(<p>Ship it?</p>);
    const { heard, observer } = watch(screen.getByText('Ship it?'));
    expect(observer.thresholds).toEqual([0.5]);
    expect(heard).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(heard).toEqual(['Ship it? out 0']);

    control.show(screen.getByText('Ship it?'));
    control.show(screen.getByText('Ship it?'), 0.4);
    control.hide(screen.getByText('Ship it?'));
    expect(heard).toEqual(['Ship it? out 0', 'Ship it? in 1', 'Ship it? in 0.4', 'Ship it? out 0']);
  });

  it('lists what live observers watch; an element unobserved, or an observer disconnected, hears no more', () => {
    control = installIntersectionObserver();
    render(
      <>
        <p>first</p>
        <p>second</p>
      </>,
    );
    const first = watch(screen.getByText('first'));
    const second = watch(screen.getByText('second'));
    expect(control.observed().map((element) => element.textContent)).toEqual(['first', 'second']);

    first.observer.unobserve(screen.getByText('first'));
    second.observer.disconnect();
    control.show(screen.getByText('first'));
    control.show(screen.getByText('second'));
    expect(control.observed()).toEqual([]);
    expect([...first.heard, ...second.heard]).toEqual([]);
  });

  it('refuses a share of an element that is not from 0 to 1', () => {
    control = installIntersectionObserver();
    render(<p>Ship it?</p>);
    expect(() => control!.show(screen.getByText('Ship it?'), 1.5)).toThrow(
      new RangeError('ratio: expected a number from 0 to 1, got 1.5'),
    );
  });
});

describe('readby/testing: setPageActive', () => {
  it("makes jsdom's page visible and focused, or hidden and unfocused, and tells the page as a browser would", () => {
    expect(document.hasFocus()).toBe(false);
    const events: string[] = [];
    const record = (event: Event) => events.push(event.type);
    window.addEventListener('focus', record);
    window.addEventListener('blur', record);
    document.addEventListener('visibilitychange', record);

    restorePage = setPageActive(true);
    expect([document.hasFocus(), document.visibilityState, document.hidden]).toEqual([
      true,
      'visible',
      false,
    ]);
    setPageActive(false);
    expect([document.hasFocus(), document.visibilityState, document.hidden]).toEqual([false, 'hidden', true]);
    expect(events).toEqual(['focus', 'blur', 'visibilitychange']);

    restorePage();
    expect([document.hasFocus(), document.visibilityState, document.hidden]).toEqual([
      false,
      'visible',
      false,
    ]);
    window.removeEventListener('focus', record);
    window.removeEventListener('blur', record);
    document.removeEventListener('visibilitychange', record);
  });
});

describe('readby/testing: fixedViewport', () => {
  it('makes a reader list measure the viewport given: 480 px of 48 px rows show 10, and 6 more for scrolling', async () => {
    const { chat } = aliceInTeam(manyMembers(100));
    const message = await sendText(chat, 'team', 'Lunch at noon?');
    renderWithChat(
      chat,
      <ReaderList message={message} filter="unread" pageSize={100} virtualOptions={fixedViewport(480)} />,
    );
    const feed = await screen.findByRole('feed');
    const names = within(feed)
      .getAllByRole('article')
      .map((row) => row.textContent);
    expect(names).toEqual(manyMembers(16).map((userID) => `M${userID}`));
  });
});
