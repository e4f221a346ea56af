import { defineConfig } from '@playwright/test';
import base from '../e2e/playwright.config';

// The benchmark (`make bench`): the release build in dist/, Debian's Chromium, one worker,
// no retries, and time enough for the 1,000,000-character workload.
export default defineConfig({
  ...base,
  testDir: '.',
  timeout: 30 * 60_000,
  outputDir: '../../test-results/bench',
  webServer: { ...base.webServer, cwd: '../..' } as typeof base.webServer,
});
