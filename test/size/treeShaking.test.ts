/**
 * An app bundles only the parts of readby/react it renders: a badge-only app must not carry the reader list, the
 * panel or TanStack Virtual. The package is built as it ships (one `react.js` for the whole entry, so only
 * statement-level shaking can drop a component), then an app's entry is bundled from it as an app's bundler would,
 * unminified so that the components can be found by name.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { build, type Rolldown } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
/** Inside the project, so that the package's own dependencies resolve from it as from an app's node_modules. */
const shipped = `${root}node_modules/.cache/readby-tree-shaking`;

beforeAll(async () => {
  await build({
    configFile: `${root}vite.config.ts`,
    logLevel: 'silent',
    build: { outDir: shipped, emptyOutDir: true, sourcemap: false },
  });
}, 60_000);

async function bundle(source: string): Promise<string> {
  const entry = fileURLToPath(new URL('./consumer.js', import.meta.url));
  const output = (await build({
    configFile: false,
    logLevel: 'silent',
    plugins: [
      react(),
      {
        name: 'consumer',
        resolveId: (id) => (id === entry ? id : null),
        load: (id) => (id === entry ? source : null),
      },
    ],
    resolve: { alias: [{ find: /^readby\/react$/, replacement: `${shipped}/react.js` }] },
    build: {
      write: false,
      minify: false,
      lib: { entry, formats: ['es'], fileName: 'consumer' },
      rolldownOptions: { external: [/^react($|\/)/, /^react-dom($|\/)/] },
    },
  })) as Rolldown.RolldownOutput[];
  return output
    .flatMap((result) => result.output)
    .map((chunk) => (chunk.type === 'chunk' ? chunk.code : ''))
    .join('\n');
}

const signs = {
  badge: /function ReadByBadge\(/,
  list: /function ReaderList\(/,
  panel: /function ReadReceiptPanel\(/,
  virtual: /\bobserveElementRect\b/,
};

describe('tree shaking', () => {
  it('a badge-only app carries no reader list, panel or TanStack Virtual', async () => {
    const code = await bundle("export { ReadByProvider, ReadByBadge } from 'readby/react';");
    expect(code).toMatch(signs.badge);
    expect(code).not.toMatch(signs.list);
    expect(code).not.toMatch(signs.panel);
    expect(code).not.toMatch(signs.virtual);
  }, 30_000);

  it('an app that renders the panel carries the list and TanStack Virtual with it', async () => {
    const code = await bundle(
      "export { ReadByProvider, ReadByBadge, ReadReceiptPanel } from 'readby/react';",
    );
    for (const [part, sign] of Object.entries(signs)) expect(code, part).toMatch(sign);
  }, 30_000);
});
