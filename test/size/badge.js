// An app that shows read counts only: the provider and the badge, and what they load (engine, store, TanStack
// Query, zustand). The reader list, the panel and TanStack Virtual must not come along.
export { ReadByBadge, ReadByProvider } from '../../dist/react.js';
