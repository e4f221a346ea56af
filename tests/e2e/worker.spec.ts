import { expect, test } from './fixtures';
import { writeFileSync } from 'node:fs';

// Every format but the native one is read and written in the worker (src/worker), off the
// main thread: it is fetched once the first article is open (for its suggestions), after
// start-up, and a long job can be cancelled.

test('a long import runs in the worker; Esc cancels it, nothing of it arrives, and the next import works', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const para = 'Dr. Layla Haddad (ليلى حداد) said leaks fell 34% 💧 in two years. ';
  const lines = Array.from({ length: 3000 }, (_, i) => JSON.stringify({ id: `story-${i}`, title: `Story ${i}`, text: `Story ${i}.\n\n` + para.repeat(20) }));
  const big = testInfo.outputPath('big.doccano.jsonl');
  writeFileSync(big, lines.join('\n') + '\n');
  const small = testInfo.outputPath('small.doccano.jsonl');
  writeFileSync(small, JSON.stringify({ text: 'The council met on Monday.', label: [[4, 11, 'Source']] }) + '\n');

  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  await page.goto('/');
  await expect(page.locator('.aa-doc-place')).toContainText('article 1 of 1');
  await expect(page.getByTestId('suggestions-status')).toHaveText(/in this article/);

  await page.keyboard.press('p');
  await page.getByLabel('New project from files…').setInputFiles(big);
  const busy = page.getByRole('dialog', { name: 'Reading the files…' });
  await expect(busy.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(busy).toBeHidden();
  await expect(page.locator('.aa-notice')).toContainText('Cancelled. Your work is unchanged.');

  // A new worker takes the next job; the cancelled one never makes a project.
  await page.keyboard.press('p');
  await page.getByLabel('New project from files…').setInputFiles(small);
  await expect(page.locator('.aa-notice')).toContainText('Created project “small” with 1 articles.');
  await expect(page.locator('.aa-doc-place')).toContainText('article 1 of 1');
  await expect(page.getByRole('article')).toContainText('The council met on Monday.');
  // The cancelled worker's suggestions are asked of the next one.
  await expect(page.getByTestId('suggestions-status')).toHaveText(/in this article/);
  await page.keyboard.press('p');
  const view = page.getByRole('dialog', { name: 'Project' });
  const projects = await view.getByLabel('Open project').locator('option').allTextContents();
  expect(projects.some((name) => name.startsWith('big'))).toBe(false);
  expect(workers.length).toBeGreaterThanOrEqual(1);
});
