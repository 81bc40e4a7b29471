/**
 * The React layer's bars (docs/rules.md §4): mounting 1,000 badges issues ≤ 10 count requests, and a burst of receipts
 * into those 1,000 mounted badges re-renders only the badges whose counts changed, each once.
 *
 * Runs React DOM in a jsdom window with frames under the benchmark's control: every receipt of the burst arrives,
 * and nothing renders until a frame has run; then frames run (each followed by the tasks after it) until every
 * changed badge shows its counts, which may take a few publications when the burst is larger than one.
 */
import { JSDOM } from 'jsdom';
import type { Message } from '../src/core/index';
import type { BenchRow } from './types';

const BADGES = 1_000;
const BURST_READERS = 5;
const BURST_MESSAGES = 200;

export async function run(): Promise<BenchRow[]> {
  const dom = new JSDOM('<!doctype html><div id="root"></div>', { pretendToBeVisual: false });
  const frames: Array<(time: number) => void> = [];
  const globals = globalThis as Record<string, unknown>;
  globals.window = dom.window;
  globals.document = dom.window.document;
  globals.HTMLElement = dom.window.HTMLElement;
  globals.navigator = dom.window.navigator;
  globals.requestAnimationFrame = (callback: (time: number) => void) => frames.push(callback);
  globals.IS_REACT_ACT_ENVIRONMENT = true;
  const runFrame = () => {
    const time = performance.now();
    for (const callback of frames.splice(0)) callback(time);
  };
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  /** Frames, a frame's time apart, each followed by the tasks after it, until `done` or 2 s have passed. */
  const framesUntil = async (done: () => boolean): Promise<number> => {
    let count = 0;
    for (; count < 120 && !done(); count++) {
      await act(async () => {
        await sleep(16);
        runFrame();
        await sleep(0);
      });
    }
    return count;
  };

  const { createElement, Profiler, act } = await import('react');
  const { createRoot } = await import('react-dom/client');
  const ReadBy = (await import('../src/core/index')).default;
  const { createMockServer } = await import('../src/mock/index');
  const { ReadByBadge, ReadByProvider } = await import('../src/react/index');

  const members = ['me', ...Array.from({ length: 9 }, (_, i) => `member${i + 1}`)];
  const server = createMockServer({ seed: 11 });
  server.createGroup({ groupID: 'team', type: 'Private', memberList: members });
  const sender = ReadBy.create({ transport: server.connect('me') });
  const messages: Message[] = [];
  for (let i = 0; i < BADGES; i++) {
    const message = sender.createTextMessage({
      to: 'team',
      conversationType: ReadBy.TYPES.CONV_GROUP,
      payload: { text: `message ${i}` },
      needReadReceipt: true,
    });
    messages.push(message);
    await sender.sendMessage(message);
  }
  // As loaded from history: counts unknown until the badges ask for them.
  const viewer = ReadBy.create({ transport: server.connect('me') });
  const loaded: Message[] = [];
  let cursor = '';
  do {
    const { data } = await viewer.getMessageList({
      conversationID: 'GROUPteam',
      ...(cursor ? { nextReqMessageID: cursor } : {}),
    });
    loaded.unshift(...data.messageList);
    cursor = data.isCompleted ? '' : data.nextReqMessageID;
  } while (cursor);

  const pull = viewer.getMessageReadReceiptList.bind(viewer);
  const requests: number[] = [];
  viewer.getMessageReadReceiptList = (list) => {
    requests.push(list.length);
    return pull(list);
  };

  const renders = new Map<string, number>();
  const onRender = (id: string) => renders.set(id, (renders.get(id) ?? 0) + 1);
  const root = createRoot(dom.window.document.getElementById('root')!);
  const mountStarted = performance.now();
  await act(async () => {
    root.render(
      createElement(
        ReadByProvider,
        { chat: viewer },
        loaded.map((message) =>
          createElement(
            Profiler,
            { id: message.ID, onRender, key: message.ID },
            createElement(ReadByBadge, { message }),
          ),
        ),
      ),
    );
  });
  const showing = () =>
    dom.window.document.querySelectorAll('[data-readby="badge"][data-state="unread"]').length;
  await framesUntil(() => showing() === BADGES);
  const mountMs = performance.now() - mountStarted;
  const shown = showing();

  // The burst: five members read the newest 200 messages, each receipt call in a task of its own.
  renders.clear();
  const burst = loaded.slice(-BURST_MESSAGES);
  await act(async () => {
    for (let reader = 1; reader <= BURST_READERS; reader++) {
      for (let start = 0; start < burst.length; start += 30) {
        server.request(`member${reader}`, 'sendMessageReadReceipt', {
          messageIDs: burst.slice(start, start + 30).map((message) => message.ID),
        });
        await new Promise((resolve) => setTimeout(resolve, 0));
      }
    }
  });
  const beforeFrame = [...renders.values()].reduce((sum, count) => sum + count, 0);
  const burstStarted = performance.now();
  const burstLabel = `[data-readby="badge"][aria-label="Read by ${BURST_READERS} of ${members.length - 1} members"]`;
  const burstFrames = await framesUntil(
    () => dom.window.document.querySelectorAll(burstLabel).length === BURST_MESSAGES,
  );
  const frameMs = performance.now() - burstStarted;
  const changed = new Set(burst.map((message) => message.ID));
  const renderedChanged = [...renders.keys()].filter((id) => changed.has(id)).length;
  const renderedOthers = [...renders.keys()].filter((id) => !changed.has(id)).length;
  const maxRenders = Math.max(0, ...renders.values());
  const updated = dom.window.document.querySelectorAll(burstLabel).length;

  await act(async () => root.unmount());
  sender.destroy();
  viewer.destroy();
  dom.window.close();

  return [
    {
      bar: 'badgeCountRequests',
      name: `count requests when mounting ${BADGES.toLocaleString('en')} badges`,
      value: requests.length,
      unit: 'requests',
      target: '≤ 10',
      pass: requests.length <= 10 && shown === BADGES,
      gate: true,
      detail: `sizes ${requests.join('+')}; ${shown} badges showed their counts; mount and fetch ${mountMs.toFixed(0)} ms`,
    },
    {
      bar: 'badgeRenders',
      name: `badge renders after ${BURST_READERS * Math.ceil(BURST_MESSAGES / 30)} receipt pushes`,
      value: maxRenders,
      unit: 'renders per badge',
      target: '≤ 1, only changed badges',
      pass:
        beforeFrame === 0 &&
        maxRenders <= 1 &&
        renderedOthers === 0 &&
        renderedChanged === BURST_MESSAGES &&
        updated === BURST_MESSAGES,
      gate: true,
      detail: `${renderedChanged} of ${BURST_MESSAGES} changed badges rendered, ${renderedOthers} unchanged ones did; ${beforeFrame} renders before a frame; shown after ${burstFrames} frame(s), ${frameMs.toFixed(0)} ms`,
    },
  ];
}
