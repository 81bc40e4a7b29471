/// <reference types="vitest/config" />
import { copyFileSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import react from '@vitejs/plugin-react';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig, type Plugin } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/**
 * Tests, stories and benchmarks import the package by its public names, so that they use what users use.
 * Order matters: the longer names must come before `readby` itself.
 */
export const packageAliases = [
  { find: /^readby\/mock$/, replacement: here('./src/mock/index.ts') },
  { find: /^readby\/react$/, replacement: here('./src/react/index.ts') },
  { find: /^readby\/tencent$/, replacement: here('./src/tencent/index.ts') },
  { find: /^readby\/testing$/, replacement: here('./src/testing/index.ts') },
  { find: /^readby\/styles\.css$/, replacement: here('./src/styles/readby.css') },
  { find: /^readby$/, replacement: here('./src/core/index.ts') },
];

/** React 18 and React DOM 18, for the `react18` test project. */
const react18 = (path: string) => here(`./test/react18/node_modules/${path}`);
const react18Aliases = [
  { find: /^react$/, replacement: react18('react/index.js') },
  { find: /^react\/(.*)$/, replacement: react18('react/$1') },
  { find: /^react-dom$/, replacement: react18('react-dom/index.js') },
  { find: /^react-dom\/(.*)$/, replacement: react18('react-dom/$1') },
  // Its ES module build, which Vite can point at React 18; the CommonJS one would require React 19 directly.
  {
    find: /^@testing-library\/react$/,
    replacement: here('./node_modules/@testing-library/react/dist/@testing-library/react.esm.js'),
  },
];

/** Debian's Chromium: browser tests never download a browser of their own. */
export const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/lib/chromium/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};

/** A fresh object per project: Vitest names each instance after its project and mutates what it is given. */
const browser = () => ({
  enabled: true,
  headless: true,
  provider: playwright({ launchOptions: chromium }),
  instances: [{ browser: 'chromium' as const }],
});

/** The stylesheet ships as written: no bundling, so its custom properties stay readable. */
function copyStylesheet(): Plugin {
  return {
    name: 'readby:copy-stylesheet',
    apply: 'build',
    closeBundle() {
      mkdirSync(here('./dist'), { recursive: true });
      copyFileSync(here('./src/styles/readby.css'), here('./dist/styles.css'));
    },
  };
}

const external = [
  /^react($|\/)/,
  /^react-dom($|\/)/,
  /^zustand($|\/)/,
  /^@tanstack\//,
  // The app's own SDK: readby/tencent types it structurally and never bundles it.
  /^@tencentcloud\/chat($|\/)/,
];

export default defineConfig({
  plugins: [react(), copyStylesheet()],
  resolve: { alias: packageAliases },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    minify: false,
    lib: {
      entry: {
        index: here('./src/core/index.ts'),
        mock: here('./src/mock/index.ts'),
        react: here('./src/react/index.ts'),
        tencent: here('./src/tencent/index.ts'),
        testing: here('./src/testing/index.ts'),
      },
      formats: ['es'],
    },
    rolldownOptions: { external },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'core',
          environment: 'node',
          include: [
            'test/core/**/*.test.ts',
            'test/mock/**/*.test.ts',
            'test/tencent/**/*.test.ts',
            'test/soak/**/*.test.ts',
            'test/size/**/*.test.ts',
            'test/package/**/*.test.ts',
          ],
          typecheck: { enabled: true, include: ['test/types/**/*.test-d.ts'] },
        },
      },
      {
        extends: true,
        test: {
          name: 'react',
          environment: 'jsdom',
          include: ['test/react/**/*.test.{ts,tsx}'],
          setupFiles: ['test/react/setup.ts'],
        },
      },
      {
        // The React tests again, on the Tencent Cloud Chat SDK's adapter (over its fake) instead of readby's engine.
        extends: true,
        test: {
          name: 'react-tencent',
          environment: 'jsdom',
          include: ['test/react/**/*.test.{ts,tsx}'],
          setupFiles: ['test/react/setup.ts'],
          env: { READBY_CLIENT: 'tencent' },
        },
      },
      {
        // The React tests again, on React 18 (installed apart in test/react18), since readby/react supports both.
        extends: true,
        resolve: { alias: [...react18Aliases, ...packageAliases] },
        test: {
          name: 'react18',
          environment: 'jsdom',
          include: ['test/react/**/*.test.{ts,tsx}'],
          setupFiles: ['test/react/setup.ts'],
          // Inlined so that the libraries, too, resolve `react` to React 18.
          server: { deps: { inline: [/@testing-library\//, /@tanstack\//, /zustand/] } },
        },
      },
      {
        // The published Storybook in Chromium; it needs `npm run build-storybook` first.
        extends: true,
        test: {
          name: 'site',
          environment: 'node',
          include: ['test/site/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.{ts,tsx}'],
          browser: browser(),
        },
      },
      {
        extends: true,
        plugins: [storybookTest({ configDir: here('./.storybook') })],
        test: {
          name: 'storybook',
          browser: browser(),
        },
      },
    ],
  },
});
