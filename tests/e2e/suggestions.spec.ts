import { expect, test } from './fixtures';
import { readFileSync, writeFileSync } from 'node:fs';
import { AnnotatorPage } from './annotator-page';
import { workload } from '../bench/workload';

/** What the custom highlights `names` paint: each range's text and where it is on screen
 *  (the app paints `StaticRange`s: a live copy measures them). */
const painted = (page: import('@playwright/test').Page, ...names: string[]) =>
  page.evaluate((names) => {
    const highlights = (CSS as unknown as { highlights: Map<string, Set<AbstractRange>> }).highlights;
    return names.flatMap((name) => [...(highlights.get(name) ?? [])]).map((one) => {
      const range = document.createRange();
      range.setStart(one.startContainer, one.startOffset);
      range.setEnd(one.endContainer, one.endOffset);
      const rect = range.getBoundingClientRect();
      return { text: range.toString(), top: rect.top, bottom: rect.bottom };
    });
  }, names);

/** The text the current suggestion's highlight covers. */
const current = async (page: import('@playwright/test').Page) =>
  (await painted(page, 'aa-suggest-current')).map((range) => range.text).join('');

test('suggestions show when an article opens; V accepts a quote with its speaker and link, R rejects, both undo and last', async ({ page }, testInfo) => {
  const app = new AnnotatorPage(page);
  await app.goto();
  const status = page.getByTestId('suggestions-status');
  await expect(status).toHaveText(/^\d+ in this article\.$/);
  const total = Number((await status.textContent())!.split(' ')[0]);
  expect(total).toBeGreaterThan(40);
  // Drawn over the text, not as annotations: no span, nothing to save.
  await expect.poll(async () => (await painted(page, 'aa-suggest-quote')).length).toBeGreaterThan(10);
  await expect.poll(async () => (await painted(page, 'aa-suggest-claim')).length).toBeGreaterThan(10);
  await expect(page.locator('.aa-list-toggle .aa-total')).toHaveText('0');

  // G steps to the first quote of Dr. Layla Haddad's; V takes it with her as its Source.
  const card = page.getByTestId('current-suggestion');
  let shown = '';
  for (let presses = 0; presses < 20 && !shown.startsWith('We found leaks'); presses++) {
    await page.keyboard.press('g');
    // Each press paints the next one: wait for it before reading.
    await expect.poll(() => current(page)).not.toBe(shown);
    shown = await current(page);
  }
  await expect(card).toHaveText(/^\d+ of \d+: Quote We found leaks that had been running for twenty years under the old harbour district,Why: said/);
  await expect(card).toContainText('Said by Dr. Layla Haddad (accepted with it, linked)');
  expect(await current(page)).toBe('We found leaks that had been running for twenty years under the old harbour district,');
  await page.keyboard.press('v');
  await expect(page.locator('.aa-notice')).toContainText('Accepted the suggestion with its speaker, linked.');
  expect(await app.listedSpans()).toEqual([
    ['Quote', 'We found leaks that had been running for twenty years under the old harbour district,'],
    ['Source', 'Dr. Layla Haddad'],
  ]);
  await expect(status).toHaveText(`${total - 2} in this article.`);
  // The next suggestion is current, and the quote is linked to its speaker.
  await expect(card).not.toContainText('We found leaks');
  await app.mark('We found leaks that had been running for twenty years under the old harbour district,').first().click();
  await expect(app.panel).toContainText('said by');
  await page.keyboard.press('Control+z');
  await expect(page.locator('.aa-list-toggle .aa-total')).toHaveText('0');
  await expect(status).toHaveText(`${total} in this article.`);
  await page.keyboard.press('Control+Shift+z');
  await expect(page.locator('.aa-list-toggle .aa-total')).toHaveText('2');

  // R rejects the current one; after a reload it is still not suggested.
  await page.keyboard.press('Escape');
  await page.keyboard.press('g');
  const rejected = await current(page);
  expect(rejected.length).toBeGreaterThan(0);
  await page.keyboard.press('r');
  await expect(page.locator('.aa-notice')).toContainText('Rejected the suggestion: it is not suggested again.');
  await expect(status).toHaveText(`${total - 3} in this article.`);
  await app.saved();
  await page.reload();
  await expect(status).toHaveText(`${total - 3} in this article.`);
  await expect(page.locator('.aa-list-toggle .aa-total')).toHaveText('2');

  // The export holds the accepted spans and the rejection, never a suggestion.
  const downloadPromise = page.waitForEvent('download');
  await app.menu('Article', 'Export JSON');
  const path = testInfo.outputPath('export.json');
  await (await downloadPromise).saveAs(path);
  const data = JSON.parse(readFileSync(path, 'utf8'));
  expect(data.spans.map((span: { label: string }) => span.label)).toEqual(['Quote', 'Source']);
  expect(data.relations).toHaveLength(1);
  expect(data.relations[0].kind).toBe('said_by');
  expect(data.rejected_suggestions).toHaveLength(1);
  const [one] = data.rejected_suggestions;
  expect(Array.from(data.document.text as string).slice(one.start, one.end).join('')).toBe(rejected);
});

test('accept all takes every suggestion of a label as one undo step; a suggester switched off hides its own', async ({ page }) => {
  const app = new AnnotatorPage(page);
  await app.goto();
  const status = page.getByTestId('suggestions-status');
  await expect(status).toHaveText(/^\d+ in this article\.$/);
  // With the mouse: Accept all quotes.
  const quotes = page.locator('.aa-suggestion-counts li').filter({ hasText: 'quotes' });
  const count = Number((await quotes.textContent())!.split(' ')[0]);
  expect(count).toBeGreaterThan(10);
  await quotes.getByRole('button', { name: `Accept all ${count} quotes` }).click();
  await expect(app.count('Quote')).toHaveText(String(count));
  await expect(quotes).toHaveText('0 quotes ');
  await expect.poll(async () => (await painted(page, 'aa-suggest-quote')).length).toBe(0);
  await page.keyboard.press('Control+z');
  await expect(app.count('Quote')).toHaveText('0');

  // Claims switched off: none shown or painted; on again, they are back.
  await page.getByText('Suggest…').click();
  await page.getByRole('checkbox', { name: 'Check-worthy claims' }).uncheck();
  await expect(page.locator('.aa-suggestion-counts')).toContainText('0 claims');
  await expect.poll(async () => (await painted(page, 'aa-suggest-claim')).length).toBe(0);
  await page.reload();
  await expect(status).toHaveText(/^\d+ in this article\.$/);
  await expect(page.locator('.aa-suggestion-counts')).toContainText('0 claims');
  await page.getByText('Suggest…').click();
  await page.getByRole('checkbox', { name: 'Check-worthy claims' }).check();
  await expect.poll(async () => (await painted(page, 'aa-suggest-claim')).length).toBeGreaterThan(10);
});

test('in a long article the suggestions near the window are painted, and follow the reader down', async ({ page }, testInfo) => {
  await page.goto('/');
  await page.locator('.aa-doc-place').waitFor();
  const path = testInfo.outputPath('bench-M.json');
  writeFileSync(path, workload('M'));
  await page.keyboard.press('Shift+O');
  const dialog = page.getByRole('dialog', { name: 'Import annotations' });
  await dialog.getByLabel('Choose files to import').setInputFiles(path);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.locator('#aa-doc-title')).toContainText('Benchmark M');
  const status = page.getByTestId('suggestions-status');
  await expect(status).toHaveText(/^\d+ in this article\.$/, { timeout: 20_000 });
  const total = Number((await status.textContent())!.split(' ')[0]);
  expect(total).toBeGreaterThan(1000);
  await expect(page.locator('.aa-article')).not.toHaveAttribute('aria-busy', 'true');
  // Every painted suggestion lies near the window; far fewer than the article holds.
  const paintedNear = async () => {
    const ranges = await painted(page, 'aa-suggest-quote', 'aa-suggest-source', 'aa-suggest-claim');
    const height = await page.evaluate(() => innerHeight);
    const near = ranges.filter((range) => range.bottom > -2 * height && range.top < 3 * height);
    return { painted: ranges.length, near: near.length };
  };
  await expect.poll(async () => (await paintedNear()).painted).toBeGreaterThan(10);
  let seen = await paintedNear();
  expect(seen.near).toBe(seen.painted);
  expect(seen.painted).toBeLessThan(total / 4);
  // Down at the end, what is painted is what is there.
  await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
  await expect.poll(async () => {
    const now = await paintedNear();
    return now.painted > 10 && now.near === now.painted;
  }).toBe(true);
  const last = Math.max(...(await painted(page, 'aa-suggest-claim')).map((range) => range.top));
  expect(last).toBeGreaterThan(0);
});
