import { expect, test } from './fixtures';
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { AnnotatorPage } from './annotator-page';

// A quotation interrupted by its attribution is one quote in pieces; a claim carries its
// verdict, review and evidence into ClaimReview.

const repoRoot = resolve(__dirname, '../..');
const FIRST = 'We found leaks that had been running for twenty years under the old harbour district,';
const SECOND = 'Every one of those meters tells us, hour by hour, where the water goes';

/** Python checks the native export: every piece's `text[start:end]` is its text, and the
 *  pieces joined by " … " are the span's text. Prints the split spans' texts. */
const CHECK_PIECES = `
import json, sys
data = json.load(open(sys.argv[1], encoding="utf-8"))
text = data["document"]["text"]
for span in data["spans"]:
    if "ranges" not in span:
        assert text[span["start"]:span["end"]] == span["text"], span
        continue
    parts = [text[p["start"]:p["end"]] for p in span["ranges"]]
    assert parts == [p["text"] for p in span["ranges"]], span
    assert " … ".join(parts) == span["text"], span
    print(span["label"], "|".join(parts))
`;

function splitSpansInPython(path: string): string {
  return execFileSync('python3', ['-c', CHECK_PIECES, path], { cwd: repoRoot, encoding: 'utf8' }).trim();
}

test('a quote interrupted by "said Dr. Layla Haddad" is one span in two pieces, made with keys, linked and undone', async ({ page }, testInfo) => {
  const app = new AnnotatorPage(page);
  await app.goto();
  await app.scriptSelect(FIRST);
  await page.keyboard.press('Shift+Digit2');
  await expect(app.count('Quote')).toHaveText('1');
  // + adds the selection to the selected span as a piece.
  await app.scriptSelect(SECOND);
  await page.keyboard.press('+');
  await expect(app.count('Quote')).toHaveText('1');
  // The list shortens it; the details show it whole.
  await expect(page.locator('.aa-details-quote')).toHaveText(`${FIRST} … ${SECOND}`);
  const pieces = page.getByRole('list', { name: 'Pieces' }).getByRole('listitem');
  await expect(pieces).toHaveCount(2);
  // Drawn as one span: every piece's highlight is marked split and selected with it.
  await expect(app.article.locator('mark.is-split.is-selected')).toHaveCount(2);

  // Linked to its speaker like any quote.
  await app.scriptSelect('Dr. Layla Haddad');
  await page.keyboard.press('3');
  await app.panel.locator('.aa-span-item').filter({ has: page.locator('.aa-tag', { hasText: 'Quote' }) }).click();
  await page.keyboard.press('l');
  await page.getByRole('searchbox', { name: 'Find a Source' }).fill('Layla');
  await page.keyboard.press('Enter');
  await expect(page.locator('.aa-notice')).toContainText('Linked');
  await app.saved();
  const exported = await app.exportAs('Native JSON', testInfo.outputPath('split.json'));
  const json = JSON.parse(exported.bytes.toString('utf8'));
  const quote = json.spans.find((span: { label: string }) => span.label === 'Quote');
  expect(quote.ranges.map((piece: { text: string }) => piece.text)).toEqual([FIRST, SECOND]);
  expect(json.relations).toHaveLength(1);
  expect(splitSpansInPython(testInfo.outputPath('split.json'))).toBe(`Quote ${FIRST}|${SECOND}`);

  // Undo takes back the link, the source, then the piece; redo brings the piece back.
  for (let step = 0; step < 3; step++) await page.keyboard.press('Control+z');
  await expect.poll(() => app.listedSpans()).toEqual([['Quote', FIRST]]);
  await page.keyboard.press('Control+Shift+z');
  await expect(pieces).toHaveCount(2);
  // - takes the last piece out again (or the one the text selection is in).
  await app.panel.locator('.aa-span-item').first().click();
  await page.keyboard.press('-');
  await expect(page.locator('.aa-details-quote')).toHaveText(FIRST);
  // Undo puts the piece back, and the split survives a reload.
  await page.keyboard.press('Control+z');
  await expect(pieces).toHaveCount(2);
  await app.saved();
  await page.reload();
  await expect(app.article).toContainText('Valmera');
  await expect(app.article.locator('mark.is-split')).toHaveCount(2);
});

test('Ctrl+drag adds a piece with the mouse, and a piece is taken out with its button', async ({ page }) => {
  const app = new AnnotatorPage(page);
  await app.goto();
  await app.dragSelect('Every one of those meters tells us');
  await app.button('Quote').click();
  await expect(app.count('Quote')).toHaveText('1');
  await app.ctrlDragSelect('We are not guessing any more.');
  // Word snapping (on) trims the selection's final full stop, as for any tag.
  await expect.poll(() => app.listedSpans())
    .toEqual([['Quote', 'Every one of those meters tells us … We are not guessing any more']]);
  await expect(app.count('Quote')).toHaveText('1');
  await page.getByRole('button', { name: /^Take out piece 1:/ }).click();
  await expect.poll(() => app.listedSpans()).toEqual([['Quote', 'We are not guessing any more']]);
});

test('a claim gets a verdict, a summary and evidence, and ClaimReview carries them, valid in Python', async ({ page }, testInfo) => {
  const app = new AnnotatorPage(page);
  await app.goto();
  await app.scriptSelect('34% less water');
  await page.keyboard.press('Shift+Digit1');
  await page.getByRole('combobox', { name: 'verdict' }).selectOption('Mostly false');
  await page.getByRole('textbox', { name: 'Summary' }).fill('Losses fell 21%, not 34%.');
  await page.getByRole('textbox', { name: 'Review URL' }).fill('https://checks.example/valmera');
  await page.getByRole('textbox', { name: 'Review URL' }).press('Enter');
  await expect(page.getByRole('textbox', { name: 'Summary' })).toHaveValue('Losses fell 21%, not 34%.');
  // B goes to the evidence form; a pasted link to a highlight brings its passage.
  await app.panel.locator('.aa-span-item').first().click();
  await page.keyboard.press('b');
  const link = page.getByRole('textbox', { name: 'Evidence link' });
  await expect(link).toBeFocused();
  await link.fill('https://audit.example/2025#:~:text=losses%20fell%2021%25');
  await expect(page.getByRole('textbox', { name: 'Quoted passage' })).toHaveValue('losses fell 21%');
  await page.getByRole('textbox', { name: 'Evidence title' }).fill('Regional Audit Office, 2025 report');
  await page.getByRole('textbox', { name: 'Evidence title' }).press('Enter');
  const evidence = page.getByRole('list', { name: 'Evidence' }).getByRole('listitem');
  await expect(evidence).toHaveCount(1);
  await expect(evidence.first()).toContainText('losses fell 21%');
  // The form is ready for the next item; the span list takes the focus back out of it.
  await expect(link).toHaveValue('');
  await app.panel.locator('.aa-span-item').first().click();
  await app.saved();
  const file = await app.exportAs('ClaimReview', testInfo.outputPath('claims.jsonld'));
  const [review] = JSON.parse(file.bytes.toString('utf8'))['@graph'];
  expect(review.url).toBe('https://checks.example/valmera');
  expect(review.reviewBody).toBe('Losses fell 21%, not 34%.');
  expect(review.citation).toEqual([{
    '@type': 'CreativeWork',
    url: 'https://audit.example/2025#:~:text=losses%20fell%2021%25',
    name: 'Regional Audit Office, 2025 report',
    text: 'losses fell 21%',
  }]);
  expect(review.reviewRating.alternateName).toBe('Mostly false');
  const checked = execFileSync('python3', ['tests/python/check_claim_review.py', testInfo.outputPath('claims.jsonld'), '1'],
    { cwd: repoRoot, encoding: 'utf8' });
  expect(checked.trim()).toBe('ok: 1 ClaimReviews');
  // The evidence is removed with its button, and undo brings it back.
  await page.getByRole('button', { name: 'Remove evidence: Regional Audit Office, 2025 report' }).click();
  await expect(evidence).toHaveCount(0);
  await page.keyboard.press('Control+z');
  await expect(evidence).toHaveCount(1);
});

test('the Attribution (PARC) preset: a split content, then its cue and source tagged into it in one step each', async ({ page }, testInfo) => {
  const app = new AnnotatorPage(page);
  await app.goto();
  await page.keyboard.press('s');
  const editor = page.getByRole('dialog', { name: 'Label schema' });
  await editor.getByRole('button', { name: 'Attribution (PARC)' }).click();
  await editor.getByRole('button', { name: 'Save schema' }).click();
  await expect(editor).toBeHidden();
  // Content (3): the interrupted quotation, in two pieces.
  await app.scriptSelect(FIRST);
  await page.keyboard.press('Shift+Digit3');
  await app.scriptSelect(SECOND);
  await page.keyboard.press('+');
  // With the Content selected, the cue (2) and the source (1) are made and linked to it.
  await app.scriptSelect('said');
  await page.keyboard.press('Shift+Digit2');
  await app.scriptSelect('Dr. Layla Haddad');
  await page.keyboard.press('1');
  await expect(page.getByRole('list', { name: 'Links' }).getByRole('listitem')).toHaveCount(2);
  await expect(page.locator('.aa-details-quote')).toHaveText(`${FIRST} … ${SECOND}`);
  // One undo takes the source and its link; the cue stays.
  await page.keyboard.press('Control+z');
  await expect(app.count('Source')).toHaveText('0');
  await expect(page.getByRole('list', { name: 'Links' }).getByRole('listitem')).toHaveCount(1);
  await page.keyboard.press('Control+Shift+z');
  await expect(app.count('Source')).toHaveText('1');
  // brat writes the attribution as one event.
  const file = await app.exportAs('brat standoff', testInfo.outputPath('parc.zip'));
  const listing = execFileSync('python3', ['-c', `
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
for name in z.namelist():
    if name.endswith(".ann"):
        print(z.read(name).decode("utf-8"))
`, testInfo.outputPath('parc.zip')], { encoding: 'utf8' });
  expect(file.name).toMatch(/\.zip$/);
  expect(listing).toMatch(/^E1\tContent:T\d+ cue:T\d+ source:T\d+$|^E1\tContent:T\d+ source:T\d+ cue:T\d+$/m);
  expect(listing).not.toMatch(/^R\d/m);
});
