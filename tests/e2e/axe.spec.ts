import { test, expect, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AnnotatorPage, diskThatFills } from './annotator-page';

// axe-core (npm, injected from node_modules: nothing is fetched) on every state a user meets.

// Evaluated through the DevTools protocol: the app's CSP (rightly) refuses an inline script.
const axeSource = readFileSync(resolve(__dirname, '../../node_modules/axe-core/axe.min.js'), 'utf8');

async function violations(page: Page) {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const result = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v: any) => `${v.id} (${v.impact}): ${v.nodes.length} × ${v.nodes.slice(0, 3).map((n: any) => n.target.join(' ')).join(' | ')}`);
  });
}

test('axe finds nothing in the main view, with a span selected, in link mode and in the dialogs', async ({ page }) => {
  const app = new AnnotatorPage(page);
  await app.goto();
  const found: Record<string, string[]> = {};
  found['main view'] = await violations(page);
  await app.scriptSelect('“34% less water wasted 💧 — promise kept,”');
  await page.keyboard.press('Shift+Digit2');
  found['a span selected'] = await violations(page);
  await page.keyboard.press('l');
  await expect(page.locator('.aa-notice')).toContainText('Linking');
  found['link mode'] = await violations(page);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  for (const [key, name] of [
    ['s', 'Label schema'], ['o', 'Open article'], ['Shift+O', 'Import annotations'],
    ['Shift+E', 'Export as…'], ['?', 'Keyboard shortcuts'], ['p', 'Project'], ['Control+Comma', 'Keyboard'],
  ]) {
    await page.keyboard.press(key);
    const dialog = page.getByRole('dialog', { name });
    await expect(dialog).toBeVisible();
    found[name] = await violations(page);
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
  }
  // A header menu open, and the keyboard settings waiting for a key and refusing one.
  await app.button('Article').click();
  await expect(page.getByRole('menu', { name: 'Article' })).toBeVisible();
  found['a menu open'] = await violations(page);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+Comma');
  await page.getByRole('button', { name: 'Change the key for: Copy JSON' }).click();
  found['waiting for a key'] = await violations(page);
  await page.keyboard.press('e');
  await expect(page.getByTestId('keys-said')).toContainText('Export JSON');
  found['a key refused'] = await violations(page);
  await page.keyboard.press('Escape');
  const none = Object.fromEntries(Object.keys(found).map((state) => [state, []]));
  expect(found).toEqual(none);
});

test('axe finds nothing with a split quote selected, nor with a claim\'s review and evidence shown', async ({ page }) => {
  const app = new AnnotatorPage(page);
  await app.goto();
  const found: Record<string, string[]> = {};
  await app.scriptSelect('We found leaks that had been running for twenty years under the old harbour district,');
  await page.keyboard.press('Shift+Digit2');
  await app.scriptSelect('Every one of those meters tells us, hour by hour, where the water goes');
  await page.keyboard.press('+');
  await expect(page.getByRole('list', { name: 'Pieces' }).getByRole('listitem')).toHaveCount(2);
  found['a split quote selected'] = await violations(page);
  await app.scriptSelect('34% less water');
  await page.keyboard.press('Shift+Digit1');
  await page.getByRole('combobox', { name: 'verdict' }).selectOption('False');
  await page.keyboard.press('b');
  await page.getByRole('textbox', { name: 'Evidence title' }).fill('Audit report');
  await page.getByRole('textbox', { name: 'Evidence title' }).press('Enter');
  await expect(page.getByRole('list', { name: 'Evidence' }).getByRole('listitem')).toHaveCount(1);
  found['a claim with its review and evidence'] = await violations(page);
  const none = Object.fromEntries(Object.keys(found).map((state) => [state, []]));
  expect(found).toEqual(none);
});

test('axe finds nothing in the rarer dialogs: a web page preview, a delete confirmation, leaving unsaved work', async ({ page }) => {
  await diskThatFills(page);
  const app = new AnnotatorPage(page);
  await app.goto();
  const found: Record<string, string[]> = {};
  await page.keyboard.press('o');
  await page.getByLabel('Open a .txt, .md or .html file')
    .setInputFiles(resolve(__dirname, '../fixtures/pages/arabic-rtl.html'));
  const preview = page.getByRole('dialog', { name: /web page/i });
  await expect(preview).toBeVisible();
  found['web page preview'] = await violations(page);
  await preview.getByRole('button', { name: 'Open article' }).click();
  await expect(preview).toBeHidden();

  await page.keyboard.press('p');
  await page.getByRole('dialog', { name: 'Project' }).getByRole('button', { name: 'Delete project…' }).click();
  await expect(page.getByRole('alertdialog')).toBeVisible();
  found['delete confirmation'] = await violations(page);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('alertdialog')).toBeHidden();
  if (await page.getByRole('dialog', { name: 'Project' }).isVisible()) await page.keyboard.press('Escape');

  // A write that fails: the status bar's error, then the question on leaving.
  await page.evaluate(() => { (window as any).diskFull = true; });
  await app.scriptSelect('BlueSalt Energy');
  await page.keyboard.press('3');
  await expect(page.locator('.aa-save-status')).toHaveAttribute('data-status', 'is-error');
  found['not saved'] = await violations(page);
  await page.keyboard.press('Shift+K');
  await expect(page.getByRole('alertdialog')).toBeVisible();
  found['leaving unsaved work'] = await violations(page);
  const none = Object.fromEntries(Object.keys(found).map((state) => [state, []]));
  expect(found).toEqual(none);
});
