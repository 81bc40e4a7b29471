import { type ReadByLocale, useReadByContext } from '../ReadByProvider';
import { type CountValues, en, locales, type ReadByTexts } from './texts';

export interface Texts extends ReadByTexts {
  /** The BCP 47 tag numbers are formatted for. */
  tag: string;
  /** Formats a number for the locale (`1,234`, `1.234`). */
  number: (value: number) => string;
  /** Count values for a text: formatted and raw. */
  values: (count: number, total?: number) => CountValues;
}

/** The texts of the provider's locale: a built-in one, or a custom set laid over English (or its `base`). */
export function resolveTexts(locale: ReadByLocale): Texts {
  const custom = typeof locale === 'object' && locale !== null ? locale : null;
  const name = custom ? (custom.base ?? 'en') : (locale as string);
  // A region falls back to its language: 'ja-JP' uses 'ja'. Unknown names use English, numbers included.
  const builtIn = locales[name] ?? locales[name.split('-')[0]!];
  const { base: _base, ...overrides } = custom ?? {};
  const texts = { ...(builtIn ?? en), ...overrides } as ReadByTexts;
  const tag = builtIn ? name : 'en';
  const format = new Intl.NumberFormat(tag);
  // Formatting is slow next to a lookup, and badges show the same few numbers over and over (every total).
  const formatted = new Map<number, string>();
  const number = (value: number) => {
    let text = formatted.get(value);
    if (text === undefined) {
      text = format.format(value);
      if (formatted.size < 10_000) formatted.set(value, text);
    }
    return text;
  };
  return {
    ...texts,
    tag,
    number,
    values: (count, total = 0) => ({ count: number(count), n: count, total: number(total), t: total }),
  };
}

/**
 * The texts of the nearest provider's locale.
 *
 * @example
 * ```tsx
 * const t = useTexts();
 * return <span>{t.readBy(t.values(3))}</span>;
 * ```
 */
export function useTexts(): Texts {
  return textsFor(useReadByContext('useTexts').locale);
}

/**
 * Texts resolved once per locale, not once per component: a thousand badges share one set and one number format,
 * which is costly to make.
 */
const byName = new Map<string, Texts>();
const byObject = new WeakMap<object, Texts>();

function textsFor(locale: ReadByLocale): Texts {
  const known = typeof locale === 'string' ? byName.get(locale) : byObject.get(locale);
  if (known) return known;
  const texts = resolveTexts(locale);
  if (typeof locale === 'string') byName.set(locale, texts);
  else byObject.set(locale, texts);
  return texts;
}
