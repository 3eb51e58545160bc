import { defineConfig } from '@playwright/test'

// A system Chromium: CHROMIUM_PATH names it (no browser is downloaded). Without it Playwright looks
// for its own browsers, which `npx playwright install chromium` downloads.
export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  fullyParallel: true,
  workers: 2,
  reporter: [['line']],
  use: {
    browserName: 'chromium',
    launchOptions: {
      ...(process.env.CHROMIUM_PATH ? { executablePath: process.env.CHROMIUM_PATH } : {}),
      args: ['--no-sandbox', '--disable-gpu'],
    },
  },
})
