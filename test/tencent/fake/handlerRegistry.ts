/** What a handler receives, as from the SDK: `{ name, data }`. */
export interface FakeEvent {
  name: string;
  data: unknown;
}
export type FakeHandler = (event: FakeEvent) => void;

/**
 * The fake SDK's event handlers, registered as the SDK registers them: per event name, with an optional `this`,
 * and delivered from a copy of the list, so that a handler may remove itself or another during delivery.
 */
export class HandlerRegistry {
  readonly #handlers = new Map<string, { handler: FakeHandler; context: unknown }[]>();

  add(eventName: string, handler: FakeHandler, context: unknown): void {
    const list = this.#handlers.get(eventName) ?? [];
    list.push({ handler, context });
    this.#handlers.set(eventName, list);
  }

  remove(eventName: string, handler: FakeHandler): void {
    const list = this.#handlers.get(eventName);
    const index = list?.findIndex((entry) => entry.handler === handler) ?? -1;
    if (!list || index === -1) return;
    list.splice(index, 1);
    if (list.length === 0) this.#handlers.delete(eventName);
  }

  /** How many handlers are registered, for one event or for all. */
  count(eventName?: string): number {
    if (eventName !== undefined) return this.#handlers.get(eventName)?.length ?? 0;
    let count = 0;
    for (const list of this.#handlers.values()) count += list.length;
    return count;
  }

  clear(): void {
    this.#handlers.clear();
  }

  emit(name: string, data?: unknown): void {
    for (const { handler, context } of [...(this.#handlers.get(name) ?? [])]) {
      try {
        handler.call(context, { name, data });
      } catch (error) {
        // The SDK swallows a handler's error; a test should see it, so it surfaces as an uncaught one.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}
