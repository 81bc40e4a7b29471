/** Violation kinds, each named after the rule it breaks. */
export const KIND = {
  recipients: 'R1 recipients: the server counts other recipients than the members at the send',
  notRecipient: 'R1 recipients: a reader who was not a recipient is counted',
  sum: 'R2 counts: read + unread differs from the recipients',
  decreased: 'R2 counts: a read count went down',
  ahead: 'R2 counts: a view shows more readers than the server has',
  status: "R2 counts: the store's status disagrees with its counts",
  twice: 'R3.5 exactly once: a reader is counted twice',
  missing: 'R3 exactly once: a receipt whose call succeeded is missing',
  phantom: "R3 exactly once: a receipt is stored that none of the reader's calls could have stored",
  pushBehind: 'R5 push: findMessage is behind the event',
  support: 'R8 receipts: needReadReceipt or readReceiptCode is wrong for the group',
  refused: 'R12 failure: a legitimate call was refused',
  retryRefused: 'R12 failure: the retry of a send that failed on the network was refused',
  squatted: 'R10 identity: a message ID taken by another user blocks a send',
  unsettled: 'R12 failure: a call is still unsettled after the quiet period',
  threw: 'R12 failure: a call failed with something other than a ReadByError',
} as const;
