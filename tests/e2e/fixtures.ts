import { expect, test as base } from '@playwright/test';

export { expect };

/** The policy reports Chromium makes while its inert parser reads a hostile page (see below). */
export const isParserRefusal = (text: string) =>
  /^(Executing inline event handler|Setting the document's base URI)/.test(text);

/** Every test fails if the page breaks its Content-Security-Policy: the app must work
 *  under the strict policy in index.html, and nothing may try what the policy forbids.
 *
 *  Two reports are expected where a test opens hostile pages (annotation `hostile-html`):
 *  Chromium checks the policy as soon as its inert parser meets an event-handler
 *  attribute (`onerror=…`) or a `<base href>`, and reports them refused, although that
 *  document has scripting off and never loads anything. Everything else still fails. */
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
        (text) => !(parsesHostileHtml && isParserRefusal(text)),
      );
      expect(violations, 'Content-Security-Policy violations').toEqual([]);
    },
    { auto: true },
  ],
});
