// The one place that says how to start Chromium here: Debian's build by default (CHROME_PATH
// points elsewhere), and the flags for a headless browser on a closed network, as root
// (see shared/TOOLCHAIN.md). Used by the test runner config and the benchmarks.
export const CHROMIUM_PATH = process.env.CHROME_PATH || '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
