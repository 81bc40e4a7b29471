import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const self = relative(root, import.meta.filename);
const rules = readFileSync(join(root, 'docs/rules.md'), 'utf8');
const anchors = new Set([...rules.matchAll(/<a id="([a-z0-9-]+)"><\/a>/g)].map((match) => match[1]!));

/** Every file that may cite a rule: the code, its tests, stories, benchmarks and the pages. */
function filesUnder(path: string): string[] {
  const full = join(root, path);
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full).flatMap((name) =>
    name === 'node_modules' || (name.startsWith('.') && name !== '.storybook')
      ? []
      : filesUnder(join(path, name)),
  );
}
const cited = ['src', 'test', 'docs', 'stories', 'bench', 'scripts', '.storybook', '.ci', 'README.md']
  .flatMap(filesUnder)
  .filter(
    (path) =>
      /\.(ts|tsx|mts|mjs|md|mdx|css)$|^\.ci\/run$/.test(path) && path !== self && path !== 'docs/rules.md',
  );
const text = (path: string) => readFileSync(join(root, path), 'utf8');

describe('docs/rules.md holds every rule and section the project cites', () => {
  it('docs/rules.md has the rules R1 to R12, each with its anchor, and sections 1 to 4', () => {
    expect([...anchors].filter((id) => id.startsWith('r'))).toEqual(
      Array.from({ length: 12 }, (_, index) => `r${index + 1}`),
    );
    expect([...anchors].filter((id) => id.startsWith('s'))).toEqual([
      's1',
      's1-1',
      's1-2',
      's1-3',
      's1-4',
      's1-5',
      's1-6',
      's2',
      's3',
      's4',
    ]);
  });

  it.each(cited)('%s: every rule R<n> it cites is in docs/rules.md', (path) => {
    const missing = [...text(path).matchAll(/\bR(\d+)\b/g)]
      .map((match) => `r${match[1]}`)
      .filter((id) => !anchors.has(id));
    expect(missing).toEqual([]);
  });

  it.each(cited)('%s: every section § it cites, and every rules.md# link, is in docs/rules.md', (path) => {
    const sections = [...text(path).matchAll(/§(\d+(?:\.\d+)?)/g)].map(
      (match) => `s${match[1]!.replace('.', '-')}`,
    );
    const links = [...text(path).matchAll(/rules\.md#([a-z0-9-]+)/g)].map((match) => match[1]!);
    expect([...sections, ...links].filter((id) => !anchors.has(id))).toEqual([]);
  });

  it.each(cited)('%s: points to no rules outside the repository', (path) => {
    const outside = text(path).match(/\.\.\/shared|shared\/docs|spec\.md|\bspec\b|specification/gi) ?? [];
    expect(outside).toEqual([]);
  });
});
