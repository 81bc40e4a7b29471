import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type Browser, chromium } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium as chromiumLaunch } from '../../vite.config';
import { serveStatic } from './serveStatic';

const root = join(import.meta.dirname, '../..');
const site = join(root, 'storybook-static');

/** Every `*.stories.tsx` under stories/, as Storybook names its import path, with the stories it exports. */
function storyFiles(folder = join(root, 'stories')): { importPath: string; exports: string[] }[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return storyFiles(path);
    if (!entry.name.endsWith('.stories.tsx')) return [];
    const exports = [...readFileSync(path, 'utf8').matchAll(/^export const (\w+)/gm)].map(
      (match) => match[1]!,
    );
    return [{ importPath: `./${relative(root, path)}`, exports: exports.sort() }];
  });
}

type Entry = { type: 'story' | 'docs'; id: string; importPath: string; exportName?: string };

let browser: Browser;
let server: Awaited<ReturnType<typeof serveStatic>>;

beforeAll(async () => {
  if (!existsSync(join(site, 'index.html'))) {
    throw new Error('storybook-static/index.html is missing: run `npm run build-storybook` first');
  }
  server = await serveStatic(site);
  browser = await chromium.launch(chromiumLaunch);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the published Storybook (storybook-static/) served over http', () => {
  it('index.json lists exactly the stories each file in stories/ exports: 42 in 9 files', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${server.url}/index.json`);
    expect(response?.status()).toBe(200);
    const { entries } = (await response!.json()) as { entries: Record<string, Entry> };
    const stories = Object.values(entries).filter((entry) => entry.type === 'story');
    const files = storyFiles();
    const listed = files.map(({ importPath }) => ({
      importPath,
      exports: stories
        .filter((entry) => entry.importPath === importPath)
        .map((entry) => entry.exportName!)
        .sort(),
    }));
    expect(listed).toEqual(files);
    expect(files).toHaveLength(9);
    expect(stories).toHaveLength(42);
    await page.close();
  });

  it('the front page opens and its sidebar names the components', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/`);
    for (const name of ['ReadByBadge', 'ReaderList', 'ReadReceiptPanel']) {
      await expect
        .poll(() => page.getByRole('button', { name, exact: true }).count(), { timeout: 15_000 })
        .toBe(1);
    }
    await page.close();
  });

  it('a story renders: "Read by 3", named "Read by 3 of 8 members" (§3 ReadByBadge)', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/iframe.html?id=components-readbybadge--read-by-some&viewMode=story`);
    const badge = page.getByRole('img', { name: 'Read by 3 of 8 members' });
    await badge.waitFor({ timeout: 15_000 });
    await expect.poll(() => badge.textContent(), { timeout: 15_000 }).toBe('Read by 3');
    await page.close();
  });
});
