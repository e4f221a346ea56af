import { expect, test } from './fixtures';
import { readFileSync, writeFileSync } from 'node:fs';

// A realistic dataset: 5,000 articles (14 MB of JSONL) become a project, open (the project
// view pages through them 200 at a time), and export whole. The times are printed
// (docs/storage.md records them), not asserted.

test('a 5,000-article JSONL dataset imports, opens, moves by keys and exports whole', async ({ page }, testInfo) => {
  test.setTimeout(600_000);
  const count = 5000;
  const para = 'Dr. Layla Haddad (ليلى حداد) said leaks fell 34% 💧 in two years. The Regional Audit Office said it could not yet confirm the number and would review how the figure was calculated. ';
  const lines = Array.from({ length: count }, (_, i) => JSON.stringify({ id: `story-${i}`, title: `Story ${i}`, url: `https://news.example/${i}`, text: `Story ${i}.\n\n` + para.repeat(15), topic: 'water' }));
  const path = testInfo.outputPath('big.jsonl');
  writeFileSync(path, lines.join('\n') + '\n');
  const report = (...parts: unknown[]) => console.log('[dataset]', ...parts);
  report('file MB', (lines.join('\n').length / 1e6).toFixed(1));
  await page.goto('/');
  await expect(page.locator('.aa-doc-place')).toBeVisible();
  await page.keyboard.press('p');
  // Long tasks while importing: the page must stay responsive.
  await page.evaluate(() => { (window as any).longest = 0; new PerformanceObserver((list) => { for (const e of list.getEntries()) (window as any).longest = Math.max((window as any).longest, e.duration); }).observe({ type: 'longtask', buffered: false }); });
  const t0 = Date.now();
  await page.getByLabel('New project from files…').setInputFiles(path);
  await expect(page.locator('.aa-busy')).toBeVisible();
  await expect(page.locator('.aa-notice')).toContainText(`with ${count} articles`, { timeout: 600_000 });
  await expect(page.locator('.aa-doc-place')).toContainText(`article 1 of ${count}`);
  report('IMPORT s', (Date.now() - t0) / 1000, 'longest task ms', await page.evaluate(() => (window as any).longest));
  const t1 = Date.now();
  await page.keyboard.press('p');
  // The view lists 200 articles at a time (and the header row), around the open one.
  const view = page.getByRole('dialog', { name: 'Project' });
  await expect(view.getByRole('row')).toHaveCount(201);
  report('VIEW s', (Date.now() - t1) / 1000);
  const pager = view.locator('.aa-window [role="status"]');
  await expect(pager).toHaveText(`1–200 of ${count}`);
  await view.getByRole('button', { name: 'Later articles' }).click();
  await expect(pager).toHaveText(`201–400 of ${count}`);
  await expect(view.getByRole('row').nth(1)).toContainText('Story 200');
  await view.getByRole('button', { name: 'Earlier articles' }).click();
  await expect(pager).toHaveText(`1–200 of ${count}`);
  await page.evaluate(() => { (window as any).longest = 0; });
  const t2 = Date.now();
  const download = page.waitForEvent('download', { timeout: 600_000 });
  await page.getByLabel('Export format').selectOption('Native JSONL dataset');
  await page.getByRole('button', { name: 'Export project' }).click();
  const file = await download;
  await file.saveAs(testInfo.outputPath('export.jsonl'));
  const exported = readFileSync(testInfo.outputPath('export.jsonl'), 'utf8').trimEnd().split('\n');
  expect(exported).toHaveLength(count);
  expect(JSON.parse(exported[count - 1]).document).toMatchObject({ id: `story-${count - 1}`, extra: { topic: 'water' } });
  report('EXPORT s', (Date.now() - t2) / 1000, 'longest task ms', await page.evaluate(() => (window as any).longest));
  const t3 = Date.now();
  await page.reload();
  await expect(page.locator('.aa-doc-place')).toContainText(`article 1 of ${count}`);
  report('RELOAD s', (Date.now() - t3) / 1000);
  const t4 = Date.now();
  await page.keyboard.press('Shift+J');
  await expect(page.locator('.aa-doc-place')).toContainText(`article 2 of ${count}`);
  report('NEXT ARTICLE ms', Date.now() - t4);
});
