import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
let folder = '';

afterEach(() => {
  document.body.innerHTML = '';
  if (folder) rmSync(folder, { recursive: true, force: true });
});

describe('the README React example', () => {
  it('runs as written: the badge goes from Unread to Read by all as members read', async () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const code = /```tsx\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(code).toContain('<ReadByProvider chat={chat}');
    document.body.innerHTML = '<div id="root"></div>';
    folder = mkdtempSync(join(import.meta.dirname, '.examples-'));
    const file = join(folder, 'example.tsx');
    writeFileSync(file, code!);
    await act(async () => {
      await import(/* @vite-ignore */ file);
    });

    await userEvent.click(await screen.findByRole('button', { name: 'Ask the team' }));
    expect(await screen.findByText('Ship it?')).toBeInTheDocument();
    await waitFor(() =>
      expect(screen.getByRole('img', { name: 'Read by 0 of 3 members' })).toHaveTextContent('Unread'),
    );
    await waitFor(
      () =>
        expect(screen.getByRole('img', { name: 'Read by 3 of 3 members' })).toHaveTextContent('Read by all'),
      {
        timeout: 6000,
      },
    );
  }, 10_000);
});
