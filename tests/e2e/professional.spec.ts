import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { readFileSync } from 'node:fs';
import { AnnotatorPage } from './annotator-page';

// A fact-checker's working day: nested spans, snapping, keyboard-only tagging, boundary
// nudging, attribution links, notes, attributes, undo, a custom label, search and help.

async function exportJson(page: Page, path: string) {
  const download = page.waitForEvent('download');
  await page.keyboard.press('e');
  await (await download).saveAs(path);
  return JSON.parse(readFileSync(path, 'utf8'));
}

test('nested and same-word spans stay visible, and clicking again picks the outer one', async ({ page }) => {
  const app = new AnnotatorPage(page);
  await app.goto();
  await app.scriptSelect('cut the amount of treated water lost to leaks by 34 percent');
  await page.keyboard.press('1');
  await app.scriptSelect('34 percent');
  await page.keyboard.press('2');
  await app.scriptSelect('Chloé Lefèvre');
  await page.keyboard.press('3');
  await app.scriptSelect('Chloé Lefèvre');
  await page.keyboard.press('1');

  // The quote inside the claim: its own colour, with the claim as an underline band.
  const inner = app.mark('34 percent').first();
  await expect(inner).toHaveAttribute('data-depth', '2');
  await expect(inner).toHaveAttribute('data-label', 'Quote');
  expect(await inner.evaluate((el) => getComputedStyle(el).boxShadow)).toContain('inset');
  await expect(app.mark('cut the amount of treated water lost to leaks by ')).toHaveAttribute('data-label', 'Claim');
  // Two labels over the same words: both listed, both drawn.
  await expect(app.mark('Chloé Lefèvre')).toHaveAttribute('data-depth', '2');
  expect(await app.listedSpans()).toEqual([
    ['Claim', 'cut the amount of treated water lost to leaks by 34 percent'],
    ['Quote · inside', '34 percent'],
    ['Claim', 'Chloé Lefèvre'],
    ['Source · inside', 'Chloé Lefèvre'],
  ]);

  await inner.click();
  await expect(page.getByText('Selected: Quote')).toBeVisible();
  await inner.click();
  await expect(page.getByText('Selected: Claim')).toBeVisible();
  await inner.click();
  await expect(page.getByText('Selected: Quote')).toBeVisible();
});

test('word snapping extends cut words and trims edge punctuation; off, or with Shift, it keeps the exact selection', async ({ page }) => {
  const app = new AnnotatorPage(page);
  await app.goto();
  await app.scriptSelect('ydrometrica Lt');
  await page.keyboard.press('3');
  expect(await app.listedSpans()).toEqual([['Source', 'Hydrometrica Ltd']]);

  await app.scriptSelect('(ليلى حدا');
  await page.keyboard.press('3');
  await expect(app.mark('ليلى حداد')).toHaveCount(1);

  await app.scriptSelect('Regional Audit Office, ');
  await page.keyboard.press('Shift+Digit1');
  await expect(app.mark('Regional Audit Office, ').first()).toBeVisible();

  await page.keyboard.press('w');
  await expect(page.getByRole('button', { name: 'Snap to words' })).toHaveAttribute('aria-pressed', 'false');
  await app.scriptSelect('ater lost');
  await page.keyboard.press('1');
  await expect(app.mark('ater lost')).toHaveCount(1);
  // The choice is remembered.
  await app.saved();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Snap to words' })).toHaveAttribute('aria-pressed', 'false');
});

test('keyboard only: caret mode, Shift+arrows, a label key', async ({ page }) => {
  const app = new AnnotatorPage(page);
  await app.goto();
  await page.keyboard.press('i');
  await expect(app.article).toHaveAttribute('contenteditable', 'true');
  await expect(app.article).toBeFocused();
  // The caret starts at the top of the article; Ctrl+Shift+Right selects word by word.
  await page.keyboard.press('Control+Shift+ArrowRight');
  await page.keyboard.press('Control+Shift+ArrowRight');
  await page.keyboard.press('1');
  expect(await app.listedSpans()).toEqual([['Claim', 'Valmera says']]);
  // The caret goes on from the end of the span; Shift+Right extends by character.
  await page.keyboard.press('ArrowRight');
  for (let i = 0; i < 6; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+Digit3');
  expect(await app.listedSpans()).toEqual([['Claim', 'Valmera says'], ['Source', 'it cut']]);
  // Typing never changes the text.
  await page.keyboard.type('zzz');
  await expect(app.article).not.toContainText('zzz');
  await page.keyboard.press('Escape');
  await expect(app.article).not.toHaveAttribute('contenteditable', 'true');
});

test('boundaries move by key and by dragging a handle; Tab and J/K move between spans', async ({ page }) => {
  const app = new AnnotatorPage(page);
  await app.goto();
  await app.scriptSelect('Layla Haddad');
  await page.keyboard.press('3');
  await page.keyboard.press('{');
  await expect(app.mark('Dr. Layla Haddad')).toHaveCount(1);
  await page.keyboard.press(',');
  await expect(app.mark('Dr. Layla Hadda')).toHaveCount(1);
  await page.keyboard.press('.');
  await page.keyboard.press('>');
  expect(await app.listedSpans()).toEqual([['Source', 'Dr. Layla Haddad (ليلى']]);
  await page.keyboard.press('<');
  await page.keyboard.press(']');
  expect(await app.listedSpans()).toEqual([['Source', 'r. Layla Haddad']]);
  await page.keyboard.press('[');

  await app.scriptSelect('Chloé');
  await page.keyboard.press('3');
  const handle = page.locator('.aa-handle-end');
  await expect(handle).toHaveCount(1);
  await handle.scrollIntoViewIfNeeded();
  const box = (await handle.boundingBox())!;
  const target = await app.article.evaluate((article) => {
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf('Lefèvre');
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at + 'Lefèvre'.length - 1);
      range.setEnd(node, at + 'Lefèvre'.length);
      const r = range.getBoundingClientRect();
      return { x: r.right - 1, y: r.top + r.height / 2 };
    }
    throw new Error('Lefèvre not found');
  });
  await page.mouse.move(box.x + 3, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(target.x, target.y, { steps: 6 });
  await page.mouse.up();
  await expect(app.mark('Chloé Lefèvre')).toHaveCount(1);
  // The span stays selected after the drag, ready for more.
  await expect(page.getByText('Selected: Source')).toContainText('Chloé Lefèvre');

  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('Escape');
  await page.keyboard.press('j');
  await expect(page.getByText('Selected: Source')).toContainText('Dr. Layla Haddad');
  await page.keyboard.press('Tab');
  await expect(page.getByText('Selected: Source')).toContainText('Chloé Lefèvre');
  await page.keyboard.press('k');
  await expect(page.getByText('Selected: Source')).toContainText('Dr. Layla Haddad');
});

test('a quote links to its source paragraphs away; the schema refuses other links; the export carries it', async ({ page }, testInfo) => {
  const app = new AnnotatorPage(page);
  await app.goto();
  await app.scriptSelect('Dr. Layla Haddad');
  await page.keyboard.press('3');
  await app.scriptSelect('Chloé Lefèvre');
  await page.keyboard.press('3');
  await app.scriptSelect('as soon as the audit allows');
  await page.keyboard.press('2');

  await page.keyboard.press('l');
  const finder = page.getByRole('searchbox', { name: 'Find a Source' });
  await expect(finder).toBeFocused();
  await finder.fill('Layla');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText('Linked');
  const details = page.getByRole('region', { name: 'Selected span' });
  await expect(details.getByRole('button', { name: /^said by: Source “Dr. Layla Haddad”/ })).toBeVisible();
  await expect(app.panel.locator('.aa-item-link')).toHaveText(['→ said by: Dr. Layla Haddad']);
  // The linked source is outlined in the article while the quote is selected.
  await expect(app.mark('Dr. Layla Haddad')).toHaveClass(/is-linked/);

  // A source cannot start a link; a quote cannot link to another quote.
  await app.mark('Chloé Lefèvre').click();
  await page.keyboard.press('l');
  await expect(page.getByRole('alert')).toContainText('A Source cannot start a link');
  await app.scriptSelect('We welcome the audit.');
  await page.keyboard.press('2');
  await page.keyboard.press('l');
  await app.mark('as soon as the audit allows').click();
  await expect(page.getByRole('alert')).toContainText('A Quote cannot be linked to a Quote');
  await page.keyboard.press('Escape');

  const data = await exportJson(page, testInfo.outputPath('links.json'));
  const id = (text: string) => data.spans.find((s: { text: string }) => s.text === text).id;
  expect(data.relations).toEqual([
    { id: expect.any(String), kind: 'said_by', from: id('as soon as the audit allows'), to: id('Dr. Layla Haddad') },
  ]);

  // Deleting the source removes the link; undo brings both back.
  await app.mark('Dr. Layla Haddad').click();
  await page.keyboard.press('Delete');
  await expect(app.panel.locator('.aa-item-link')).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(app.panel.locator('.aa-item-link')).toHaveText(['→ said by: Dr. Layla Haddad']);
});

test('a note and attributes are edited by keyboard and exported', async ({ page }, testInfo) => {
  const app = new AnnotatorPage(page);
  await app.goto();
  await app.scriptSelect('fell from 38 percent to 24 percent');
  await page.keyboard.press('1');
  await page.keyboard.press('n');
  const note = page.getByRole('textbox', { name: 'Note', exact: true });
  await expect(note).toBeFocused();
  await page.keyboard.type('Compare with the 2024 annual report.');
  await page.keyboard.press('Control+Enter');
  await page.keyboard.press('Escape');
  await page.keyboard.press('a');
  const checkWorthy = page.getByRole('combobox', { name: 'check-worthy' });
  await expect(checkWorthy).toBeFocused();
  await checkWorthy.selectOption('yes');
  await page.getByRole('combobox', { name: 'claim type' }).selectOption('statistic');
  await expect(app.panel.locator('.aa-chip')).toHaveText(['check-worthy: yes', 'claim type: statistic']);
  await page.locator('body').click({ position: { x: 2, y: 2 } });

  const data = await exportJson(page, testInfo.outputPath('notes.json'));
  expect(data.spans).toHaveLength(1);
  expect(data.spans[0].note).toBe('Compare with the 2024 annual report.');
  expect(data.spans[0].attributes).toEqual({ 'check-worthy': 'yes', 'claim type': 'statistic' });
  await app.saved();
  await page.reload();
  await expect(app.panel.locator('.aa-item-note')).toContainText('Compare with the 2024 annual report.');

  // Typing is saved as it goes: re-renders do not wipe the field, and a reload keeps it.
  await app.mark('fell from 38 percent to 24 percent').click();
  await page.keyboard.press('n');
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Ask the auditors.');
  await page.getByRole('button', { name: 'Snap to words' }).click(); // re-renders the app
  await expect(note).toHaveValue('Compare with the 2024 annual report. Ask the auditors.');
  await expect(app.panel.locator('.aa-item-note')).toContainText('Ask the auditors.');
  await app.saved();
  await page.reload();
  await expect(app.panel.locator('.aa-item-note')).toContainText('Compare with the 2024 annual report. Ask the auditors.');
});

test('undo and redo walk back and forth through every kind of edit', async ({ page }) => {
  const app = new AnnotatorPage(page);
  await app.goto();
  await app.scriptSelect('Mayor Ana Sofía Quiroga');
  await page.keyboard.press('3');
  await page.keyboard.press('1');
  await expect(app.mark('Mayor Ana Sofía Quiroga')).toHaveAttribute('data-label', 'Claim');
  await page.keyboard.press('Delete');
  await expect(app.count('Claim')).toHaveText('0');

  await page.keyboard.press('Control+z');
  await expect(app.mark('Mayor Ana Sofía Quiroga')).toHaveAttribute('data-label', 'Claim');
  await page.keyboard.press('Control+z');
  await expect(app.mark('Mayor Ana Sofía Quiroga')).toHaveAttribute('data-label', 'Source');
  await page.keyboard.press('Control+z');
  await expect(app.mark('Mayor Ana Sofía Quiroga')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Undo' })).toBeDisabled();

  await page.keyboard.press('Control+Shift+Z');
  await expect(app.mark('Mayor Ana Sofía Quiroga')).toHaveAttribute('data-label', 'Source');
  await page.keyboard.press('Control+y');
  await expect(app.mark('Mayor Ana Sofía Quiroga')).toHaveAttribute('data-label', 'Claim');
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(app.count('Claim')).toHaveText('0');
  await expect(page.getByRole('button', { name: 'Redo' })).toBeDisabled();
});

test('a custom label is created in the schema editor and used; a rename follows its spans', async ({ page }, testInfo) => {
  const app = new AnnotatorPage(page);
  await app.goto();
  await app.scriptSelect('Søren Ødegård');
  await page.keyboard.press('1');

  await page.keyboard.press('s');
  const editor = page.getByRole('dialog', { name: 'Label schema' });
  await expect(editor).toBeVisible();
  await editor.getByRole('button', { name: 'Add label' }).click();
  await editor.getByRole('textbox', { name: 'Name of label 4' }).fill('Expert');
  await expect(editor.getByRole('textbox', { name: 'Key of Expert' })).toHaveValue('4');
  await editor.getByRole('textbox', { name: 'Attributes of Expert' }).fill('field: hydrology, finance, law');
  await editor.getByRole('textbox', { name: 'Name of Claim' }).fill('Assertion');
  const links = editor.getByRole('textbox', { name: 'Allowed links' });
  await links.fill(`${await links.inputValue()}\nQuote -> Expert: said_by`);
  await editor.getByRole('button', { name: 'Save schema' }).click();
  await expect(editor).toHaveCount(0);

  await expect(app.button('Expert')).toContainText('4');
  await expect(app.mark('Søren Ødegård')).toHaveAttribute('data-label', 'Assertion');
  await app.mark('Søren Ødegård').click();
  await page.keyboard.press('4');
  await expect(app.mark('Søren Ødegård')).toHaveAttribute('data-label', 'Expert');
  await page.getByRole('combobox', { name: 'field' }).selectOption('hydrology');
  await expect(app.count('Expert')).toHaveText('1');

  // A schema that breaks the rules is refused with reasons, and nothing changes.
  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('s');
  await editor.getByRole('textbox', { name: 'Key of Quote' }).fill('l');
  await editor.getByRole('button', { name: 'Save schema' }).click();
  await expect(editor.getByRole('alert')).toContainText('taken by an app command');
  await page.keyboard.press('Escape');
  await expect(app.button('Quote')).toContainText('2');

  const data = await exportJson(page, testInfo.outputPath('schema.json'));
  expect(data.labels.map((l: { name: string }) => l.name)).toEqual(['Assertion', 'Quote', 'Source', 'Expert']);
  expect(data.labels[3].attributes).toEqual([{ name: 'field', values: ['hydrology', 'finance', 'law'] }]);
  expect(data.links).toContainEqual({ from: 'Quote', to: 'Expert', kind: 'said_by' });
  expect(data.spans[0]).toMatchObject({ label: 'Expert', text: 'Søren Ødegård', attributes: { field: 'hydrology' } });

  // Undo the attribute and the re-label; then the whole schema change undoes in one step.
  await page.keyboard.press('Control+z');
  await page.keyboard.press('Control+z');
  await expect(app.mark('Søren Ødegård')).toHaveAttribute('data-label', 'Assertion');
  await page.keyboard.press('Control+z');
  await expect(app.mark('Søren Ødegård')).toHaveAttribute('data-label', 'Claim');
  await expect(app.button('Expert')).toHaveCount(0);
});

test('search finds every match, steps through them, and Esc leaves the match ready to tag; ? lists the keys', async ({ page }) => {
  const app = new AnnotatorPage(page);
  await app.goto();
  await page.keyboard.press('Control+f');
  const field = page.getByRole('searchbox', { name: 'Search the article' });
  await expect(field).toBeFocused();
  await field.fill('34 PERCENT');
  const status = page.getByTestId('search-status');
  await expect(status).toHaveText('1 of 4');
  await page.keyboard.press('Enter');
  await expect(status).toHaveText('2 of 4');
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.press('Shift+Enter');
  await expect(status).toHaveText('4 of 4');
  expect(await page.evaluate(() => (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get('aa-search')!.size)).toBe(4);
  await page.keyboard.press('Escape');
  await expect(field).toHaveCount(0);
  await page.keyboard.press('1');
  await expect(app.count('Claim')).toHaveText('1');
  expect(await app.listedSpans()).toEqual([['Claim', '34 percent']]);

  await page.keyboard.press('f');
  await expect(page.getByRole('searchbox', { name: /Filter spans/ })).toBeFocused();
  await page.keyboard.type('nothing like this');
  await expect(app.panel).toContainText('No span matches the filter.');
  await page.keyboard.press('Escape');

  await page.locator('body').click({ position: { x: 2, y: 2 } });
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toContainText('Link the selected quote or claim to a source');
  await expect(help).toContainText('Tag as Claim');
  // The page behind a dialog is inert: out of reach of Tab, clicks and screen readers.
  await expect(page.locator('.aa-shell')).toHaveJSProperty('inert', true);
  await expect(help).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
  await expect(page.locator('.aa-shell')).toHaveJSProperty('inert', false);
});
