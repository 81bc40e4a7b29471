import type { GroupType } from 'readby';
import { type CreateGroupOptions, MockServer, type MockServerOptions } from 'readby/mock';

/** A change of a group's membership: which users it concerns. */
export type GroupChangeListener = (groupID: string, userIDs: readonly string[]) => void;

/**
 * readby's mock server, which also tells what the real service tells its SDK and readby's protocol does not
 * carry: each group's type (for `getGroupList` and `getGroupProfile`) and changes of membership (for
 * `GROUP_LIST_UPDATED`). It enforces every rule exactly as the mock server does.
 *
 * @example
 * ```ts
 * const server = createTencentServer();
 * server.createGroup({ groupID: 'lounge', type: 'Community', memberList: ['alice', 'bob'] });
 * server.getGroupType('lounge'); // 'Community'
 * ```
 */
export class TencentMockServer extends MockServer {
  readonly #types = new Map<string, GroupType>();
  readonly #listeners = new Set<GroupChangeListener>();

  override createGroup(options: CreateGroupOptions): void {
    super.createGroup(options);
    this.#types.set(options.groupID, options.type);
    this.#changed(options.groupID, options.memberList);
  }

  override addGroupMembers(groupID: string, userIDs: string[]): void {
    super.addGroupMembers(groupID, userIDs);
    this.#changed(groupID, userIDs);
  }

  override removeGroupMembers(groupID: string, userIDs: string[]): void {
    super.removeGroupMembers(groupID, userIDs);
    this.#changed(groupID, userIDs);
  }

  getGroupType(groupID: string): GroupType | undefined {
    return this.#types.get(groupID);
  }

  /** The groups of which `userID` is a member now, in the order they were created. */
  getGroupsOf(userID: string): { groupID: string; type: GroupType; memberCount: number }[] {
    const groups: { groupID: string; type: GroupType; memberCount: number }[] = [];
    for (const [groupID, type] of this.#types) {
      const members = this.getGroupMemberList(groupID);
      if (members.includes(userID)) groups.push({ groupID, type, memberCount: members.length });
    }
    return groups;
  }

  /** Calls `listener` after every change of membership. Returns a function that stops it. */
  onGroupChange(listener: GroupChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #changed(groupID: string, userIDs: readonly string[]): void {
    for (const listener of this.#listeners) listener(groupID, userIDs);
  }
}

/**
 * A mock server for the fake SDK. A plain `createMockServer()` works too, but its groups' types are unknown to
 * the fake: `getGroupList` then lists no group, as for a user whose groups the SDK has not synced.
 *
 * @example
 * ```ts
 * const server = createTencentServer({ seed: 1 });
 * ```
 */
export function createTencentServer(options?: MockServerOptions): TencentMockServer {
  return new TencentMockServer(options);
}

/** A group as the fake SDK's `getGroupList` and `getGroupProfile` describe it. */
export interface FakeGroup {
  groupID: string;
  name: string;
  type: string;
  memberCount: number;
}

/** The groups `userID` is in, as the SDK lists them; none on a plain mock server, whose types are unknown. */
export function groupListOf(server: MockServer, userID: string): FakeGroup[] {
  if (!(server instanceof TencentMockServer)) return [];
  return server
    .getGroupsOf(userID)
    .map(({ groupID, type, memberCount }) => ({ groupID, name: groupID, type, memberCount }));
}

/** One group's profile, or `undefined` when the server cannot tell its type. */
export function groupProfileOf(server: MockServer, groupID: string): FakeGroup | undefined {
  const type = server instanceof TencentMockServer ? server.getGroupType(groupID) : undefined;
  if (type === undefined) return undefined;
  return { groupID, name: groupID, type, memberCount: server.getGroupMemberList(groupID).length };
}

/** Calls `listener` with the users concerned by each change of membership; nothing on a plain mock server. */
export function watchGroups(server: MockServer, listener: (userIDs: readonly string[]) => void): () => void {
  if (!(server instanceof TencentMockServer)) return () => {};
  return server.onGroupChange((_groupID, userIDs) => listener(userIDs));
}
