import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

function sourceFiles(folder: string): string[] {
  return readdirSync(join(root, folder), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.(ts|tsx)$/.test(file))
    .map((file) => join(folder, file));
}

function importsOf(file: string): string[] {
  // Comments hold usage examples that import the package by name: only code counts.
  const text = readFileSync(join(root, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
  // `import x from 'a'`, `export … from 'a'`, a bare `import 'a'`, `import('a')` and `require('a')` all count.
  return [
    ...text.matchAll(
      /(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|\bimport\s*['"]([^'"]+)['"]|\b(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g,
    ),
  ].map((match) => (match[1] ?? match[2] ?? match[3])!);
}

describe('importsOf', () => {
  it('finds every kind of import a module can make', () => {
    const folder = mkdtempSync(join(tmpdir(), 'readby-imports-'));
    try {
      const file = join(folder, 'sample.ts');
      writeFileSync(
        file,
        [
          "import a from 'a';",
          "import type { B } from 'b';",
          "import {\n  c,\n  d,\n} from 'c';",
          "import 'side-effect';",
          "export * from 'e';",
          "export { f } from 'f';",
          "const g = await import('g');",
          "const h = require('h');",
          "// import 'commented-out';",
        ].join('\n'),
      );
      expect(importsOf(relative(root, file))).toEqual(['a', 'b', 'c', 'side-effect', 'e', 'f', 'g', 'h']);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});

describe('the dependency rule (architecture.md)', () => {
  it('finds the source files it checks', () => {
    expect(sourceFiles('src/core').length).toBeGreaterThan(3);
    expect(sourceFiles('src/mock').length).toBeGreaterThan(1);
    expect(sourceFiles('src/react').length).toBeGreaterThan(0);
    expect(sourceFiles('src/tencent').length).toBeGreaterThan(1);
    expect(sourceFiles('src/testing').length).toBeGreaterThan(1);
  });

  it('src/core imports only its own modules and zustand/vanilla', () => {
    const offending = sourceFiles('src/core').flatMap((file) =>
      importsOf(file)
        .filter(
          (target) => !(target.startsWith('./') && !target.includes('..')) && target !== 'zustand/vanilla',
        )
        .map((target) => `${file} imports ${target}`),
    );
    expect(offending).toEqual([]);
  });

  it.each(['src/core', 'src/tencent'])('%s uses no DOM globals', (folder) => {
    const offending = sourceFiles(folder).filter((file) =>
      /\b(window|document|navigator|localStorage|HTMLElement)\b\s*[.[]/.test(
        readFileSync(join(root, file), 'utf8'),
      ),
    );
    expect(offending).toEqual([]);
  });

  it.each([
    ['src/mock', [] as string[]],
    // Not even the vendor SDK: the adapter types it structurally, so readby's declarations never load its own.
    ['src/tencent', [] as string[]],
    [
      'src/react',
      [
        'react',
        'react-dom',
        'react/jsx-runtime',
        'zustand',
        'zustand/vanilla',
        '@tanstack/react-query',
        '@tanstack/react-virtual',
      ],
    ],
  ])('%s reaches the engine through its public index only', (folder, packages) => {
    const offending = sourceFiles(folder).flatMap((file) =>
      importsOf(file)
        .filter((target) => {
          if (packages.includes(target)) return false;
          if (!target.startsWith('.')) return true;
          const resolved = relative(root, join(root, file, '..', target));
          if (resolved.startsWith('src/core')) return resolved !== 'src/core/index';
          return !resolved.startsWith(folder);
        })
        .map((target) => `${file} imports ${target}`),
    );
    expect(offending).toEqual([]);
  });

  it("src/testing loads nothing at run time: beyond its own modules, only types from readby/react's index", () => {
    const offending = sourceFiles('src/testing').flatMap((file) => {
      const text = readFileSync(join(root, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
      const statements = [...text.matchAll(/^(?:import|export)\b[^;]*?\bfrom\s+['"]([^'"]+)['"]/gm)];
      return statements
        .filter(([statement, target]) =>
          target!.startsWith('./')
            ? false
            : !(statement.startsWith('import type') && target === '../react/index'),
        )
        .map(([statement]) => `${file}: ${statement.replace(/\s+/g, ' ')}`);
    });
    expect(offending).toEqual([]);
  });
});
