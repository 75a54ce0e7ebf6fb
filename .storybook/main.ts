import type { StorybookConfig } from '@storybook/web-components-vite';

/**
 * Storybook 10 on Vite. It reads the root vite.config.ts for everything but `build` (so the
 * decorator settings apply here too); the library build options do not.
 */
const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/*.stories.ts'],
  addons: ['@storybook/addon-docs'],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true },
  async viteFinal(viteConfig) {
    const { mergeConfig } = await import('vite');
    return mergeConfig(viteConfig, {
      // Pre-bundled together, or the preview loads two copies of lit-html ("Multiple versions of Lit loaded").
      optimizeDeps: { include: ['lit', 'lit/directive-helpers.js'] },
      // Storybook's own docs renderer is ~1 MB; that warning is not about our code.
      build: { chunkSizeWarningLimit: 1500 },
    });
  },
};

export default config;
