import { expect, test } from './fixtures';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AnnotatorPage } from './annotator-page';

const repoRoot = resolve(__dirname, '../..');

// The newcomer's story: open the app, tag claims, quotes and sources, fix mistakes,
// open another article, and export JSON that Python slices exactly.

test('opens on the sample article with every control named and no request off the origin', async ({ page, baseURL }) => {
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  const app = new AnnotatorPage(page);
  await app.goto();
  await expect(app.article).toContainText('ليلى حداد');
  await expect(app.article).toContainText('💧');
  for (const name of ['Claim', 'Quote', 'Source', 'Undo', 'Redo', 'Search', 'Article', 'Settings', 'Shortcuts']) {
    await expect(app.button(name)).toBeVisible();
  }
  await app.button('Article').click();
  for (const name of ['Open article…', 'Import annotations…', 'Export JSON', 'Export as…', 'Copy JSON']) {
    await expect(page.getByRole('menuitem', { name, exact: true })).toBeVisible();
  }
  await page.keyboard.press('Escape');
  await expect(app.button('Claim')).toHaveAttribute('aria-keyshortcuts', '1');
  await expect(app.button('Quote')).toContainText('2');
  await expect(app.button('Source')).toContainText('3');
  for (const label of ['Claim', 'Quote', 'Source']) await expect(app.count(label)).toHaveText('0');
  // Offline and private: everything comes from the app's own origin.
  expect(requests.length).toBeGreaterThan(2);
  for (const url of requests) expect(url.startsWith(baseURL!)).toBe(true);
  // Served on its own (no team server's mark in the page), it asks no team server anything.
  expect(requests.filter((url) => new URL(url).pathname.startsWith('/api/'))).toEqual([]);
});

test('a mouse-dragged selection becomes a span with a hotkey or a button', async ({ page }) => {
  const app = new AnnotatorPage(page);
  await app.goto();
  await app.dragSelect('cut the amount of treated water lost to leaks by 34 percent');
  await page.keyboard.press('1');
  await expect(app.mark('cut the amount of treated water lost to leaks by 34 percent')).toHaveCount(1);
  await expect(app.count('Claim')).toHaveText('1');
  // The browser selection is gone, the new span is selected.
  expect(await page.evaluate(() => getSelection()!.isCollapsed)).toBe(true);
  await expect(page.getByText('Selected: Claim')).toBeVisible();

  await app.dragSelect('Chloé Lefèvre');
  await app.button('Source').click();
  await expect(app.mark('Chloé Lefèvre')).toHaveCount(1);
  await expect(app.count('Source')).toHaveText('1');
  expect(await app.listedSpans()).toEqual([
    ['Claim', 'cut the amount of treated water lost to leaks by 34 percent'],
    ['Source', 'Chloé Lefèvre'],
  ]);
});

test('whitespace around a selection is trimmed and a selection outside the article is ignored', async ({ page }) => {
  const app = new AnnotatorPage(page);
  await app.goto();
  await app.scriptSelect(' Hydrometrica Ltd., ');
  await page.keyboard.press('3');
  // Word snapping (on by default) trims whitespace and punctuation at the edges.
  expect(await app.listedSpans()).toEqual([['Source', 'Hydrometrica Ltd']]);

  await page.getByRole('heading', { level: 1 }).selectText();
  await page.keyboard.press('1');
  await expect(page.getByRole('status')).toContainText('outside');
  await expect(app.count('Claim')).toHaveText('0');
  expect(await app.listedSpans()).toEqual([['Source', 'Hydrometrica Ltd']]);
});

test('a clicked highlight is re-labelled by key and button, then deleted', async ({ page }) => {
  const app = new AnnotatorPage(page);
  await app.goto();
  await app.dragSelect('Mayor Ana Sofía Quiroga');
  await page.keyboard.press('1');
  await page.keyboard.press('Escape');
  await expect(page.getByText('Selected:')).toHaveCount(0);

  await app.mark('Mayor Ana Sofía Quiroga').click();
  await expect(page.getByText('Selected: Claim')).toBeVisible();
  await page.keyboard.press('3');
  await expect(app.mark('Mayor Ana Sofía Quiroga')).toHaveAttribute('data-label', 'Source');
  await app.button('Quote').click();
  await expect(app.mark('Mayor Ana Sofía Quiroga')).toHaveAttribute('data-label', 'Quote');
  expect(await app.listedSpans()).toEqual([['Quote', 'Mayor Ana Sofía Quiroga']]);
  await expect(app.count('Quote')).toHaveText('1');
  await expect(app.count('Claim')).toHaveText('0');

  await page.keyboard.press('Delete');
  await expect(app.mark('Mayor Ana Sofía Quiroga')).toHaveCount(0);
  await expect(app.count('Quote')).toHaveText('0');

  await app.dragSelect('Hydrometrica Ltd.');
  await page.keyboard.press('3');
  await app.button('Delete span').click();
  await expect(app.mark('Hydrometrica Ltd.')).toHaveCount(0);

  await app.dragSelect('Regional Audit Office');
  await page.keyboard.press('3');
  await page.keyboard.press('Backspace');
  await expect(app.count('Source')).toHaveText('0');
});

test('the side panel lists spans in document order; picking one scrolls to it and selects it', async ({ page }) => {
  const app = new AnnotatorPage(page);
  await app.goto();
  await app.scriptSelect('The Regional Audit Office said it would not comment further');
  await page.keyboard.press('1');
  await app.dragSelect('Valmera Water Authority');
  await page.keyboard.press('3');
  await app.scriptSelect('“We found leaks that had been running for twenty years under the old harbour district,”');
  await page.keyboard.press('2');
  expect((await app.listedSpans()).map(([label]) => label)).toEqual(['Source', 'Quote', 'Claim']);

  await page.evaluate(() => window.scrollTo(0, 0));
  const last = app.mark('The Regional Audit Office said it would not comment further');
  await expect(last).not.toBeInViewport();
  await app.panel.getByRole('button', { name: /would not comment further/ }).click();
  await expect(last).toBeInViewport();
  await expect(last).toHaveClass(/is-selected/);
  await expect(page.getByText('Selected: Claim')).toBeVisible();
});

test('a pasted article joins the project as a new article; the first stays as it was', async ({ page }) => {
  const app = new AnnotatorPage(page);
  await app.goto();
  await app.dragSelect('Valmera Water Authority');
  await page.keyboard.press('3');

  await app.menu('Article', 'Open article…');
  const dialog = page.getByRole('dialog', { name: 'Open article' });
  await dialog.getByLabel('Article text').fill('   \n  ');
  await dialog.getByRole('button', { name: 'Open pasted text' }).click();
  await expect(dialog.getByRole('alert')).toContainText('empty');

  await dialog.getByLabel('Article text').fill('Breaking: the bridge “reopened” on 3 May 2026 — officials 🎉\nSecond line.');
  await dialog.getByLabel('Title (optional)').fill('Bridge reopens');
  await dialog.getByRole('button', { name: 'Open pasted text' }).click();
  await expect(app.article).toContainText('the bridge “reopened”');
  await expect(app.article).not.toContainText('Valmera');
  await expect(app.count('Source')).toHaveText('0');
  await expect(page.getByRole('heading', { level: 2, name: 'Bridge reopens' })).toBeVisible();
  await expect(page.locator('.aa-doc-place')).toContainText('article 2 of 2');

  await app.dragSelect('3 May 2026');
  await page.keyboard.press('1');
  await expect(app.mark('3 May 2026')).toHaveCount(1);

  // The first article is where it was, with its span.
  await page.keyboard.press('Shift+K');
  await expect(app.article).toContainText('Valmera');
  await expect(app.count('Source')).toHaveText('1');
  await page.keyboard.press('Shift+J');
  await expect(app.mark('3 May 2026')).toHaveCount(1);
});

test('bad files are refused with a message and the current work stays', async ({ page }) => {
  const app = new AnnotatorPage(page);
  await app.goto();
  await app.dragSelect('Valmera Water Authority');
  await page.keyboard.press('3');
  const badFiles = [
    { name: 'photo.txt', mimeType: 'text/plain', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]), message: 'binary file' },
    { name: 'latin1.txt', mimeType: 'text/plain', buffer: Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x21]), message: 'not valid UTF-8' },
    { name: 'empty.md', mimeType: 'text/markdown', buffer: Buffer.from(' \n\n '), message: 'empty' },
    { name: 'scan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7'), message: 'open a .txt, .md or .html file' },
  ];
  for (const file of badFiles) {
    await app.menu('Article', 'Open article…');
    await page.getByLabel('Open a .txt, .md or .html file').setInputFiles(file);
    const alert = page.getByRole('alert');
    await expect(alert).toContainText(file.name);
    await expect(alert).toContainText(file.message);
    await expect(alert).toContainText('The current article is unchanged');
    await expect(app.count('Source')).toHaveText('1');
    await expect(app.article).toContainText('Valmera');
    await page.getByRole('button', { name: 'Dismiss message' }).click();
  }
});

test('a dropped CRLF file with combining marks, Arabic and emoji exports offsets Python slices exactly', async ({ page }, testInfo) => {
  const app = new AnnotatorPage(page);
  await app.goto();
  const dataTransfer = await page.evaluateHandle(() => {
    const transfer = new DataTransfer();
    // "Zoe\u0301" is e + a combining acute accent: two code points that look like one.
    const text = 'Dropped headline\r\n\r\nMinister Zoe\u0301 Ferna\u0301ndez said “yes” — twice. 🚀\r\nعمر الفاروق agreed 👍🏽.\r\n';
    transfer.items.add(new File([text], 'dropped-story.txt', { type: 'text/plain' }));
    return transfer;
  });
  await page.locator('.aa-app').dispatchEvent('dragover', { dataTransfer });
  await page.locator('.aa-app').dispatchEvent('drop', { dataTransfer });
  await expect(app.article).toContainText('said “yes” — twice. 🚀');
  await expect(page.getByText('dropped-story.txt')).toBeVisible();
  await app.dragSelect('said “yes” — twice.');
  await page.keyboard.press('Shift+Digit2'); // exactly as selected, final period included
  await app.scriptSelect('Minister Zoe\u0301 Ferna\u0301ndez');
  await page.keyboard.press('3');
  await app.scriptSelect('عمر الفاروق');
  await page.keyboard.press('3');
  await app.scriptSelect('agreed 👍🏽');
  await page.keyboard.press('1');
  await expect(app.mark('said “yes” — twice.')).toHaveCount(1);

  const downloadPromise = page.waitForEvent('download');
  await page.keyboard.press('e');
  const path = testInfo.outputPath('dropped.json');
  await (await downloadPromise).saveAs(path);
  const data = JSON.parse(readFileSync(path, 'utf8'));
  expect(data.document.text).toBe('Dropped headline\n\nMinister Zoe\u0301 Ferna\u0301ndez said “yes” — twice. 🚀\nعمر الفاروق agreed 👍🏽.\n');
  expect(data.document.source).toBe('dropped-story.txt');
  expect(data.spans.map((s: { text: string }) => s.text)).toEqual([
    'Minister Zoe\u0301 Ferna\u0301ndez',
    'said “yes” — twice.',
    'عمر الفاروق',
    'agreed 👍🏽',
  ]);
  const output = execFileSync('python3', ['tests/python/check_export.py', path, '4'], { cwd: repoRoot, encoding: 'utf8' });
  expect(output).toContain('ok:');
});

test('Export JSON downloads the work field by field, and Python slices every quote exactly', async ({ page }, testInfo) => {
  const app = new AnnotatorPage(page);
  await app.goto();
  await app.scriptSelect('ليلى حداد');
  await page.keyboard.press('3');
  await app.dragSelect('“34% less water wasted 💧 — promise kept,”');
  await page.keyboard.press('Shift+Digit2'); // exact: the quotation marks stay
  await app.dragSelect('Dr. Layla Haddad');
  await page.keyboard.press('3');
  await app.scriptSelect('fell from 38 percent to 24 percent');
  await app.button('Claim').click();
  await expect(app.count('Source')).toHaveText('2');

  const downloadPromise = page.waitForEvent('download');
  await app.menu('Article', 'Export JSON');
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe('valmera-says-it-cut-leaking-water-by-a-third-auditors-want.annotations.json');
  const path = testInfo.outputPath('export.json');
  await download.saveAs(path);
  const raw = readFileSync(path, 'utf8');
  const data = JSON.parse(raw);

  expect(Object.keys(data)).toEqual(['format', 'format_version', 'app_version', 'offset_unit', 'document', 'labels', 'links', 'spans', 'relations']);
  expect(data.format).toBe('article-annotator');
  expect(data.format_version).toBe(1);
  expect(data.app_version).toMatch(/^\d+\.\d+\.\d+$/);
  expect(data.offset_unit).toBe('codepoint');
  expect(raw.startsWith('{\n  "format": "article-annotator",')).toBe(true);
  const text: string = data.document.text;
  expect(Object.keys(data.document)).toEqual(['id', 'title', 'source', 'text', 'text_sha256', 'length', 'utf16_length']);
  expect(data.document.title).toBe('Valmera says it cut leaking water by a third. Auditors want to see the meters.');
  expect(data.document.text_sha256).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  expect(data.document.length).toBe(Array.from(text).length);
  expect(data.document.utf16_length).toBe(text.length);
  expect(data.labels.map((label: { name: string; hotkey: string }) => [label.name, label.hotkey])).toEqual([
    ['Claim', '1'],
    ['Quote', '2'],
    ['Source', '3'],
  ]);
  for (const label of data.labels) expect(label.color).toMatch(/^#[0-9a-f]{6}$/);
  expect(data.links).toEqual([
    { from: 'Quote', to: 'Source', kind: 'said_by' },
    { from: 'Claim', to: 'Source', kind: 'according_to' },
  ]);
  expect(data.relations).toEqual([]);
  expect(data.spans.map((s: { label: string; text: string }) => [s.label, s.text])).toEqual([
    ['Source', 'Dr. Layla Haddad'],
    ['Source', 'ليلى حداد'],
    ['Claim', 'fell from 38 percent to 24 percent'],
    ['Quote', '“34% less water wasted 💧 — promise kept,”'],
  ]);
  const codePoints = Array.from(text);
  for (const span of data.spans) {
    expect(Object.keys(span)).toEqual(['id', 'label', 'start', 'end', 'text', 'utf16_start', 'utf16_end', 'created', 'modified', 'note', 'attributes']);
    expect(span.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(codePoints.slice(span.start, span.end).join('')).toBe(span.text);
    expect(text.slice(span.utf16_start, span.utf16_end)).toBe(span.text);
    expect(Date.parse(span.created)).not.toBeNaN();
    expect(span.modified >= span.created).toBe(true);
  }
  // The emoji sits before the quote's end, so UTF-16 and code-point offsets differ there.
  const quote = data.spans[3];
  expect(quote.utf16_end - quote.end).toBe(1);

  // A Python consumer: text[start:end] == quote for every span, and the JSON Schema holds.
  const output = execFileSync('python3', ['tests/python/check_export.py', path, '4'], { cwd: repoRoot, encoding: 'utf8' });
  expect(output).toContain('ok:');

  // Copy JSON puts the same text on the clipboard.
  await page.keyboard.press('c');
  await expect(page.getByRole('status')).toContainText('Copied');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(raw);
});

test('accepted work survives a reload', async ({ page }) => {
  const app = new AnnotatorPage(page);
  await app.goto();
  await app.dragSelect('Noor al-Rashid');
  await page.keyboard.press('3');
  await app.dragSelect('Last year we had no cuts at all, not one,');
  await page.keyboard.press('2'); // snapped: the final comma is trimmed
  await expect(app.count('Quote')).toHaveText('1');
  await app.saved();
  await page.reload();
  await expect(app.mark('Noor al-Rashid')).toHaveAttribute('data-label', 'Source');
  expect(await app.listedSpans()).toEqual([
    ['Source', 'Noor al-Rashid'],
    ['Quote', 'Last year we had no cuts at all, not one'],
  ]);
});

test('tag every occurrence: T tags the selected span\'s words wherever else they stand, as one undo step', async ({ page }) => {
  const app = new AnnotatorPage(page);
  await app.goto();
  await app.scriptSelect('Regional Audit Office');
  await page.keyboard.press('3');
  await expect(app.count('Source')).toHaveText('1');
  await page.keyboard.press('t');
  await expect(app.count('Source')).toHaveText('3');
  await expect(page.locator('.aa-notice')).toContainText('Tagged 2 more occurrences of “Regional Audit Office” as Source (one undo).');
  await expect(app.mark('Regional Audit Office')).toHaveCount(3);
  await page.keyboard.press('Control+z');
  await expect(app.count('Source')).toHaveText('1');
  // The selected span's button does the same.
  await page.getByRole('button', { name: 'Tag every occurrence' }).click();
  await expect(app.count('Source')).toHaveText('3');
});
