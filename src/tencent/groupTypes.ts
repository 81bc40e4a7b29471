import { type MessageLike, TYPES } from '../core/index';

/**
 * The group types whose messages have read receipts unless the app says otherwise: Work (`'Private'`), Public and
 * Meeting (`'ChatRoom'`). The service has none for Community and AVChatRoom groups; for the others they must be
 * switched on per group type in the console.
 */
export const DEFAULT_READ_RECEIPT_GROUP_TYPES: readonly string[] = Object.freeze([
  TYPES.GRP_WORK,
  TYPES.GRP_PUBLIC,
  TYPES.GRP_MEETING,
]);

/** Topic IDs are `<community group ID>@TOPIC#<suffix>`, and only Community groups have topics. */
const TOPIC_MARK = '@TOPIC#';

/**
 * The types of the groups the user knows, from the SDK's group list and, for a group not on it, its profile. The
 * SDK keeps `needReadReceipt: true` on messages sent where the service ignores it, and `sendMessage` does not say
 * so, so the group's type is what tells whether a badge should show at all. A group's type never changes, so an
 * entry is never dropped.
 *
 * @example
 * ```ts
 * const groups = new GroupTypes(DEFAULT_READ_RECEIPT_GROUP_TYPES, (groupID) => lookUpProfile(groupID));
 * groups.remember((await tim.getGroupList()).data.groupList);
 * groups.hasReadReceipts('lounge'); // false for a Community group
 * ```
 */
export class GroupTypes {
  readonly #types = new Map<string, string>();
  readonly #receiptTypes: ReadonlySet<string>;
  readonly #lookUp: (groupID: string) => void;
  /** Groups already asked about in this ready period: a group is asked about once, not once per render. */
  readonly #asked = new Set<string>();

  constructor(receiptTypes: readonly string[], lookUp: (groupID: string) => void) {
    this.#receiptTypes = new Set(receiptTypes);
    this.#lookUp = lookUp;
  }

  /** Records the type of each group in `groups` (a list, or one group), skipping anything malformed. */
  remember(groups: unknown): void {
    for (const group of Array.isArray(groups) ? groups : [groups]) {
      const { groupID, type } = (group ?? {}) as { groupID?: unknown; type?: unknown };
      if (typeof groupID === 'string' && typeof type === 'string') this.#types.set(groupID, type);
    }
  }

  /**
   * Loads the user's group list from the SDK, once per ready period. A failure leaves the groups unknown, which
   * shows their badges; {@link GroupTypes.hasReadReceipts} asks for a profile when it meets one.
   */
  async load(sdk: { getGroupList(): Promise<unknown> }, stillCurrent: () => boolean): Promise<void> {
    try {
      const response = (await sdk.getGroupList()) as { data?: { groupList?: unknown } } | undefined;
      if (stillCurrent()) this.remember(response?.data?.groupList);
    } catch {
      // Still unknown: they keep their badges.
    }
  }

  /** A new ready period: groups still unknown may be asked about again. */
  resetLookups(): void {
    this.#asked.clear();
  }

  typeOf(groupID: string): string | undefined {
    return this.#types.get(groupID);
  }

  /** Whether a message can have receipts: one-to-one when asked for, in a group when its type has them. */
  hasReadReceiptsFor(message: MessageLike): boolean {
    if (typeof message !== 'object' || message === null || message.needReadReceipt !== true) return false;
    if (message.conversationType === TYPES.CONV_C2C) return true;
    if (message.conversationType !== TYPES.CONV_GROUP) return false;
    const groupID =
      typeof message.to === 'string' && message.to !== ''
        ? message.to
        : String(message.conversationID).slice(TYPES.CONV_GROUP.length);
    return this.hasReadReceipts(groupID);
  }

  /**
   * Whether messages of the group can have receipts. `true` while the type is unknown, so that a badge is not
   * hidden by a lookup still under way; the first such question starts the lookup.
   */
  hasReadReceipts(groupID: string): boolean {
    if (groupID.includes(TOPIC_MARK)) return false;
    const type = this.#types.get(groupID);
    if (type !== undefined) return this.#receiptTypes.has(type);
    if (!this.#asked.has(groupID)) {
      this.#asked.add(groupID);
      this.#lookUp(groupID);
    }
    return true;
  }
}
