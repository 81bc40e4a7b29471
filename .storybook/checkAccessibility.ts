import axe from 'axe-core';

/** The themes every story is checked in: readby's stylesheet switches on `data-readby-theme`. */
export const themes = ['light', 'dark'] as const;

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));

/**
 * Runs axe on a rendered story in each theme, colour contrast included, and throws with every violation found.
 * The theme is set on the page's root, where the stylesheet's theme rule reaches every story that does not set its
 * own; transitions are turned off so that colours are read where they end, not halfway.
 *
 * @example
 *   await checkAccessibility(canvasElement); // throws 'dark: color-contrast …' for text too faint to read
 */
export async function checkAccessibility(canvasElement: HTMLElement): Promise<void> {
  const root = document.documentElement;
  const found: string[] = [];
  root.style.setProperty('--readby-duration', '0ms');
  try {
    for (const theme of themes) {
      root.dataset.readbyTheme = theme;
      await nextFrame();
      const { violations } = await axe.run(canvasElement, {
        resultTypes: ['violations'],
        // A story is a fragment of a page: landmarks are the app's to give, not a component's.
        rules: { region: { enabled: false } },
      });
      for (const violation of violations) {
        for (const node of violation.nodes) {
          found.push(
            `${theme}: ${violation.id} ${node.target.join(' ')}: ${node.failureSummary ?? violation.help}`,
          );
        }
      }
    }
  } finally {
    delete root.dataset.readbyTheme;
    root.style.removeProperty('--readby-duration');
  }
  if (found.length > 0) throw new Error(`${found.length} accessibility violations:\n${found.join('\n')}`);
}
