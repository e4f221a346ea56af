import { test } from '@playwright/test';
import { writeFileSync, readFileSync } from 'node:fs';
import { workload } from './workload';
test('trace L edit', async ({ page, browser }, testInfo) => {
  await page.goto('/');
  await page.locator('.aa-doc-place').waitFor();
  const path = testInfo.outputPath('L.json');
  writeFileSync(path, workload('L'));
  await page.keyboard.press('Shift+O');
  const dialog = page.getByRole('dialog', { name: 'Import annotations' });
  await dialog.getByLabel('Choose files to import').setInputFiles(path);
  await dialog.getByRole('button', { name: 'Import', exact: true }).click();
  await page.locator('.aa-save-status[data-status="is-saved"]').waitFor({ timeout: 600000 });
  await page.locator('.aa-article mark').first().click();
  const tracePath = testInfo.outputPath('trace.json');
  await browser.startTracing(page, { path: tracePath, categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  for (const key of ['1', '2', '3', '1']) { await page.keyboard.press(key); await page.evaluate(() => new Promise(requestAnimationFrame)); }
  await browser.stopTracing();
  const events = JSON.parse(readFileSync(tracePath, 'utf8')).traceEvents as { name: string; ph: string; dur?: number; tid: number }[];
  const totals = new Map<string, number>();
  for (const e of events) if (e.ph === 'X' && e.dur) totals.set(e.name, (totals.get(e.name) ?? 0) + e.dur / 1000);
  console.log([...totals].sort((a, b) => b[1] - a[1]).slice(0, 20).map(([n, t]) => `${t.toFixed(1).padStart(8)} ms  ${n}`).join('\n'));
});
