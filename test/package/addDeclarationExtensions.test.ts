import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { addDeclarationExtensions } from '../../scripts/addDeclarationExtensions.mjs';

let folder = '';

afterEach(() => {
  if (folder) rmSync(folder, { recursive: true, force: true });
});

/** A folder of declaration files, by path. */
function declarations(files: Record<string, string>): string {
  folder = mkdtempSync(join(tmpdir(), 'readby-declarations-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(folder, path, '..'), { recursive: true });
    writeFileSync(join(folder, path), text);
  }
  return folder;
}

describe('addDeclarationExtensions', () => {
  it('names the file of every relative import, as node16 and nodenext resolution asks', () => {
    const types = declarations({
      'core/index.d.ts': "export { Chat } from './chat';\nexport type * from './types.js';\n",
      'core/chat.d.ts': 'export declare class Chat {}\n',
      'core/types.d.ts': 'export type ID = string;\n',
      'react/chatKey.d.ts':
        'import type { ID } from \'../core/types\';\nexport declare const chatKey: (chat: import("../core").Chat) => ID;\n',
      'react/index.d.ts': "export * from './chatKey';\nimport 'react';\n",
    });
    expect(addDeclarationExtensions(types)).toBe(4);
    expect(readFileSync(join(types, 'core/index.d.ts'), 'utf8')).toBe(
      "export { Chat } from './chat.js';\nexport type * from './types.js';\n",
    );
    expect(readFileSync(join(types, 'react/chatKey.d.ts'), 'utf8')).toBe(
      'import type { ID } from \'../core/types.js\';\nexport declare const chatKey: (chat: import("../core/index.js").Chat) => ID;\n',
    );
    expect(readFileSync(join(types, 'react/index.d.ts'), 'utf8')).toBe(
      "export * from './chatKey.js';\nimport 'react';\n",
    );
  });

  it('refuses an import that names no declaration file, rather than ship it', () => {
    const types = declarations({ 'index.d.ts': "export * from './missing';\n" });
    expect(() => addDeclarationExtensions(types)).toThrow(
      new Error(`${join(types, 'index.d.ts')}: './missing' names no declaration file`),
    );
  });
});
