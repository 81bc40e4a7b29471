import { createEmitter } from 'readby';
import { describe, expect, it, vi } from 'vitest';

type Events = { tick: number; tock: string };

describe('createEmitter (docs/rules.md §1.4: on, off, and off during delivery)', () => {
  it('docs/rules.md §1.4: the unsubscribe of a destructured on removes its handler', () => {
    const { on, emit } = createEmitter<Events>();
    const handler = vi.fn();
    const stop = on('tick', handler);
    emit('tick', 1);
    expect(() => stop()).not.toThrow();
    emit('tick', 2);
    expect(handler.mock.calls).toEqual([[1]]);
  });

  it('docs/rules.md §1.4: destructured off and clear work too', () => {
    const { on, off, emit, clear } = createEmitter<Events>();
    const first = vi.fn();
    const second = vi.fn();
    on('tick', first);
    on('tock', second);
    off('tick', first);
    emit('tick', 1);
    clear();
    emit('tock', 'x');
    expect(first).not.toHaveBeenCalled();
    expect(second).not.toHaveBeenCalled();
  });

  it('docs/rules.md §1.4: calls handlers in the order they were added, with the payload, only for their event', () => {
    const emitter = createEmitter<Events>();
    const calls: string[] = [];
    emitter.on('tick', (n) => calls.push(`a${n}`));
    emitter.on('tock', (s) => calls.push(`tock ${s}`));
    emitter.on('tick', (n) => calls.push(`b${n}`));
    emitter.emit('tick', 7);
    expect(calls).toEqual(['a7', 'b7']);
  });

  it('docs/rules.md §1.4: a handler added twice is called once and removed by one off', () => {
    const emitter = createEmitter<Events>();
    const handler = vi.fn();
    emitter.on('tick', handler);
    emitter.on('tick', handler);
    emitter.emit('tick', 1);
    emitter.off('tick', handler);
    emitter.emit('tick', 2);
    expect(handler.mock.calls).toEqual([[1]]);
  });

  it('docs/rules.md §1.4: a handler that removes itself runs once; the handlers after it still get the event', () => {
    const emitter = createEmitter<Events>();
    const calls: string[] = [];
    const once = (n: number) => {
      calls.push(`once${n}`);
      emitter.off('tick', once);
    };
    emitter.on('tick', once);
    emitter.on('tick', (n) => calls.push(`after${n}`));
    emitter.emit('tick', 1);
    emitter.emit('tick', 2);
    expect(calls).toEqual(['once1', 'after1', 'after2']);
  });

  it('docs/rules.md §1.4: a delivery walks the handlers it started with: one removed during it still runs, one added waits', () => {
    const emitter = createEmitter<Events>();
    const calls: string[] = [];
    const later = (n: number) => calls.push(`later${n}`);
    const added = (n: number) => calls.push(`added${n}`);
    emitter.on('tick', (n) => {
      calls.push(`first${n}`);
      if (n === 1) {
        emitter.off('tick', later);
        emitter.on('tick', added);
      }
    });
    emitter.on('tick', later);
    emitter.emit('tick', 1);
    emitter.emit('tick', 2);
    expect(calls).toEqual(['first1', 'later1', 'first2', 'added2']);
  });

  it('docs/rules.md §1.4: a handler removed and added again during a delivery moves to the end from the next one', () => {
    const emitter = createEmitter<Events>();
    const calls: string[] = [];
    const a = (n: number) => calls.push(`a${n}`);
    const b = (n: number) => {
      calls.push(`b${n}`);
      if (n === 1) {
        emitter.off('tick', a);
        emitter.on('tick', a);
      }
    };
    emitter.on('tick', a);
    emitter.on('tick', b);
    emitter.emit('tick', 1);
    emitter.emit('tick', 2);
    expect(calls).toEqual(['a1', 'b1', 'b2', 'a2']);
  });

  it('docs/rules.md §1.4: a handler that emits the same event again delivers the nested event in full first', () => {
    const emitter = createEmitter<Events>();
    const calls: string[] = [];
    emitter.on('tick', (n) => {
      calls.push(`a${n}`);
      if (n === 1) emitter.emit('tick', 2);
    });
    emitter.on('tick', (n) => calls.push(`b${n}`));
    emitter.emit('tick', 1);
    expect(calls).toEqual(['a1', 'a2', 'b2', 'b1']);
  });

  it('docs/rules.md §1.4: removing every other one of 1,000 handlers leaves exactly the others', () => {
    const emitter = createEmitter<Events>();
    const handlers = Array.from({ length: 1_000 }, () => vi.fn());
    const stops = handlers.map((handler) => emitter.on('tick', handler));
    for (const [index, stop] of stops.entries()) if (index % 2 === 1) stop();
    emitter.emit('tick', 1);
    const called = handlers.map((handler) => handler.mock.calls.length);
    expect(called.filter((count) => count === 1)).toHaveLength(500);
    expect(called.every((count, index) => count === (index % 2 === 0 ? 1 : 0))).toBe(true);
  });
});
