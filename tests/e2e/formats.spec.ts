import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AnnotatorPage } from './annotator-page';

// Exports every pipeline can load, and imports that change nothing until accepted.

const repoRoot = resolve(__dirname, '../..');

const importable = [
  'Native JSON',
  'Native JSONL dataset',
  'W3C Web Annotation',
  'doccano (sequence labelling)',
  'doccano (relation extraction)',
  'Label Studio',
  'brat standoff',
  'spaCy / Prodigy JSONL',
];

/** Tags an overlapping set of spans with a link, a note and an attribute. */
async function annotate(app: AnnotatorPage, page: Page) {
  await app.quoteLinkedToLayla();
  await page.keyboard.press('n');
  await page.keyboard.type('Check against the "meter" audit.');
  await page.keyboard.press('Control+Enter');
  await page.keyboard.press('Escape');
  await app.scriptSelect('34% less water');
  await page.keyboard.press('1');
  await expect(app.spanItems).toHaveCount(3);
}

function exportAs(page: Page, format: string, path: string) {
  return new AnnotatorPage(page).exportAs(format, path);
}

async function chooseImport(page: Page, paths: string | string[]) {
  await page.keyboard.press('Shift+O');
  const dialog = page.getByRole('dialog', { name: 'Import annotations' });
  await dialog.getByLabel('Choose files to import').setInputFiles(paths);
  return dialog;
}

test('every importable format exports, imports back through the review, and exports the same bytes', async ({ page }, testInfo) => {
  const app = new AnnotatorPage(page);
  await app.goto();
  await annotate(app, page);
  const listed = await app.listedSpans();
  for (const [index, format] of importable.entries()) {
    const first = await exportAs(page, format, testInfo.outputPath(`first-${index}`));
    const path = testInfo.outputPath(first.name);
    writeFileSync(path, first.bytes);
    if (format === 'spaCy / Prodigy JSONL') {
      // The download loads into spaCy: Doc.char_span gives every span, none is None.
      const output = execFileSync('python3', ['tests/python/check_spacy.py', path], { cwd: repoRoot, encoding: 'utf8' });
      expect(output).toContain('OK');
    }
    const dialog = await chooseImport(page, path);
    await expect(dialog.getByText(`read as ${format}`)).toBeVisible();
    await expect(dialog.getByRole('status')).toContainText('3 spans placed');
    await dialog.getByRole('button', { name: 'Import', exact: true }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status')).toContainText('Imported');
    expect(await app.listedSpans()).toEqual(listed);
    const second = await exportAs(page, format, testInfo.outputPath(`second-${index}`));
    expect(second.name, format).toBe(first.name);
    expect(second.bytes.equals(first.bytes), `${format} re-exports the same bytes`).toBe(true);
  }
});

test('export-only formats download, and CoNLL says what overlapping spans it must drop', async ({ page }, testInfo) => {
  const app = new AnnotatorPage(page);
  await app.goto();
  await annotate(app, page);
  await page.keyboard.press('Shift+E');
  const dialog = page.getByRole('dialog', { name: 'Export as…' });
  await expect(dialog).toContainText('1 of 3 spans overlap others and will be left out');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  const conll = await exportAs(page, 'CoNLL / IOB', testInfo.outputPath('x.conll'));
  expect(conll.name).toMatch(/\.conll$/);
  expect(conll.bytes.toString('utf8')).toContain('# dropped: 1 of 3 spans');
  const csv = await exportAs(page, 'CSV', testInfo.outputPath('x.csv'));
  expect(csv.bytes.toString('utf8').split('\r\n')).toHaveLength(5);
  // The claim's verdict is the ClaimReview's rating; Python's JSON-LD processor reads it as
  // schema.org.
  await app.panel.locator('.aa-span-item').filter({ has: page.locator('.aa-tag', { hasText: 'Claim' }) }).click();
  await page.getByRole('combobox', { name: 'verdict' }).selectOption('Mostly false');
  await expect(app.panel.locator('.aa-chip')).toContainText(['verdict: Mostly false']);
  const table = await exportAs(page, 'Claims CSV (verdicts)', testInfo.outputPath('x.claims.csv'));
  expect(table.name).toMatch(/\.claims\.csv$/);
  const rows = table.bytes.toString('utf8').split('\r\n');
  expect(rows[0]).toBe('article_id,article_title,article_url,claim_id,start_codepoint,end_codepoint,claim,verdict,'
    + 'rating_value,best_rating,worst_rating,reviewed_by,reviewed_on,source,source_kind,note,summary,review_url,evidence');
  // Signed by nobody (the e2e user gave no name) and dated today.
  expect(rows[1]).toMatch(/,34% less water,Mostly false,3,6,1,,\d{4}-\d{2}-\d{2},/);
  // The fact-checking organisation (Settings ▸ Your name…, Y) is every review's author.
  await page.keyboard.press('y');
  const names = page.getByRole('dialog', { name: 'Your name' });
  await names.getByLabel('Fact-checking organisation').fill('Valmera Fact Desk');
  await names.getByRole('button', { name: 'Save' }).click();
  await expect(names).toBeHidden();
  const claims = await exportAs(page, 'ClaimReview', testInfo.outputPath('x.jsonld'));
  const graph = JSON.parse(claims.bytes.toString('utf8'))['@graph'];
  expect(graph).toHaveLength(1);
  expect(graph[0].author).toEqual({ '@type': 'Organization', name: 'Valmera Fact Desk' });
  expect(graph[0].claimReviewed).toBe('34% less water');
  expect(graph[0].datePublished).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(graph[0].reviewRating).toEqual({
    '@type': 'Rating', alternateName: 'Mostly false', ratingValue: 3, bestRating: 6, worstRating: 1,
  });
  const checked = execFileSync('python3', ['tests/python/check_claim_review.py', testInfo.outputPath('x.jsonld'), '1'],
    { cwd: resolve(__dirname, '../..'), encoding: 'utf8' });
  expect(checked.trim()).toBe('ok: 1 ClaimReviews');
});

test('an import with problems lists them and changes nothing until accepted', async ({ page }, testInfo) => {
  const app = new AnnotatorPage(page);
  await app.goto();
  await annotate(app, page);
  const before = await app.listedSpans();
  const text = 'Ada Lovelace said the 🌍 engine works.\r\nBabbage agreed.';
  const line = {
    text,
    label: [
      [0, 12, 'PERSON'],
      [18, 36, 'quote'],
      [40, 900, 'Claim'],
    ],
  };
  const path = testInfo.outputPath('foreign.doccano.jsonl');
  writeFileSync(path, JSON.stringify(line) + '\n');

  let dialog = await chooseImport(page, path);
  await expect(dialog.getByRole('status')).toContainText('2 spans placed');
  await expect(dialog).toContainText('New label: PERSON');
  await expect(dialog).toContainText('Not placed (1)');
  await expect(dialog).toContainText('end 900 is past the text end');
  await expect(dialog).toContainText('Label “quote” is read as “Quote”.');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  expect(await app.listedSpans()).toEqual(before);

  dialog = await chooseImport(page, path);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByRole('status')).toContainText('Imported');
  // The notice comes when the article is stored; it opens a moment later.
  await expect.poll(() => app.listedSpans()).toEqual([
    ['PERSON', 'Ada Lovelace'],
    ['Quote', 'the 🌍 engine works'],
  ]);
  await expect(app.button('PERSON')).toBeVisible();
  // The imported article joined the project beside the first, and survives a reload.
  await expect(page.locator('.aa-doc-place')).toContainText('article 2 of 2');
  await app.saved();
  await page.reload();
  await expect(page.locator('.aa-doc-place')).toContainText('article 2 of 2');
  expect(await app.listedSpans()).toEqual([
    ['PERSON', 'Ada Lovelace'],
    ['Quote', 'the 🌍 engine works'],
  ]);
});

test('a malformed file is refused with its line and column, and the work stays', async ({ page }, testInfo) => {
  const app = new AnnotatorPage(page);
  await app.goto();
  await annotate(app, page);
  const before = await app.listedSpans();
  const path = testInfo.outputPath('broken.json');
  writeFileSync(path, '{\n  "format": "article-annotator",\n  "document": ,\n}');
  const dialog = await chooseImport(page, path);
  await expect(dialog.getByRole('alert')).toContainText('broken.json, line 3, column');
  await expect(dialog.getByRole('alert')).toContainText('Your work is unchanged');
  await page.keyboard.press('Escape');
  expect(await app.listedSpans()).toEqual(before);
});
