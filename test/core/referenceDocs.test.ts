import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

/** The rows of the first table under `## heading` in a page: first cell (without backticks) → the cells. */
function tableUnder(page: string, heading: string): Map<string, string[]> {
  const section = page.split(/^## /m).find((part) => part.startsWith(`${heading}\n`)) ?? '';
  const rows = section.split('\n').filter((line) => /^\| `/.test(line));
  return new Map(
    rows.map((row) => {
      const cells = row
        .split(/(?<!\\)\|/)
        .slice(1, -1)
        .map((cell) => cell.trim().replace(/^`|`$/g, ''));
      return [cells[0]!, cells.slice(1)];
    }),
  );
}

/** The custom properties a rule block of the stylesheet sets, with their values. */
function block(css: string, selector: string): Map<string, string> {
  const start = css.indexOf(`${selector} {`);
  const body = css.slice(start, css.indexOf('}', start));
  return new Map(
    [...body.matchAll(/(--readby-[a-z-]+):\s*([^;]+);/g)].map((match) => [match[1]!, match[2]!.trim()]),
  );
}

describe('docs/theming.md matches the stylesheet', () => {
  const css = read('src/styles/readby.css').replace(/\/\*[\s\S]*?\*\//g, '');
  const table = tableUnder(read('docs/theming.md'), 'Custom properties');
  const used = [
    ...new Set([...css.matchAll(/--readby-[a-z]+(?:-[a-z]+)*/g)].map((match) => match[0])),
  ].sort();

  it('documents every --readby-* property the stylesheet sets or reads, and no other: 17', () => {
    expect([...table.keys()].sort()).toEqual(used);
    expect(used).toHaveLength(17);
  });

  it.each([...table.keys()])('%s: its light and dark defaults are those of the stylesheet', (property) => {
    const [light, dark] = table.get(property)!.map((cell) => cell.replace(/`/g, ''));
    expect(light).toBe(block(css, ':root').get(property) ?? 'unset');
    expect(block(css, '[data-readby-theme="light"]').get(property) ?? light).toBe(light);
    expect(dark).toBe(block(css, '[data-readby-theme="dark"]').get(property) ?? light);
  });

  it('names data-readby-theme and both system settings', () => {
    const page = read('docs/theming.md');
    for (const text of [
      'data-readby-theme="dark"',
      'data-readby-theme="light"',
      'prefers-color-scheme: dark',
    ]) {
      expect(page).toContain(text);
    }
  });
});

/** The props a component's own interface declares, not those it inherits from the DOM. */
function ownProps(path: string, name: string): string[] {
  const source = read(path);
  const start = source.search(new RegExp(`export interface ${name}\\s`));
  const body = source.slice(source.indexOf('{\n', start), source.indexOf('\n}', start));
  return [...body.matchAll(/^ {2}(\w+)\??:/gm)].map((match) => match[1]!).sort();
}

describe('docs/components.md lists every prop of each component, and only those', () => {
  const page = read('docs/components.md');
  it.each([
    ['ReadByBadge', 'src/react/components/ReadByBadge.tsx', 4],
    ['ReaderList', 'src/react/components/ReaderList.tsx', 8],
    ['ReadReceiptPanel', 'src/react/components/ReadReceiptPanel.tsx', 9],
    ['ReadByProvider', 'src/react/ReadByProvider.tsx', 5],
  ])('§3 %s: its props table holds the props of %s (%i)', (component, path, count) => {
    const documented = [...tableUnder(page, component).keys()].sort();
    expect(documented).toEqual(ownProps(path, `${component}Props`));
    expect(documented).toHaveLength(count);
  });
});
