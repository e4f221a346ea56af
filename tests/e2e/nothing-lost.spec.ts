import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { readFileSync } from 'node:fs';
import { AnnotatorPage, diskThatFills } from './annotator-page';

// Nothing is lost, by construction: several files at once, whole project exports, a full
// disk and another tab's save followed by navigation, and the way back after a reload.

/** Drops text files on the page at once, as a file manager does. */
async function dropFiles(page: Page, files: { name: string; text: string }[]) {
  const dataTransfer = await page.evaluateHandle((files) => {
    const transfer = new DataTransfer();
    for (const file of files) transfer.items.add(new File([file.text], file.name, { type: 'text/plain' }));
    return transfer;
  }, files);
  await page.locator('.aa-app').dispatchEvent('dragover', { dataTransfer });
  await page.locator('.aa-app').dispatchEvent('drop', { dataTransfer });
}

const bulletins = (from: number, count: number) =>
  Array.from({ length: count }, (_, i) => {
    const n = String(from + i).padStart(2, '0');
    return { name: `bulletin-${n}.txt`, text: `Bulletin ${n}\n\nThe council met on Monday and approved budget ${n}.` };
  });

/** The titles the project view lists, in order. */
async function listedTitles(page: Page) {
  await page.keyboard.press('p');
  const view = page.getByRole('dialog', { name: 'Project' });
  const titles = await view.locator('tbody tr td:nth-child(2)').allTextContents();
  await view.getByRole('button', { name: 'Close' }).click();
  return titles;
}

/** Adds an article by pasting its text in "Open article"; it opens. */
async function paste(page: Page, text: string) {
  await page.keyboard.press('o');
  const dialog = page.getByRole('dialog', { name: 'Open article' });
  await dialog.getByLabel('Article text').fill(text);
  await dialog.getByRole('button', { name: 'Open pasted text' }).click();
  await expect(page.locator('.aa-article')).toContainText(text.slice(0, 20));
}

test('3 and then 25 files dropped at once all arrive, in order, with one notice each', async ({ page }) => {
  const app = new AnnotatorPage(page);
  await app.goto();
  await dropFiles(page, bulletins(1, 3));
  await expect(page.locator('.aa-notice')).toHaveText(/Added 3 articles to the project\./);
  await expect(page.locator('.aa-doc-place')).toContainText('article 2 of 4');
  await app.saved();
  await page.reload();
  await expect(page.locator('.aa-doc-place')).toContainText('of 4');
  expect((await listedTitles(page)).slice(1)).toEqual(['Bulletin 01', 'Bulletin 02', 'Bulletin 03']);

  await dropFiles(page, bulletins(4, 25));
  await expect(page.locator('.aa-notice')).toHaveText(/Added 25 articles to the project\./);
  await expect(page.locator('.aa-doc-place')).toContainText('article 5 of 29');
  await page.reload();
  await expect(page.locator('.aa-doc-place')).toContainText('of 29');
  const titles = await listedTitles(page);
  expect(titles.slice(1)).toEqual(Array.from({ length: 28 }, (_, i) => `Bulletin ${String(i + 1).padStart(2, '0')}`));
});

test('a project export holds every article in every format offered for a project', async ({ page }, testInfo) => {
  const app = new AnnotatorPage(page);
  await app.goto();
  await dropFiles(page, bulletins(1, 3));
  await expect(page.locator('.aa-doc-place')).toContainText('article 2 of 4');
  // A claim in every bulletin, so formats of one row per span (CSV) or per claim
  // (ClaimReview) also name every article.
  for (let n = 1; n <= 3; n++) {
    // The place line moves first; the article's text follows when it is read.
    await expect(app.article).toContainText(`approved budget 0${n}`);
    await app.scriptSelect(`approved budget 0${n}`);
    await page.keyboard.press('1');
    await expect(app.count('Claim')).toHaveText('1');
    if (n < 3) await page.keyboard.press('Shift+J');
  }
  await app.saved();
  await page.keyboard.press('p');
  const view = page.getByRole('dialog', { name: 'Project' });
  const select = view.getByLabel('Export format');
  const options = await select.locator('option').evaluateAll((options) =>
    options.map((option) => ({ value: (option as HTMLOptionElement).value, disabled: (option as HTMLOptionElement).disabled })));
  // One-article formats are not offered for a project, and say so.
  expect(options.filter((option) => option.disabled).map((option) => option.value)).toEqual(['Native JSON']);
  await expect(select.locator('option[disabled]')).toContainText('one article per file');
  const offered = options.filter((option) => !option.disabled).map((option) => option.value);
  expect(offered.length).toBe(11);
  for (const [index, format] of offered.entries()) {
    // Chromium 156 starts no eleventh project-export download from one page (whatever the
    // format; it did before this version): a reload half-way starts afresh, the project
    // and its work being stored.
    if (index === 8) {
      await page.reload();
      await expect(app.article).toContainText('approved budget 03');
    }
    await page.keyboard.press('p');
    await select.selectOption(format);
    const download = page.waitForEvent('download');
    await view.getByRole('button', { name: 'Export project' }).click();
    const file = await download;
    const path = testInfo.outputPath(file.suggestedFilename());
    await file.saveAs(path);
    const bytes = readFileSync(path);
    // A zip names each article's files; the others carry each claim's words.
    const text = bytes.toString(format === 'brat standoff' ? 'latin1' : 'utf8');
    for (let n = 1; n <= 3; n++) {
      const mark = format === 'brat standoff' ? `bulletin-0${n}`
        : format === 'CoNLL / IOB' ? `# title: Bulletin 0${n}` : `budget 0${n}`;
      expect(text, `${format} holds bulletin ${n}`).toContain(mark);
    }
    // The sample article has no claim: the claims' formats have no row of it.
    if (!['brat standoff', 'CSV', 'Claims CSV (verdicts)', 'ClaimReview'].includes(format)) {
      expect(text, `${format} holds the sample article`).toContain('Valmera');
    }
    await expect(page.locator('.aa-notice')).toContainText('Exported 4 articles');
  }
});

test('a full disk, then moving on: the edits are kept, asked about, and saved when room returns', async ({ page }) => {
  await diskThatFills(page);
  const app = new AnnotatorPage(page);
  await app.goto();
  await paste(page, 'The council met on Monday and approved the budget.');
  await page.keyboard.press('Shift+K');
  await expect(app.article).toContainText('Valmera');
  await app.saved();

  await page.evaluate(() => { (window as any).diskFull = true; });
  await app.scriptSelect('Dr. Layla Haddad');
  await page.keyboard.press('3');
  const status = page.locator('.aa-save-status');
  await expect(status).toHaveAttribute('data-status', 'is-error');
  await expect(status).toContainText('storage for this site is full');
  // Leaving asks first, and says the work stays.
  await page.keyboard.press('Shift+J');
  const ask = page.getByRole('alertdialog', { name: 'This article\'s work is not stored' });
  await expect(ask).toContainText('They stay in this tab');
  await ask.getByRole('button', { name: 'Try again and go on' }).click();
  await expect(app.article).toContainText('The council met');
  await expect(status).toHaveAttribute('data-status', 'is-error');
  await app.scriptSelect('The council');
  await page.keyboard.press('3');
  // The project view lists what is not stored: both articles, once the second write failed.
  await page.keyboard.press('p');
  const unstored = page.getByRole('dialog', { name: 'Project' }).locator('.aa-unstored li');
  await expect(unstored).toHaveCount(2);
  await expect(unstored.filter({ hasText: 'full' })).toHaveCount(2);
  await page.keyboard.press('Escape');
  // Back again (asked again, for this article): the held work is shown, not the older
  // stored copy.
  await page.keyboard.press('Shift+K');
  await ask.getByRole('button', { name: 'Try again and go on' }).click();
  await expect(app.article).toContainText('Valmera');
  await expect(app.count('Source')).toHaveText('1');

  // Room again: the retry stores everything, with no edit needed.
  await page.evaluate(() => { (window as any).diskFull = false; });
  await app.saved();
  await page.reload();
  await expect(app.count('Source')).toHaveText('1');
  await page.keyboard.press('Shift+J');
  await expect(app.article).toContainText('The council met');
  await expect(app.count('Source')).toHaveText('1');
});

test('another tab saves, then this tab moves on: nothing is dropped silently, and the status stays true', async ({ context }) => {
  const first = await context.newPage();
  const a = new AnnotatorPage(first);
  await a.goto();
  await paste(first, 'The council met on Monday and approved the budget.');
  await first.keyboard.press('Shift+K');
  await expect(a.article).toContainText('Valmera');
  await a.saved();
  const second = await context.newPage();
  const b = new AnnotatorPage(second);
  await b.goto();
  await b.saved();

  await a.scriptSelect('Dr. Layla Haddad');
  await first.keyboard.press('3');
  await a.saved();
  const status = second.locator('.aa-save-status');
  await expect(status).toContainText('another tab changed this article');
  await b.scriptSelect('Regional Audit Office');
  await second.keyboard.press('3');
  await expect(status).toHaveAttribute('data-status', 'is-error');

  // Moving on asks: keep mine, take theirs, or a backup. The choice is never made for them.
  await second.keyboard.press('Shift+J');
  const ask = second.getByRole('alertdialog', { name: 'This article\'s work is not stored' });
  await expect(ask).toContainText('Another tab saved');
  await ask.getByRole('button', { name: 'Stay here' }).click();
  await expect(b.article).toContainText('Regional Audit Office');
  await expect(status).toContainText('another tab changed this article');
  await second.keyboard.press('Shift+J');
  await ask.getByRole('button', { name: 'Keep mine and go on' }).click();
  await expect(b.article).toContainText('The council met');
  // Only once this tab's version is written does the status say so.
  await b.saved();
  await b.scriptSelect('The council');
  await second.keyboard.press('3');
  await b.saved();

  // The first tab, reloaded, opens where the user was last (the second article): both
  // articles hold what the second tab kept.
  await first.reload();
  await expect(a.article).toContainText('The council met');
  await expect.poll(() => a.listedSpans()).toEqual([['Source', 'The council']]);
  await first.keyboard.press('Shift+K');
  await expect(a.article).toContainText('Valmera');
  await expect.poll(() => a.listedSpans()).toEqual([['Source', 'Regional Audit Office']]);
});

test('undo and redo reach back past a reload', async ({ page }) => {
  const app = new AnnotatorPage(page);
  await app.goto();
  await app.scriptSelect('Dr. Layla Haddad');
  await page.keyboard.press('3');
  await app.scriptSelect('Regional Audit Office');
  await page.keyboard.press('3');
  await app.saved();
  await page.reload();
  await expect(app.count('Source')).toHaveText('2');
  await expect(app.button('Undo')).toBeEnabled();
  await page.keyboard.press('Control+z');
  await expect(app.count('Source')).toHaveText('1');
  await app.saved();
  await page.reload();
  await expect(app.count('Source')).toHaveText('1');
  await page.keyboard.press('Control+z');
  await expect(app.count('Source')).toHaveText('0');
  await page.keyboard.press('Control+Shift+z');
  await page.keyboard.press('Control+Shift+z');
  await expect(app.count('Source')).toHaveText('2');
});
