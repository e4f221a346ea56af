import { expect, test as base } from '@playwright/test';

export { expect };

/** Every test fails if the page breaks its Content-Security-Policy: the app must work
 *  under the strict policy in index.html, and nothing may try what the policy forbids.
 *
 *  One report is expected where a test opens hostile pages (annotation `hostile-html`):
 *  Chromium checks the policy as soon as its inert parser meets an event-handler
 *  attribute (`onerror=…`) and reports it refused, although scripting is off in that
 *  document and the handler could never run. Everything else still fails those tests. */
export const test = base.extend<{ policyKept: void }>({
  policyKept: [
    async ({ context }, use, testInfo) => {
      const reports: string[] = [];
      const watch = (page: import('@playwright/test').Page) =>
        page.on('console', (message) => {
          if (/Content Security Policy/i.test(message.text())) reports.push(message.text());
        });
      context.pages().forEach(watch);
      context.on('page', watch);
      await use();
      const parsesHostileHtml = testInfo.annotations.some((note) => note.type === 'hostile-html');
      const violations = reports.filter(
        (text) => !(parsesHostileHtml && text.startsWith('Executing inline event handler')),
      );
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});
