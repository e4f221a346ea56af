import { expect, test as base } from '@playwright/test';

export { expect };

/** Every test fails if the page breaks its Content-Security-Policy: the app must work
 *  under the strict policy in index.html, and nothing may try what the policy forbids. */
export const test = base.extend<{ policyKept: void }>({
  policyKept: [
    async ({ context }, use) => {
      const violations: string[] = [];
      const watch = (page: import('@playwright/test').Page) =>
        page.on('console', (message) => {
          if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
        });
      context.pages().forEach(watch);
      context.on('page', watch);
      await use();
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});
