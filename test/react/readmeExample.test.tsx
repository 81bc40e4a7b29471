import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ComponentType } from 'react';
import { afterEach, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
let folder = '';

afterEach(() => {
  document.body.innerHTML = '';
  if (folder) rmSync(folder, { recursive: true, force: true });
});

/** The first code block of `language` in the README section under `heading`. */
function codeUnder(heading: string, language: string): string {
  const section = readme.split(/^## /m).find((part) => part.startsWith(`${heading}\n`)) ?? '';
  return new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``).exec(section)?.[1] ?? '';
}

/** Imports `code` as a module file of its own, as an app's bundler would load it. */
async function load(code: string, name: string): Promise<Record<string, unknown>> {
  folder = mkdtempSync(join(import.meta.dirname, '.examples-'));
  const file = join(folder, name);
  writeFileSync(file, code);
  return import(/* @vite-ignore */ file);
}

describe('the README React example', () => {
  it('runs as written: the badge goes from Unread to Read by all as members read', async () => {
    const code = codeUnder('React', 'tsx');
    expect(code).toContain('<ReadByProvider chat={chat}');
    document.body.innerHTML = '<div id="root"></div>';
    await act(async () => {
      await load(code, 'example.tsx');
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

describe('the README React example: the texts its badge shows', () => {
  it('§3 ReadByBadge: "Sending…", then "Unread", then "Read by N of 3" and "Read by all", as the README says', async () => {
    const code = codeUnder('React', 'tsx');
    document.body.innerHTML = '<div id="root"></div>';
    await act(async () => {
      await load(code, 'example.tsx');
    });
    const shown: string[] = [];
    const record = () => {
      const text = document.querySelector('[data-readby="badge"]')?.textContent;
      if (text && shown.at(-1) !== text) shown.push(text);
    };
    const observer = new MutationObserver(record);
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    await userEvent.click(await screen.findByRole('button', { name: 'Ask the team' }));
    record();
    await waitFor(() => expect(shown.at(-1)).toBe('Read by all'), { timeout: 6000 });
    observer.disconnect();
    const said =
      /The badge reads (.*?) as the simulated members read/.exec(readme.replace(/\n/g, ' '))?.[1] ?? '';
    const promised = [...said.matchAll(/"([^"]+)"/g)].map((match) => match[1]!);
    expect(promised).toEqual(['Sending…', 'Unread', 'Read by 1 of 3', 'Read by 2 of 3', 'Read by all']);
    expect(shown).toEqual(promised);
  }, 10_000);
});

describe('the README: Add it to your app', () => {
  it('installs readby with the peers an app needs', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(codeUnder('Add it to your app', 'sh')).toBe(
      'npm install readby @tanstack/react-query react react-dom\n',
    );
    const required = Object.keys(manifest.peerDependencies).filter(
      (name) => !manifest.peerDependenciesMeta[name]?.optional,
    );
    expect(required).toEqual(['@tanstack/react-query', 'react']);
  });

  it('§3 ReadByBadge: its badge opens the panel; Escape closes it and focus returns to the badge', async () => {
    const user = userEvent.setup();
    const code = codeUnder('Add it to your app', 'tsx');
    expect(code).toContain("import 'readby/styles.css';");
    const { default: App } = (await load(code, 'App.tsx')) as { default: ComponentType };
    render(<App />);

    await user.click(await screen.findByRole('button', { name: 'Ask the team' }));
    expect(await screen.findByText('Ship it?')).toBeInTheDocument();
    const badge = await screen.findByRole('button', { name: /Read by \d of 3 members\)?$/ });
    expect(badge).toHaveAttribute('aria-expanded', 'false');

    await user.click(badge);
    expect(badge).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getByRole('tablist', { name: 'Read receipts' })).toBeInTheDocument();
    // Tab moves from the badge into the panel, to the selected tab; Escape there closes the panel.
    await user.tab();
    expect(screen.getByRole('tab', { selected: true })).toHaveFocus();
    expect(screen.getByRole('tab', { selected: true })).toHaveTextContent(/^Read \(\d\)$/);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('tablist')).not.toBeInTheDocument();
    expect(badge).toHaveFocus();
    expect(badge).toHaveAttribute('aria-expanded', 'false');

    // Escape on the badge itself closes it too, and a second click closes what the first opened.
    await user.keyboard('{Enter}');
    expect(screen.getByRole('tablist', { name: 'Read receipts' })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('tablist')).not.toBeInTheDocument();
    await user.click(badge);
    await user.click(badge);
    expect(screen.queryByRole('tablist')).not.toBeInTheDocument();
    expect(badge).toHaveFocus();
  });
});
