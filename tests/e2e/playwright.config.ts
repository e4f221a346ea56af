import { defineConfig } from '@playwright/test';

// End-to-end tests in Debian's Chromium against the release build in dist/
// (`make test-e2e` builds it first). Nothing is downloaded: no Playwright browsers.
const port = 8765;

export default defineConfig({
  testDir: '.',
  timeout: 30_000,
  expect: { timeout: 5_000 },
  workers: 1,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  outputDir: '../../test-results',
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
    permissions: ['clipboard-read', 'clipboard-write'],
    // The user has been asked their name and gave none, so the strip that asks it once is
    // not in every test's way (tests/e2e/agreement.spec.ts starts without this).
    storageState: {
      cookies: [],
      origins: [
        {
          origin: `http://127.0.0.1:${port}`,
          localStorage: [{ name: 'article-annotator.name', value: '' }],
        },
      ],
    },
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: `python3 -m http.server ${port} --bind 127.0.0.1 --directory dist`,
    cwd: '../..',
    url: `http://127.0.0.1:${port}/`,
    stdout: 'ignore',
    stderr: 'ignore',
    reuseExistingServer: false,
    timeout: 20_000,
  },
});
