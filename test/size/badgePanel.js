// An app with badges that open the panel of who has and has not read (the reader list, TanStack Virtual).
export { ReadByBadge, ReadByProvider, ReadReceiptPanel } from '../../dist/react.js';
