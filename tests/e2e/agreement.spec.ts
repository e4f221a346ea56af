import { test, expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AnnotatorPage } from './annotator-page';

const axeSource = readFileSync(resolve(__dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8');

// Compare annotators: several annotators' files in, the agreement report out (the figures
// themselves are checked against Python's references natively: tests/agreement.rs).

const fixture = JSON.parse(readFileSync(resolve(__dirname, '../fixtures/native-v1.json'), 'utf8'));

/** The fixture article as one annotator's native JSONL file, changed by `change`. */
function annotator(name: string, change: (json: any) => void = () => {}) {
  const json = JSON.parse(JSON.stringify(fixture));
  change(json);
  return { name: `${name}.annotations.jsonl`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(json) + '\n') };
}

test('three annotators\' files give the agreement report, on screen and as JSON and CSV files', async ({ page }) => {
  const app = new AnnotatorPage(page);
  await app.goto();
  await page.keyboard.press('Shift+A');
  const dialog = page.getByRole('dialog', { name: 'Compare annotators' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel("Choose the annotators' files").setInputFiles([
    annotator('ana'),
    annotator('ben', (json) => json.spans.splice(0, 1)),
    annotator('cleo', (json) => { json.spans[1].label = 'Claim'; }),
  ]);
  await expect(dialog.getByTestId('compare-summary')).toHaveText('3 annotators (ana, ben, cleo) · 1 article compared');
  // Ana–Ben: 5 and 4 spans, 4 the same (8/9); Ana–Cleo: 4 of 5 (0.8); Ben–Cleo: 3 of 4 + 5 (6/9).
  const pairs = dialog.getByRole('table', { name: 'Each pair of annotators' });
  await expect(pairs.getByRole('row', { name: /ana · ben/ })).toContainText('0.889');
  await expect(pairs.getByRole('row', { name: /ana · cleo/ })).toContainText('0.800');
  await expect(pairs.getByRole('row', { name: /ben · cleo/ })).toContainText('0.667');
  await expect(dialog.getByRole('table', { name: 'Agreement overall and per label' }).getByRole('row', { name: /All labels/ }))
    .toContainText('0.785 ± 0.091');

  const csv = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download report (CSV)' }).click();
  const csvFile = await csv;
  expect(csvFile.suggestedFilename()).toBe('agreement-report.csv');
  const rows = readFileSync(await csvFile.path(), 'utf8').trim().split('\n');
  expect(rows[0]).toBe('scope,label,pair,article,measure,value,sd');
  expect(rows).toContain('pair,,ana / ben,,exact_f1,0.8888888888888888,');
  const json = page.waitForEvent('download');
  await dialog.getByRole('button', { name: 'Download report (JSON)' }).click();
  const report = JSON.parse(readFileSync(await (await json).path(), 'utf8'));
  expect(report.annotators).toEqual(['ana', 'ben', 'cleo']);
  expect(report.per_article[0].id).toBe('doc-hard');

  // axe-core finds nothing in the report.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(' | ')}`);
  });
  expect(violations).toEqual([]);

  // Nothing of the project changed; Esc closes and gives the focus back.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(page.locator('.aa-doc-place')).toContainText('article 1 of 1');
});

test('one annotator is not a comparison: the dialog says so and stays', async ({ page }) => {
  const app = new AnnotatorPage(page);
  await app.goto();
  await app.menu('Article', 'Compare annotators…');
  const dialog = page.getByRole('dialog', { name: 'Compare annotators' });
  await dialog.getByLabel("Choose the annotators' files").setInputFiles([annotator('ana')]);
  await expect(dialog.getByRole('alert')).toContainText('two or more annotators');
});

test.describe('who annotated', () => {
  // A browser that was never asked.
  test.use({ storageState: { cookies: [], origins: [] } });

  test('the name is asked once, signs the articles the user changes, and can be changed', async ({ page }) => {
    const app = new AnnotatorPage(page);
    await app.goto();
    const prompt = page.getByRole('form', { name: 'Your name' });
    await expect(prompt).toBeVisible();
    // It never blocks the work: a label key still tags.
    await app.scriptSelect('Dr. Layla Haddad');
    await page.keyboard.press('3');
    await expect(app.count('Source')).toHaveText('1');
    await prompt.getByRole('textbox', { name: /Who is annotating/ }).fill('  سارة   Haddad ');
    await prompt.getByRole('button', { name: 'Sign my work' }).click();
    await expect(prompt).toBeHidden();
    await expect(page.locator('.aa-notice')).toContainText('signed “سارة Haddad”');
    // The next change signs the article.
    await page.keyboard.press('Control+z');
    await expect(app.count('Source')).toHaveText('0');
    await app.saved();

    const download = page.waitForEvent('download');
    await page.keyboard.press('e');
    const exported = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
    expect(exported.document.annotator).toBe('سارة Haddad');

    // Asked once: not again after a reload; the article keeps its signature.
    await page.reload();
    await expect(app.article).toContainText('Valmera');
    await expect(prompt).toBeHidden();
    // Settings ▸ Your name… (and Y) changes it; articles signed already keep theirs.
    await page.keyboard.press('y');
    const dialog = page.getByRole('dialog', { name: 'Your name' });
    await expect(dialog.getByRole('textbox', { name: 'Name' })).toBeFocused();
    await expect(dialog.getByRole('textbox', { name: 'Name' })).toHaveValue('سارة Haddad');
    await dialog.getByRole('textbox', { name: 'Name' }).fill('Sara');
    await page.keyboard.press('Enter');
    await expect(dialog).toBeHidden();
    await expect(page.locator('.aa-notice')).toContainText('signed “Sara” from now on');
    const again = page.waitForEvent('download');
    await page.keyboard.press('e');
    expect(JSON.parse(readFileSync(await (await again).path(), 'utf8')).document.annotator).toBe('سارة Haddad');
  });

  test('"Not now" leaves the work unsigned and is not asked again', async ({ page }) => {
    const app = new AnnotatorPage(page);
    await app.goto();
    await page.getByRole('form', { name: 'Your name' }).getByRole('button', { name: 'Not now' }).click();
    await app.scriptSelect('Dr. Layla Haddad');
    await page.keyboard.press('3');
    await app.saved();
    const download = page.waitForEvent('download');
    await page.keyboard.press('e');
    const exported = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
    expect(exported.document.annotator).toBeUndefined();
    await page.reload();
    await expect(app.article).toContainText('Valmera');
    await expect(page.getByRole('form', { name: 'Your name' })).toBeHidden();
  });
});

/** Exports the open project in `format` and gives the file's path. */
async function exportProject(page: Page, format: string, path: string) {
  await page.keyboard.press('p');
  const view = page.getByRole('dialog', { name: 'Project' });
  await view.getByLabel('Export format').selectOption(format);
  const download = page.waitForEvent('download');
  await view.getByRole('button', { name: 'Export project' }).click();
  await (await download).saveAs(path);
  await page.keyboard.press('Escape');
  await expect(view).toBeHidden();
  return path;
}

test('three annotators become a gold project, every disagreement decided with the keyboard, exported for spaCy, doccano and Label Studio', async ({ page }, testInfo) => {
  const app = new AnnotatorPage(page);
  await app.goto();
  await page.keyboard.press('Shift+A');
  const dialog = page.getByRole('dialog', { name: 'Compare annotators' });
  // Ana tagged 5 spans; Ben missed the minister; Cleo tagged "fell 12%" as a Quote.
  await dialog.getByLabel("Choose the annotators' files").setInputFiles([
    annotator('ana'),
    annotator('ben', (json) => json.spans.splice(0, 1)),
    annotator('cleo', (json) => { json.spans[2].label = 'Quote'; }),
  ]);
  await expect(dialog.getByTestId('compare-summary')).toContainText('3 annotators');
  await expect(dialog.getByRole('combobox', { name: /Take at once what at least/ })).toHaveValue('3');
  // From the article's row of the report: the gold project opens at that article.
  await dialog.getByRole('table', { name: /Articles, lowest agreement first/ })
    .getByRole('button', { name: /Hard text/ }).click();
  await expect(dialog).toBeHidden();
  await expect(page.locator('.aa-doc-place')).toContainText('Gold: ana, ben, cleo');
  const panel = page.getByRole('region', { name: 'Adjudication' });
  const progress = panel.getByTestId('curation-progress');
  // The span all three marked alike (and two untouched clusters) are in; two are not.
  await expect(progress).toContainText('2 of 4 clusters decided');
  await expect(app.count('Quote')).toHaveText('1');

  // X: the first disagreement; 1 takes ana's version (the minister), on to the next.
  await page.keyboard.press('x');
  const status = panel.getByTestId('cluster-status');
  await expect(status).toHaveText('2 of 3 agree · Not decided yet.');
  await expect(panel.getByRole('row', { name: /^ben/ })).toContainText('no span');
  await page.keyboard.press('1');
  await expect(progress).toContainText('3 of 4 clusters decided');
  await expect(app.count('Source')).toHaveText('2');
  await expect(panel.getByRole('heading', { name: /Cluster 2 of 4/ })).toBeVisible();
  // 3 takes cleo's (fell 12% as a Quote); undo.
  await page.keyboard.press('3');
  await expect(app.count('Quote')).toHaveText('2');
  await expect(progress).toContainText('4 of 4');
  await page.keyboard.press('Control+z');
  await expect(progress).toContainText('3 of 4');
  await expect(app.count('Quote')).toHaveText('1');
  await page.keyboard.press('x');
  await expect(status).toHaveText('2 of 3 agree · Not decided yet.');
  // Edit the gold instead, with the ordinary tools (a text selection: 1 tags a Claim),
  // then M marks the disagreement decided as the gold now has it.
  await app.scriptSelect('fell 12%');
  await page.keyboard.press('1');
  await expect(app.count('Claim')).toHaveText('2');
  await expect(progress).toContainText('3 of 4');
  await page.keyboard.press('m');
  await expect(progress).toContainText('4 of 4 clusters decided');
  await expect(page.locator('.aa-notice')).toContainText('Every disagreement of this article is decided');
  await app.saved();
  // The project view counts it, per article and for the set.
  await page.keyboard.press('p');
  const view = page.getByRole('dialog', { name: 'Project' });
  await expect(view.getByTestId('curation-total')).toHaveText('Adjudication: 4 of 4 clusters decided.');
  await expect(view.getByRole('row', { name: /Hard text/ })).toContainText('4 of 4 decided');
  await page.keyboard.press('Escape');

  // The gold keeps who had each span and who decided.
  const jsonl = readFileSync(await exportProject(page, 'Native JSONL dataset', testInfo.outputPath('gold.jsonl')), 'utf8');
  const gold = JSON.parse(jsonl.trim().split('\n')[0]);
  const minister = gold.spans.find((span: any) => span.label === 'Source' && span.start === 0);
  expect(minister.provenance).toMatchObject({ annotators: ['ana', 'cleo'], outcome: { took: 'ana' } });
  const fell = gold.spans.find((span: any) => span.text === 'fell 12%');
  expect(fell).toMatchObject({ label: 'Claim', provenance: { annotators: ['ana', 'ben'], outcome: 'edited' } });
  expect(gold.decisions).toHaveLength(4);
  // spaCy reads it (a Doc from its tokens, every span by doc.char_span).
  const spacy = await exportProject(page, 'spaCy / Prodigy JSONL', testInfo.outputPath('gold.spacy.jsonl'));
  const checked = execFileSync('python3', ['tests/python/check_spacy.py', spacy], { cwd: resolve(__dirname, '../..'), encoding: 'utf8' });
  expect(checked).toContain('1 article(s), 5 span(s) and 0 relation(s) read by spaCy');
  // doccano's and Label Studio's import shapes, with every gold span.
  const doccano = JSON.parse(readFileSync(await exportProject(page, 'doccano (sequence labelling)', testInfo.outputPath('gold.doccano.jsonl')), 'utf8').trim());
  expect(doccano.label).toHaveLength(5);
  const studio = JSON.parse(readFileSync(await exportProject(page, 'Label Studio', testInfo.outputPath('gold.label-studio.json')), 'utf8'));
  expect(studio[0].annotations[0].result.filter((r: any) => r.type === 'labels')).toHaveLength(5);

  // axe-core finds nothing in the adjudication panel.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(' | ')}`);
  });
  expect(violations).toEqual([]);
});
