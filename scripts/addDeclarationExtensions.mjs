/**
 * Gives every relative import in the built declarations the file it names: `./chat` becomes `./chat.js`, `../core`
 * becomes `../core/index.js`. Under `moduleResolution` `node16` and `nodenext` an app's TypeScript, like Node, looks
 * up only the path written (TS2834 otherwise, or every readby type turning into `any` under `skipLibCheck`). The
 * source keeps extensionless imports, which Vite and the `bundler` resolution of the repository read as they are.
 *
 * @example
 * ```sh
 * node scripts/addDeclarationExtensions.mjs dist/types
 * ```
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `from './x'`, `import './x'`, `import('./x')`: the places a declaration file names another module. */
const RELATIVE_SPECIFIER = /(\bfrom\s*|\bimport\s*\(?\s*)(['"])(\.{1,2}(?:\/[^'"]*)?)\2/g;

/**
 * Rewrites the declaration files under `folder` in place, and returns how many specifiers it changed. Throws
 * when a specifier names no declaration file, rather than ship an import that cannot resolve.
 *
 * @param {string} folder
 * @returns {number}
 */
export function addDeclarationExtensions(folder) {
  let changed = 0;
  const files = readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((file) =>
    file.endsWith('.d.ts'),
  );
  for (const file of files) {
    const path = join(folder, file);
    const text = readFileSync(path, 'utf8');
    const rewritten = text.replace(RELATIVE_SPECIFIER, (whole, before, quote, specifier) => {
      if (specifier.endsWith('.js')) return whole;
      const target = resolve(dirname(path), specifier);
      const named = existsSync(`${target}.d.ts`)
        ? `${specifier}.js`
        : existsSync(join(target, 'index.d.ts'))
          ? `${specifier.replace(/\/$/, '')}/index.js`
          : null;
      if (named === null) throw new Error(`${path}: '${specifier}' names no declaration file`);
      changed += 1;
      return `${before}${quote}${named}${quote}`;
    });
    if (rewritten !== text) writeFileSync(path, rewritten);
  }
  return changed;
}

if (process.argv[1] === fileURLToPath(import.meta.url))
  addDeclarationExtensions(process.argv[2] ?? 'dist/types');
