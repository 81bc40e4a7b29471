import type { StorybookConfig } from '@storybook/react-vite';

const config: StorybookConfig = {
  stories: ['../stories/**/*.mdx', '../stories/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-docs', '@storybook/addon-vitest'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  // The sidebar's getting-started checklist is about learning Storybook; this Storybook is about readby.
  features: { sidebarOnboardingChecklist: false },
  typescript: { reactDocgen: 'react-docgen' },
  async viteFinal(viteConfig) {
    // The project's Vite config builds the library; Storybook builds an app, so the library settings go.
    if (viteConfig.build) {
      delete viteConfig.build.lib;
      delete viteConfig.build.rolldownOptions;
      delete viteConfig.build.outDir;
      // Storybook writes the manager (index.html, index.json) into the output folder before the preview is
      // built; emptying the folder then would leave a site without its front page.
      viteConfig.build.emptyOutDir = false;
    }
    viteConfig.plugins = (viteConfig.plugins ?? []).filter(
      (plugin) =>
        !(
          plugin &&
          typeof plugin === 'object' &&
          'name' in plugin &&
          plugin.name === 'readby:copy-stylesheet'
        ),
    );
    return viteConfig;
  },
};

export default config;
