import type { ReactElement } from 'react';
import type { ChatLike } from 'readby';
import { type CountValues, type ReadByLocale, ReadByProvider } from 'readby/react';
import { describe, expectTypeOf, it } from 'vitest';

declare const chat: ChatLike;
declare const child: ReactElement;

describe('§3 ReadByProvider locale: overrides are typed', () => {
  it('takes a built-in name, a region, or texts of its own over a base', () => {
    expectTypeOf<'ja'>().toMatchTypeOf<ReadByLocale>();
    expectTypeOf<'ja-JP'>().toMatchTypeOf<ReadByLocale>();
    const seen = {
      base: 'en',
      readByAll: 'Seen by everyone',
      readBy: ({ count }: CountValues) => `Seen by ${count}`,
    } satisfies ReadByLocale;
    ReadByProvider({ chat, locale: seen, children: child });
    ReadByProvider({ chat, locale: { readTab: ({ count }) => `Seen (${count})` }, children: child });
  });

  it('refuses a misspelt key', () => {
    // @ts-expect-error: readByAl is not one of readby's texts
    ReadByProvider({ chat, locale: { base: 'en', readByAl: 'Seen by everyone' }, children: child });
  });

  it('refuses a text of the wrong type or a function of the wrong shape', () => {
    // @ts-expect-error: readByAll is a string, not a function
    ReadByProvider({ chat, locale: { readByAll: () => 'Seen by everyone' }, children: child });
    // @ts-expect-error: readBy returns a string
    ReadByProvider({ chat, locale: { readBy: ({ n }: CountValues) => n }, children: child });
    // @ts-expect-error: peerLabel takes a boolean
    ReadByProvider({ chat, locale: { peerLabel: (isRead: string) => isRead }, children: child });
  });
});
