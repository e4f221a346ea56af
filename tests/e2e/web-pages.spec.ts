import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AnnotatorPage } from './annotator-page';

const repoRoot = resolve(__dirname, '../..');

// Fact-checkers work from the web: saved pages and pasted articles become clean article
// text, and nothing that came with a page runs or loads.

const story = `<!-- saved from url=(0045)https://valmera-times.test/news/water-report -->
<!doctype html><html lang="en"><head>
<title>Water report: leaks fell by a third | The Valmera Times</title>
<meta property="og:title" content="Water report: leaks fell by a third">
<meta property="og:site_name" content="The Valmera Times">
<meta name="author" content="Layla Haddad">
<meta property="article:published_time" content="2026-03-12T08:00:00Z">
<link rel="canonical" href="https://valmera-times.test/news/water-report">
<script>window.__ran = true;</script>
<style>body { background: url(https://tracker.test/bg.png) }</style>
</head><body>
<header><nav><a href="/">Home</a> <a href="/politics">Politics</a> <a href="/sport">Sport</a> <a href="/culture">Culture</a></nav></header>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept all</button> <button>Manage</button></div>
<main><article>
<h1>Water report: leaks fell by a third</h1>
<p class="byline">By Layla Haddad</p>
<p>The Valmera Water Authority said on Tuesday that leaks in the city's network fell from 38 percent to 24 percent over two years, after pipes in the old town were replaced.</p>
<p>The figures, published in the authority's annual report, cover every district of the city, including the three that were added to the network in 2024. Officials said the work was finished ahead of schedule.</p>
<h2>What the minister said</h2>
<blockquote><p>“34% less water wasted 💧 — promise kept,” said Dr. Layla Haddad, the minister in charge.</p></blockquote>
<p>Critics said the comparison starts in a drought year, when pressure in the network was unusually low, and that independent auditors have not yet checked the numbers.</p>
<ul><li>Old town pipes: replaced in 2025.</li><li>New meters: 12,000 installed.</li></ul>
<p>Residents in the eastern districts reported fewer outages this summer, according to a survey commissioned by the city council and carried out by the university.</p>
</article></main>
<aside><h3>Most read</h3><ul><li><a href="/a">Stadium plan approved</a></li><li><a href="/b">Tram line delayed again</a></li><li><a href="/c">Festival returns to the harbour</a></li></ul></aside>
<footer>© 2026 The Valmera Times. All rights reserved. <a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer>
<img src="https://tracker.test/pixel.gif" onerror="window.__ran = true">
</body></html>`;

async function openFile(page: Page, name: string, contents: string | Buffer) {
  await page.keyboard.press('o');
  await page.getByLabel('Open a .txt, .md or .html file').setInputFiles({
    name,
    mimeType: 'text/html',
    buffer: Buffer.isBuffer(contents) ? contents : Buffer.from(contents),
  });
}

/** Fails the test on any request off the app's origin, any dialog, or any sign that a
 *  script from a page ran. */
function guard(page: Page, baseURL: string) {
  const offOrigin: string[] = [];
  const dialogs: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(baseURL)) offOrigin.push(request.url());
  });
  page.on('dialog', async (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss();
  });
  return async () => {
    expect(await page.evaluate(() => (window as { __ran?: boolean }).__ran)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(offOrigin).toEqual([]);
  };
}

// The pages here carry event-handler attributes: see `hostile-html` in fixtures.ts.
test.beforeEach(({}, testInfo) => {
  testInfo.annotations.push({ type: 'hostile-html' });
});

test('a saved page opens as its article: preview, article or whole page, metadata, layout and provenance', async ({ page, baseURL }, testInfo) => {
  const checked = guard(page, baseURL!);
  const app = new AnnotatorPage(page);
  await app.goto();
  await openFile(page, 'water-report.html', story);

  const preview = page.getByRole('dialog', { name: 'Open web page' });
  await expect(preview).toContainText('Layla Haddad');
  await expect(preview).toContainText('The Valmera Times');
  await expect(preview.getByLabel('Title')).toHaveValue('Water report: leaks fell by a third');
  await expect(preview.getByLabel('Source URL or name')).toHaveValue('https://valmera-times.test/news/water-report');
  const shown = preview.getByRole('region', { name: 'Preview of the text' });
  await expect(shown).toContainText('leaks in the city\'s network fell from 38 percent to 24 percent');
  await expect(shown).not.toContainText('cookies');
  await expect(shown).not.toContainText('Stadium plan');

  // When the finder guessed wrong, the whole page is one click (or arrow key) away.
  await preview.getByLabel(/Whole page text/).check();
  await expect(shown).toContainText('We use cookies');
  await expect(shown).toContainText('Stadium plan approved');
  await preview.getByLabel(/Article only/).check();
  await expect(shown).not.toContainText('cookies');
  await preview.getByRole('button', { name: 'Open article' }).click();

  await expect(preview).toBeHidden();
  await expect(app.article).toContainText('fell from 38 percent to 24 percent');
  await expect(app.article).not.toContainText('Accept all');
  await expect(app.article.getByRole('heading', { name: 'What the minister said' })).toBeVisible();
  await expect(app.article.locator('.aa-block.is-quote')).toContainText('promise kept');
  await expect(app.article.locator('.aa-block.is-item')).toHaveCount(2);

  // Tag on the extracted text; the export slices exactly in Python and keeps provenance.
  await app.dragSelect('Dr. Layla Haddad');
  await page.keyboard.press('3');
  await app.scriptSelect('“34% less water wasted 💧 — promise kept,”');
  await page.keyboard.press('Shift+Digit2');
  await app.scriptSelect('fell from 38 percent to 24 percent');
  await page.keyboard.press('1');
  const download = page.waitForEvent('download');
  await page.keyboard.press('e');
  const path = testInfo.outputPath('water-report.json');
  await (await download).saveAs(path);
  const data = JSON.parse(readFileSync(path, 'utf8'));
  expect(data.document.source).toBe('https://valmera-times.test/news/water-report');
  expect(data.document.text).toContain('\n\nWhat the minister said\n\n');
  expect(data.document.text).not.toContain('cookies');
  expect(data.document.extra.provenance).toMatchObject({
    url: 'https://valmera-times.test/news/water-report',
    byline: 'Layla Haddad',
    published: '2026-03-12T08:00:00Z',
    site_name: 'The Valmera Times',
    lang: 'en',
    file: 'water-report.html',
    via: 'html_file',
    extraction: 'article',
  });
  const heading = data.document.layout.find((block: { kind: string }) => block.kind === 'heading');
  expect(Array.from(data.document.text as string).slice(heading.start, heading.end).join('')).toBe('What the minister said');
  const output = execFileSync('python3', ['tests/python/check_export.py', path, '3'], { cwd: repoRoot, encoding: 'utf8' });
  expect(output).toContain('ok:');

  // The layout comes back after a reload.
  await app.saved();
  await page.reload();
  await expect(app.article.getByRole('heading', { name: 'What the minister said' })).toBeVisible();
  await checked();
});
