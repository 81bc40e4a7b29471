/**
 * The package as an app gets it. A copy of the checkout without build output (as a fresh clone, or a git
 * install, has it) is packed with `npm pack`, which must build it; the tarball is unpacked into an app's
 * node_modules, and the app's TypeScript and Node use it there.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const modules = join(root, 'node_modules');
const tsc = join(modules, '.bin/tsc');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  exports: Record<string, string | Record<string, string>>;
};

/** The environment of a person's shell: nothing from the test runner or from an npm script around it. */
const shell = Object.fromEntries(
  Object.entries(process.env).filter(([name]) => !/^(npm_|VITEST|NODE_ENV$|NODE_OPTIONS$)/i.test(name)),
);

let work = '';
let app = '';
let packed: string[] = [];

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'readby-packed-'));
  const checkout = join(work, 'readby');
  // Every file git knows of or would add, as they are now: the checkout as it would be committed.
  const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\0')
    .filter((file) => file !== '' && file !== 'node_modules');
  for (const file of files) {
    mkdirSync(dirname(join(checkout, file)), { recursive: true });
    cpSync(join(root, file), join(checkout, file));
  }
  symlinkSync(modules, join(checkout, 'node_modules'));

  const [result] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
      cwd: checkout,
      encoding: 'utf8',
      env: shell,
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  ) as Array<{ filename: string; files: Array<{ path: string }> }>;
  packed = result!.files.map((file) => file.path).sort();

  // An app with readby unpacked from the tarball, and the app's other packages beside it.
  app = join(work, 'app');
  const installed = join(app, 'node_modules');
  mkdirSync(join(installed, 'readby'), { recursive: true });
  execFileSync('tar', [
    '-xzf',
    join(work, result!.filename),
    '-C',
    join(installed, 'readby'),
    '--strip-components=1',
  ]);
  for (const name of readdirSync(modules)) {
    if (!name.startsWith('.')) symlinkSync(join(modules, name), join(installed, name));
  }
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  cpSync(join(import.meta.dirname, 'consumer'), app, { recursive: true });
  // The README's app, as a reader pastes it into src/App.tsx.
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.split(/^## /m).find((part) => part.startsWith('Add it to your app\n')) ?? '';
  writeFileSync(join(app, 'readme.tsx'), /```tsx\n([\s\S]*?)```/.exec(section)?.[1] ?? '');
}, 180_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Every file the `exports` map names, as paths inside the package. */
function exportedFiles(): string[] {
  return Object.values(manifest.exports)
    .flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target)))
    .map((path) => path.replace(/^\.\//, ''));
}

/** The declaration file tsc writes for each module of src/. */
function declarationFiles(): string[] {
  return readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((file) => /\.tsx?$/.test(file))
    .map((file) => `dist/types/${file.replace(/\.tsx?$/, '.d.ts')}`);
}

describe('the packed package', () => {
  it('builds itself when packed from a checkout without dist/', () => {
    expect(packed).toContain('dist/react.js');
  });

  it('holds every file its exports map names', () => {
    const missing = exportedFiles().filter((file) => !packed.includes(file));
    expect(missing).toEqual([]);
  });

  it('holds one declaration file for each source module, and nothing else beside the build', () => {
    const shared = packed.filter((file) => /^dist\/core-[\w-]+\.js(\.map)?$/.test(file));
    expect(shared).toHaveLength(2);
    expect(packed).toEqual(
      [
        'LICENSE',
        'README.md',
        'package.json',
        'dist/index.js',
        'dist/mock.js',
        'dist/mock.js.map',
        'dist/react.js',
        'dist/react.js.map',
        'dist/styles.css',
        'dist/tencent.js',
        'dist/tencent.js.map',
        'dist/testing.js',
        'dist/testing.js.map',
        ...shared,
        ...declarationFiles(),
      ].sort(),
    );
  });
});

describe("an app's TypeScript, with skipLibCheck false and exactOptionalPropertyTypes", () => {
  it('has the README app to compile', () => {
    expect(readFileSync(join(app, 'readme.tsx'), 'utf8')).toContain('export default function App()');
  });

  // consumer/app.tsx uses every entry; readme.tsx is the README's app, as a reader pastes it.
  it.each(['bundler', 'node16', 'nodenext'])(
    'compiles an app against readby with moduleResolution %s',
    (mode) => {
      const run = spawnSync(tsc, ['-p', `tsconfig.${mode}.json`, '--pretty', 'false'], {
        cwd: app,
        encoding: 'utf8',
      });
      expect(run.stdout).toBe('');
      expect(run.status).toBe(0);
    },
    30_000,
  );
});

describe("an app's Node", () => {
  const entries = ['readby', 'readby/mock', 'readby/react', 'readby/tencent', 'readby/testing'];
  /** One line per entry: what a few of its exports are, so that an entry that loads empty shows. */
  const probe = (load: string) => `
    const seen = [];
    for (const name of ${JSON.stringify(entries)}) {
      const entry = ${load};
      seen.push(name + ': ' + ['ReadBy', 'createMockServer', 'ReadByBadge', 'fromTencentChat', 'installIntersectionObserver']
        .filter((key) => key in entry).map((key) => key + ' ' + typeof entry[key]).join(', '));
    }
    console.log(seen.join('\\n'));`;
  const expected = [
    'readby: ReadBy object',
    'readby/mock: createMockServer function',
    'readby/react: ReadByBadge object',
    'readby/tencent: fromTencentChat function',
    'readby/testing: installIntersectionObserver function',
    '',
  ].join('\n');

  // Node 20.19 and later load an ES module through require() when the exports map offers it by `default`.
  it('loads every entry with require()', () => {
    const run = spawnSync(process.execPath, ['-e', probe('require(name)')], {
      cwd: app,
      encoding: 'utf8',
      env: shell,
    });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(expected);
  }, 30_000);

  it('loads every entry with import', () => {
    const run = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', `(async () => { ${probe('await import(name)')} })()`],
      { cwd: app, encoding: 'utf8', env: shell },
    );
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(expected);
  }, 30_000);
});
