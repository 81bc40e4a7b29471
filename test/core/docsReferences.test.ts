import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const docs = readdirSync(join(root, 'docs')).filter((file) => file.endsWith('.md'));

describe('docs name only files that exist', () => {
  it.each(docs)('docs/%s: every test file it cites is in the repository', (file) => {
    const text = readFileSync(join(root, 'docs', file), 'utf8');
    const cited = [...text.matchAll(/`(test\/[^`\s]+\.tsx?)`/g)].map((match) => match[1]!);
    const missing = cited.filter((path) => !existsSync(join(root, path)));
    expect(missing).toEqual([]);
  });
});
