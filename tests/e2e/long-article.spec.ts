import { expect, test } from './fixtures';
import { writeFileSync } from 'node:fs';
import { workload } from '../bench/workload';
import { expectSamePlaceAfterReload, storedAnchor, topBlock } from './annotator-page';

// A long article with 1,000 spans (the benchmark's workload M): the side panel shows 200
// rows at a time, follows the selection, and pages on request; blocks far from the window
// are drawn only when they come near it, and a reload still comes back to the same text.
// Importing it shows what the page is busy with.

test('the span list shows a window of 200 rows that follows the selection and pages', async ({ page }, testInfo) => {
  await page.goto('/');
  await page.locator('.aa-doc-place').waitFor();
  const path = testInfo.outputPath('bench-M.json');
  writeFileSync(path, workload('M'));
  // Every busy dialog shown meanwhile, by its title.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { busySeen: string[] }).busySeen = seen;
    new MutationObserver(() => {
      const title = document.querySelector('.aa-busy h2')?.textContent;
      if (title && !seen.includes(title)) seen.push(title);
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  await page.keyboard.press('Shift+O');
  const dialog = page.getByRole('dialog', { name: 'Import annotations' });
  await dialog.getByLabel('Choose files to import').setInputFiles(path);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.locator('.aa-panel-title .aa-total')).toHaveText('1000');
  // A file this large is read, stored and drawn under a busy dialog, which then closes.
  expect(await page.evaluate(() => (window as unknown as { busySeen: string[] }).busySeen))
    .toEqual(['Reading bench-M.json…', 'Adding articles', 'Opening the article']);
  await expect(page.locator('.aa-busy')).toHaveCount(0);

  const panel = page.getByRole('complementary', { name: 'Spans' });
  const rows = panel.locator('.aa-span-list > li');
  const window = panel.locator('.aa-window [role="status"]');
  await expect(window).toHaveText('1–200 of 1000');
  await expect(rows).toHaveCount(200);
  await panel.getByRole('button', { name: 'Later spans' }).click();
  await expect(window).toHaveText('201–400 of 1000');
  await panel.getByRole('button', { name: 'Earlier spans' }).click();
  await expect(window).toHaveText('1–200 of 1000');
  await expect(panel.getByRole('button', { name: 'Earlier spans' })).toBeDisabled();

  // Selecting a span far down the article brings its row into the window.
  const marks = page.locator('.aa-article mark');
  const far = marks.nth(Math.floor((await marks.count()) * 0.8));
  await far.scrollIntoViewIfNeeded();
  await far.click();
  const selected = panel.locator('.aa-span-item.is-selected');
  await expect(selected).toHaveCount(1);
  await expect(window).not.toHaveText('1–200 of 1000');
  // J moves on to the next span, and its row is the one selected in the panel.
  const before = await selected.getAttribute('data-span-id');
  await page.keyboard.press('j');
  await expect(selected).not.toHaveAttribute('data-span-id', before!);

  // A filter starts its own window.
  await panel.getByLabel('Filter by label').selectOption('Quote');
  await expect(window).toHaveText('1–200 of 333');

  // Far down, where the blocks above were never drawn on the next visit, the reader comes
  // back to the same text (a pixel position would land elsewhere).
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight * 0.7));
  await expectSamePlaceAfterReload(page);
  // Search and a span far away still scroll into view and select.
  await page.evaluate(() => window.scrollTo(0, 0));
  await panel.getByLabel('Filter by label').selectOption('Quote');
  await panel.locator('.aa-span-item').last().click();
  await expect(page.locator('.aa-article mark.is-selected').first()).toBeInViewport();
});

test('a long article is drawn a step at a time, from where the reader is, until every paragraph shows', async ({ page }, testInfo) => {
  await page.goto('/');
  await page.locator('.aa-doc-place').waitFor();
  const path = testInfo.outputPath('bench-M.json');
  const work = JSON.parse(workload('M'));
  writeFileSync(path, JSON.stringify(work));
  const paragraphs = (work.document.text as string).split('\n').filter((line) => line.length > 0).length;
  // The most parts not drawn yet seen at once, and whether the article said it was busy.
  const watch = () => page.evaluate(() => {
    const seen = { pending: 0, busy: false };
    (window as unknown as { drawing: typeof seen }).drawing = seen;
    new MutationObserver(() => {
      seen.pending = Math.max(seen.pending, document.querySelectorAll('.aa-article > .aa-pending').length);
      seen.busy ||= document.querySelector('.aa-article[aria-busy="true"]') !== null;
    }).observe(document.body, { childList: true, subtree: true, attributes: true });
  });
  const seen = () => page.evaluate(() => (window as unknown as { drawing: { pending: number; busy: boolean } }).drawing);
  await watch();
  await page.keyboard.press('Shift+O');
  const dialog = page.getByRole('dialog', { name: 'Import annotations' });
  await dialog.getByLabel('Choose files to import').setInputFiles(path);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.locator('.aa-panel-title .aa-total')).toHaveText('1000');
  await expect(page.locator('.aa-article')).not.toHaveAttribute('aria-busy', 'true');
  expect(await seen()).toEqual({ pending: expect.any(Number), busy: true });
  expect((await seen()).pending).toBeGreaterThan(1);
  await expect(page.locator('.aa-article > .aa-pending')).toHaveCount(0);
  await expect(page.locator('.aa-article > .aa-block')).toHaveCount(paragraphs);

  // Far down, the reader's place is drawn first: after a reload the text at the top of the
  // window is there while parts above it are still to come.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight * 0.8));
  let anchor = '';
  await expect.poll(async () => {
    anchor = String((await topBlock(page)).at);
    return String(await storedAnchor(page)) === anchor;
  }).toBe(true);
  await page.addInitScript(() => {
    const first = { anchorDrawn: false, pendingAbove: 0 };
    (window as unknown as { first: typeof first }).first = first;
    addEventListener('DOMContentLoaded', () => {
      const observer = new MutationObserver(() => {
        const article = document.querySelector('.aa-article');
        if (!article?.querySelector('mark')) return;
        observer.disconnect();
        const at = (window as unknown as { anchor: string }).anchor;
        first.anchorDrawn = article.querySelector(`:scope > .aa-block[data-s="${at}"]`) !== null;
        first.pendingAbove = [...article.querySelectorAll(':scope > .aa-pending')]
          .filter((pending) => Number(pending.getAttribute('data-e')) <= Number(at)).length;
      });
      observer.observe(document.body, { childList: true, subtree: true });
    });
  });
  await page.addInitScript((anchor) => { (window as unknown as { anchor: string }).anchor = anchor!; }, anchor);
  await page.reload();
  await expect(page.locator('.aa-article')).not.toHaveAttribute('aria-busy', 'true');
  expect(await page.evaluate(() => (window as unknown as { first: unknown }).first))
    .toEqual({ anchorDrawn: true, pendingAbove: expect.any(Number) });
  expect(await page.evaluate(() => (window as unknown as { first: { pendingAbove: number } }).first.pendingAbove))
    .toBeGreaterThan(0);
  await expect(page.locator('.aa-article > .aa-block')).toHaveCount(paragraphs);
});
