import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { mockApiMiddleware } from './test/helpers/mock-api-middleware.mjs';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/chromium.js';

export default {
  files: ['test/**/*.test.ts', '!test/server/**', '!test/e2e/**', '!test/conformance/**', '!test/contract/**', '!test/interop/**'],
  nodeResolve: { exportConditions: ['browser', 'development'] },
  concurrency: 2,
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 10 * 60 * 1000,
  browserStartTimeout: 60000,
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: './tsconfig.json' })],
  // A scriptable HTTP API on the test server's own origin: real requests, real status codes.
  middleware: [mockApiMiddleware()],
  browsers: [
    chromeLauncher({
      // Each test file in its own browser context: pages opened as tabs of one window are hidden
      // in the background, where requestAnimationFrame never fires and rendering waits stall.
      createPage: async ({ browser }) => (await browser.createBrowserContext()).newPage(),
      launchOptions: {
        executablePath: CHROMIUM_PATH,
        headless: true,
        args: CHROMIUM_ARGS,
      },
    }),
  ],
};
