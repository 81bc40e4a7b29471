import { Profiler, type ProfilerOnRenderCallback, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { type Chat, createChat, type Message, TYPES } from '../../src/core/index';
import { createMockServer, type MockServer } from '../../src/mock/index';
import { ReadByBadge, ReadByProvider } from '../../src/react/index';
import { burstCalls, type ReceiptCall } from './burstCalls';
import { NaiveBadge } from './NaiveBadge';
import { type BadgeUI, type BurstShape, GROUP_SIZE, LATENCY_MS, MESSAGES, type PageRun } from './protocol';

const SETTLE_MS = 500;
const GIVE_UP_MS = 30_000;

const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One run of the page: a 1,000-member group and 1,000 messages of mine, loaded from history with counts unknown,
 * drawn by `ui`; then a burst of receipts of the given shape, sent by other members through the mock server.
 *
 * @example
 * ```ts
 * window.benchRun = runPage({ ui: 'readby', shape: 'scattered', seed: 1 });
 * ```
 */
export async function runPage({
  ui,
  shape,
  seed,
}: {
  ui: BadgeUI;
  shape: BurstShape;
  seed: number;
}): Promise<PageRun> {
  const { server, chat, messages, readers } = await setUp(seed);
  const longTasks: PerformanceEntry[] = [];
  new PerformanceObserver((list) => longTasks.push(...list.getEntries())).observe({ type: 'longtask' });
  /** The burst's span: renders committed in it count. */
  let span: { start: number; end: number } | null = null;
  let renderMs = 0;
  let commits = 0;
  const onRender: ProfilerOnRenderCallback = (_id, _phase, actualDuration, _base, _start, commitTime) => {
    if (!span || commitTime < span.start || commitTime > span.end) return;
    renderMs += actualDuration;
    commits += 1;
  };

  const container = document.getElementById('root')!;
  const badges = () => container.querySelectorAll<HTMLElement>('[data-readby="badge"]');
  const mountStart = performance.now();
  createRoot(container).render(
    <Profiler id="badges" onRender={onRender}>
      {ui === 'readby' ? (
        <ReadByProvider chat={chat}>
          <MessageList
            messages={messages}
            badge={(message) => <ReadByBadge message={message} showTotal ring />}
          />
        </ReadByProvider>
      ) : (
        <MessageList messages={messages} badge={(message) => <NaiveBadge chat={chat} message={message} />} />
      )}
    </Profiler>,
  );
  let mounted = await frame();
  while (container.querySelectorAll('[data-readby="badge"][data-read-count]').length < MESSAGES) {
    if (mounted - mountStart > GIVE_UP_MS) throw new Error(`${ui}: counts not shown after ${GIVE_UP_MS} ms`);
    mounted = await frame();
  }
  const mountToCounts = mounted - mountStart;

  await sleep(SETTLE_MS);
  (window as { gc?: () => void }).gc?.();
  await frame();

  const calls = burstCalls(
    shape,
    messages.map((message) => message.ID),
    readers,
    server.createRandom(`burst ${seed}`),
  );
  const start = performance.now();
  span = { start, end: Number.POSITIVE_INFINITY };
  const sent = send(server, calls, start);
  const deltas: number[] = [];
  let last = await frame();
  let expected: number[] | null = null;
  for (;;) {
    const now = await frame();
    // To a tenth of a millisecond: frame times come in steps of a display refresh, and the microseconds by which
    // two of the same step differ would decide a comparison of frames that look the same.
    deltas.push(Math.round((now - last) * 10) / 10);
    last = now;
    if (now - start > GIVE_UP_MS) throw new Error(`${ui}: final counts not shown after ${GIVE_UP_MS} ms`);
    if (!expected && sent.done)
      expected = messages.map((message) => server.getReceiptTruth(message.ID)!.readCount);
    if (expected && shown(badges()).every((count, index) => count === expected![index])) break;
  }
  const end = performance.now();
  span.end = end;
  // Long-task entries are delivered after the task: give the last ones time to arrive.
  await sleep(200);
  const inBurst = longTasks.filter((entry) => entry.startTime >= start && entry.startTime < end);
  return {
    ui,
    shape,
    mountToCounts,
    longTasks: inBurst.length,
    longTaskMs: inBurst.reduce((sum, entry) => sum + entry.duration, 0),
    frameP95: percentile(deltas, 0.95),
    frames: deltas.length,
    renderMs,
    commits,
    settleMs: end - start,
    finalCounts: shown(badges()),
  };
}

/** The server, a chat for me that has loaded the conversation's history, and the other members. */
async function setUp(seed: number): Promise<{
  server: MockServer;
  chat: Chat;
  messages: Message[];
  readers: string[];
}> {
  const server = createMockServer({ seed, latencyMs: LATENCY_MS, maxReceiptGroupSize: GROUP_SIZE });
  const readers = Array.from({ length: GROUP_SIZE - 1 }, (_, index) => `member${index + 1}`);
  server.createGroup({ groupID: 'team', type: TYPES.GRP_WORK, memberList: ['me', ...readers] });
  for (let index = 0; index < MESSAGES; index++) {
    server.postMessage({
      from: 'me',
      to: 'team',
      conversationType: TYPES.CONV_GROUP,
      text: `Update ${index + 1}`,
      needReadReceipt: true,
    });
  }
  const chat = createChat({ transport: server.connect('me') });
  const pages: Message[][] = [];
  let nextReqMessageID = '';
  for (;;) {
    const { data } = await chat.getMessageList({ conversationID: 'GROUPteam', nextReqMessageID });
    pages.unshift(data.messageList);
    if (data.isCompleted) break;
    nextReqMessageID = data.nextReqMessageID;
  }
  return { server, chat, messages: pages.flat(), readers };
}

function MessageList({ messages, badge }: { messages: Message[]; badge: (message: Message) => ReactNode }) {
  return (
    <ul className="messages">
      {messages.map((message) => (
        <li key={message.ID} data-message-id={message.ID}>
          <span>{message.payload.text}</span>
          {badge(message)}
        </li>
      ))}
    </ul>
  );
}

/** Sends each call when its time comes, as members' clients would, whatever the page is busy with. */
function send(server: MockServer, calls: ReceiptCall[], start: number): { done: boolean } {
  const progress = { done: false };
  let next = 0;
  const tick = () => {
    const elapsed = performance.now() - start;
    for (; next < calls.length && calls[next]!.at <= elapsed; next++) {
      const { reader, messageIDs } = calls[next]!;
      server.request(reader, 'sendMessageReadReceipt', { messageIDs });
    }
    if (next < calls.length) setTimeout(tick, 4);
    else progress.done = true;
  };
  tick();
  return progress;
}

/** The read count each badge shows, in message order; -1 where none is shown. */
function shown(badges: NodeListOf<HTMLElement>): number[] {
  return Array.from(badges, (badge) => Number(badge.dataset.readCount ?? -1));
}

function percentile(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0;
}
