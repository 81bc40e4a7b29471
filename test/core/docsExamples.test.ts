import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');

/** The `ts` code blocks of a Markdown file, in order. */
function codeBlocks(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8');
  return [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]!);
}

async function run(code: string): Promise<void> {
  // A real module file, so that imports by package name and top-level await work as in an app.
  const folder = mkdtempSync(join(import.meta.dirname, '.examples-'));
  try {
    const file = join(folder, 'example.ts');
    writeFileSync(file, code);
    await import(/* @vite-ignore */ file);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

describe('documented examples run as written', () => {
  it.each(codeBlocks('docs/api.md').map((code, index) => [index + 1, code]))(
    'docs/api.md example %i',
    async (_, code) => {
      await expect(run(code)).resolves.toBeUndefined();
    },
  );

  it('the README engine example runs', async () => {
    const [engine] = codeBlocks('README.md');
    expect(engine).toContain("ReadBy.create({ transport: server.connect('alice') })");
    await expect(run(engine!)).resolves.toBeUndefined();
  });
});

describe('docs/testing.md', () => {
  const text = readFileSync(join(root, 'docs/testing.md'), 'utf8');
  const included = [...text.matchAll(/<!-- (test\/[^ ]+) -->\n```tsx\n([\s\S]*?)```/g)].map((match) => ({
    path: match[1]!,
    code: match[2]!,
  }));

  it('has no code blocks but the example tests, each shown under the name of its file', () => {
    expect(text.match(/^```/gm)).toHaveLength(included.length * 2);
    expect(included.map(({ path }) => path)).toEqual([
      'test/react/examples/conversation.test.tsx',
      'test/react/examples/readerList.test.tsx',
      'test/react/examples/automaticReceipts.test.tsx',
    ]);
    const examples = readdirSync(join(root, 'test/react/examples')).map(
      (file) => `test/react/examples/${file}`,
    );
    expect(examples.sort()).toEqual(included.map(({ path }) => path).sort());
  });

  // The React test projects run these files, so the page shows tests that pass.
  it.each(included.map(({ path, code }) => [path, code]))('shows %s exactly as it is', (path, code) => {
    expect(code).toBe(readFileSync(join(root, path), 'utf8'));
  });
});
