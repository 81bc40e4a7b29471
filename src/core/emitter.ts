/** A typed event emitter in the manner of nanoevents: `on` returns its own unsubscribe. */
export interface Emitter<Events extends Record<string, unknown>> {
  on<K extends keyof Events>(name: K, handler: (payload: Events[K]) => void): () => void;
  off<K extends keyof Events>(name: K, handler: (payload: Events[K]) => void): void;
  emit<K extends keyof Events>(name: K, payload: Events[K]): void;
  clear(): void;
}

export function createEmitter<Events extends Record<string, unknown>>(): Emitter<Events> {
  const handlers = new Map<keyof Events, Array<(payload: never) => void>>();
  return {
    on(name, handler) {
      // A new array on every change, so that a delivery in progress walks the list it started with.
      handlers.set(name, [...(handlers.get(name) ?? []), handler as (payload: never) => void]);
      return () => this.off(name, handler);
    },
    off(name, handler) {
      const list = handlers.get(name);
      if (!list) return;
      const index = list.indexOf(handler as (payload: never) => void);
      if (index === -1) return;
      handlers.set(name, [...list.slice(0, index), ...list.slice(index + 1)]);
    },
    emit(name, payload) {
      const list = handlers.get(name);
      if (!list) return;
      for (const handler of list) {
        // One failing handler must not keep the others, or the rest of a batch, from their events.
        try {
          (handler as (payload: Events[typeof name]) => void)(payload);
        } catch (error) {
          report(error);
        }
      }
    },
    clear() {
      handlers.clear();
    },
  };
}

/** Reports a handler's error the way the platform reports an uncaught one, without stopping delivery. */
function report(error: unknown): void {
  const reportError = (globalThis as { reportError?: (error: unknown) => void }).reportError;
  if (typeof reportError === 'function') reportError(error);
  else console.error(error);
}
