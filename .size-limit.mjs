/**
 * Size budgets, gzip, per real import. Each counts everything readby makes an app load beyond React: the engine,
 * zustand, TanStack Virtual where the import needs it, and TanStack Query. Query is a peer, which the measuring
 * tool leaves out of every bundle by default; an app that adds readby loads it all the same, so it is put back in.
 */
const react = ['react', 'react-dom', 'react/jsx-runtime'];

/** Bundles the required peer TanStack Query in, leaving React out. */
const withQuery = (config) => ({
  ...config,
  external: (config.external ?? []).filter((name) => !name.startsWith('@tanstack/react-query')),
});

export default [
  {
    name: 'readby/react: provider and badge, with all they load beyond React (no list, no panel, no Virtual)',
    path: 'test/size/badge.js',
    // The provider's frame pacer, which keeps a burst's frames on time in a browser, is 0.7 kB of each of the
    // first three, and the wire check's refusals of what the protocol does not allow 0.4 kB.
    limit: '21.5 kB',
    ignore: react,
    modifyEsbuildConfig: withQuery,
  },
  {
    name: 'readby/react: provider, badge and panel, with all they load beyond React',
    path: 'test/size/badgePanel.js',
    limit: '31.5 kB',
    ignore: react,
    modifyEsbuildConfig: withQuery,
  },
  {
    name: 'readby + readby/react: everything, with all it loads beyond React',
    path: 'test/size/entry.js',
    limit: '33 kB',
    ignore: react,
    modifyEsbuildConfig: withQuery,
  },
  {
    name: 'readby + readby/react, own code (peers and dependencies left out)',
    path: 'test/size/entry.js',
    limit: '18 kB',
    ignore: [...react, '@tanstack/react-query', 'zustand', '@tanstack/react-virtual'],
  },
  {
    name: 'readby (the engine and the receipt store)',
    path: 'dist/index.js',
    limit: '10.5 kB',
  },
  {
    name: 'readby/tencent (the adapter, with the engine it uses)',
    path: 'dist/tencent.js',
    limit: '10.5 kB',
  },
  {
    // Loaded by an app's tests only; measured so that it stays the small thing it is.
    name: "readby/testing (for an app's tests; nothing of readby at run time)",
    path: 'dist/testing.js',
    limit: '1 kB',
  },
].map((check) => ({ gzip: true, ...check }));
