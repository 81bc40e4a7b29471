import { type GroupType, invalidParameter, TYPES } from '../core/index';
import { Roster } from './roster';
import { findGroup, type Group, type ServerState } from './serverState';

export interface CreateGroupOptions {
  groupID: string;
  type: GroupType;
  /** Members in join order. */
  memberList: string[];
}

/** Every group type of the vendor SDK. */
export const GROUP_TYPES: readonly string[] = [
  TYPES.GRP_WORK,
  TYPES.GRP_PUBLIC,
  TYPES.GRP_MEETING,
  TYPES.GRP_AVCHATROOM,
  TYPES.GRP_COMMUNITY,
];

export function createGroup(state: ServerState, options: CreateGroupOptions): void {
  if (typeof options !== 'object' || options === null) throw invalidParameter('options', 'an object');
  const { groupID, type, memberList } = options;
  if (typeof groupID !== 'string' || groupID === '') throw invalidParameter('groupID', 'a non-empty string');
  if (state.groups.has(groupID))
    throw invalidParameter('groupID', `an unused group ID, but '${groupID}' exists`);
  if (!GROUP_TYPES.includes(type)) throw invalidParameter('type', `one of ${GROUP_TYPES.join(', ')}`);
  checkUserIDs(memberList, 'memberList');
  const group: Group = { groupID, type, roster: new Roster(), readBlock: null };
  state.groups.set(groupID, group);
  state.tick += 1;
  for (const userID of memberList) {
    group.roster.add(userID);
    state.users.add(userID);
  }
}

export function addGroupMembers(state: ServerState, groupID: string, userIDs: string[]): void {
  const group = findGroup(state, groupID);
  checkUserIDs(userIDs, 'userIDs');
  state.tick += 1;
  for (const userID of userIDs) {
    group.roster.add(userID);
    state.users.add(userID);
  }
}

export function removeGroupMembers(state: ServerState, groupID: string, userIDs: string[]): void {
  const group = findGroup(state, groupID);
  checkUserIDs(userIDs, 'userIDs');
  state.tick += 1;
  for (const userID of userIDs) group.roster.remove(userID, state.tick);
}

function checkUserIDs(userIDs: unknown, name: string): asserts userIDs is string[] {
  if (!Array.isArray(userIDs) || userIDs.some((id) => typeof id !== 'string' || id === '')) {
    throw invalidParameter(name, 'an array of non-empty user IDs');
  }
}
