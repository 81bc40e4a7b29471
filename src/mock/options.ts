import { type GroupType, invalidParameter, TYPES } from '../core/index';
import { GROUP_TYPES } from './groups';
import type { MockServerOptions } from './server';
import type { ConnectOptions } from './transport';

/** The server's options with their defaults, frozen: later changes to what the caller passed change nothing. */
export type ServerSettings = Readonly<Required<Omit<MockServerOptions, 'now'>>>;

/**
 * Checks `createMockServer` options, so that a typo fails at once with INVALID_PARAMETER instead of a server that
 * quietly behaves otherwise (a `now` that is not a function would only fail at the first send).
 */
export function readServerOptions(options: unknown): { settings: ServerSettings; now: () => number } {
  const given = objectOf(options, 'options');
  const { seed = 1, latencyMs = 0, maxReceiptGroupSize = 200, memberListAccess = 'sender', now } = given;
  if (!Number.isInteger(seed)) throw invalidParameter('options.seed', 'a whole number');
  const readReceiptGroupTypes = given.readReceiptGroupTypes ?? [
    TYPES.GRP_WORK,
    TYPES.GRP_PUBLIC,
    TYPES.GRP_MEETING,
  ];
  if (
    !Array.isArray(readReceiptGroupTypes) ||
    readReceiptGroupTypes.some((type) => !GROUP_TYPES.includes(type))
  )
    throw invalidParameter('options.readReceiptGroupTypes', `an array of ${GROUP_TYPES.join(', ')}`);
  if (typeof maxReceiptGroupSize !== 'number' || !(maxReceiptGroupSize >= 0))
    throw invalidParameter('options.maxReceiptGroupSize', 'a number ≥ 0');
  if (memberListAccess !== 'sender' && memberListAccess !== 'members')
    throw invalidParameter('options.memberListAccess', "'sender' or 'members'");
  if (now !== undefined && typeof now !== 'function') throw invalidParameter('options.now', 'a function');
  const settings: ServerSettings = Object.freeze({
    seed: seed as number,
    latencyMs: readLatency(latencyMs, 'options.latencyMs') ?? 0,
    readReceiptGroupTypes: Object.freeze([...readReceiptGroupTypes]) as GroupType[],
    maxReceiptGroupSize,
    memberListAccess,
  });
  return { settings, now: (now as (() => number) | undefined) ?? (() => Date.now()) };
}

/** Checks `server.connect` options; a copy, with the latency range copied too. */
export function readConnectOptions(options: unknown): ConnectOptions {
  const given = objectOf(options, 'options');
  const { dropRate, duplicateRate, reorder, heartbeatMs } = given;
  for (const [name, rate] of [
    ['options.dropRate', dropRate],
    ['options.duplicateRate', duplicateRate],
  ] as const) {
    if (rate !== undefined && !(typeof rate === 'number' && rate >= 0 && rate <= 1))
      throw invalidParameter(name, 'a number from 0 to 1');
  }
  if (reorder !== undefined && typeof reorder !== 'boolean' && !isDuration(reorder))
    throw invalidParameter('options.reorder', 'a boolean or a number of ms ≥ 0');
  if (heartbeatMs !== undefined && !isDuration(heartbeatMs))
    throw invalidParameter('options.heartbeatMs', 'a number of ms ≥ 0');
  const checked = { ...given } as ConnectOptions;
  const latencyMs = readLatency(given.latencyMs, 'options.latencyMs');
  if (latencyMs === undefined) delete checked.latencyMs;
  else checked.latencyMs = latencyMs;
  return checked;
}

function readLatency(value: unknown, name: string): number | [number, number] | undefined {
  if (value === undefined || isDuration(value)) return value;
  if (
    Array.isArray(value) &&
    value.length === 2 &&
    value.every((ms) => Number.isInteger(ms) && ms >= 0) &&
    value[0] <= value[1]
  )
    return [value[0], value[1]];
  throw invalidParameter(name, 'a number of ms ≥ 0, or [min, max]: whole numbers of ms with 0 ≤ min ≤ max');
}

function isDuration(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function objectOf(value: unknown, name: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw invalidParameter(name, 'an object');
  return value as Record<string, unknown>;
}
