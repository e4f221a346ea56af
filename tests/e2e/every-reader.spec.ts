import { test, expect, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AnnotatorPage } from './annotator-page';

// Every reader, every script: right-to-left articles read right to left.

const repoRoot = resolve(__dirname, '../..');

const arabic = 'قالت الوزيرة ليلى حداد إن التسربات انخفضت بنسبة 34% في عامين.';
const mixed = 'The minister, ليلى حداد, said leaks fell 34%.';
const quoting = 'وقالت Maria Lindqvist إن الأرقام غير دقيقة.';
const title = 'وزارة المياه: التسربات انخفضت';

/** Opens pasted text under a title. */
async function open(page: Page, text: string, name: string) {
  await page.keyboard.press('o');
  const dialog = page.getByRole('dialog', { name: 'Open article' });
  await dialog.getByLabel('Article text').fill(text);
  await dialog.getByLabel('Title (optional)').fill(name);
  await dialog.getByRole('button', { name: 'Open pasted text' }).click();
  await expect(page.getByRole('article')).toContainText(text.slice(0, 12));
}

/** The computed direction of the element holding `needle`'s text. */
const directionOf = (page: Page, selector: string, needle: string) =>
  page.locator(selector).filter({ hasText: needle }).first().evaluate((element) => getComputedStyle(element).direction);

/** Drags the mouse over `needle`, right-to-left text in one text node: press on its first
 *  (rightmost) letter's right half, release on its last (leftmost) letter's left half. */
async function dragRightToLeft(page: Page, needle: string) {
  const { first, last } = await page.getByRole('article').evaluate((article, needle) => {
    const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(needle);
      if (at < 0) continue;
      const rectOf = (from: number) => {
        const range = document.createRange();
        range.setStart(node!, from);
        range.setEnd(node!, from + 1);
        const r = range.getClientRects()[0];
        return { left: r.left, right: r.right, middle: r.top + r.height / 2 };
      };
      return { first: rectOf(at), last: rectOf(at + needle.length - 1) };
    }
    throw new Error(`not in one text node: ${needle}`);
  }, needle);
  expect(first.left, 'the first letter is right of the last').toBeGreaterThan(last.left);
  await page.mouse.move(first.right - 1, first.middle);
  await page.mouse.down();
  await page.mouse.move(last.left + 1, last.middle, { steps: 8 });
  await page.mouse.up();
  await expect.poll(() => page.evaluate(() => getSelection()!.toString())).toBe(needle);
}

test('an Arabic article reads right to left, block by block: tagged by a real drag, exported exactly, under an Arabic file name', async ({ page }, testInfo) => {
  const app = new AnnotatorPage(page);
  await app.goto();
  await open(page, `${arabic}\n${mixed}\n${quoting}`, title);

  // Each paragraph takes the direction of its own first strong letter; so does the title.
  expect(await directionOf(page, '.aa-block', 'قالت الوزيرة')).toBe('rtl');
  expect(await directionOf(page, '.aa-block', 'The minister')).toBe('ltr');
  expect(await directionOf(page, '.aa-block', 'Maria Lindqvist')).toBe('rtl');
  expect(await directionOf(page, '.aa-doc-title', 'وزارة')).toBe('rtl');
  // Right to left means right-aligned: the paragraph's first letter is at its right edge.
  const aligned = await page.locator('.aa-block').first().evaluate((block) => {
    const range = document.createRange();
    range.setStart(block.firstChild!.firstChild!, 0);
    range.setEnd(block.firstChild!.firstChild!, 1);
    return block.getBoundingClientRect().right - range.getBoundingClientRect().right;
  });
  expect(aligned).toBeLessThan(2);

  await dragRightToLeft(page, 'التسربات انخفضت');
  await page.keyboard.press('1');
  await expect(app.mark('التسربات انخفضت')).toHaveCount(1);
  // The selected span's handles sit at its text's visual ends: the start on the right.
  const text = await app.mark('التسربات انخفضت').evaluate((mark) => {
    const walker = document.createTreeWalker(mark, NodeFilter.SHOW_TEXT);
    const node = walker.nextNode() as Text;
    const letter = (at: number) => {
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + 1);
      return range.getBoundingClientRect();
    };
    return { right: letter(0).right, left: letter(node.length - 1).left };
  });
  const start = (await page.locator('.aa-handle-start').boundingBox())!;
  const end = (await page.locator('.aa-handle-end').boundingBox())!;
  expect(Math.abs(start.x - text.right)).toBeLessThan(3);
  expect(Math.abs(end.x - text.left)).toBeLessThan(3);
  const grip = (edge: string) => page.locator(`.aa-handle-${edge}`)
    .evaluate((handle) => getComputedStyle(handle, '::before').right);
  expect(await grip('start'), 'the start grip reaches out to the right').toBe('-7px');
  expect(await grip('end'), 'the end grip reaches out to the left').toBe('0px');
  await app.scriptSelect('Maria Lindqvist');
  await page.keyboard.press('3');
  await expect(app.listedSpans()).resolves.toEqual([['Claim', 'التسربات انخفضت'], ['Source', 'Maria Lindqvist']]);
  // The span list shows each quote in its own direction.
  expect(await directionOf(page, '.aa-quote', 'التسربات')).toBe('rtl');
  // …and starts on its item's right, however short it is.
  const gap = await page.locator('.aa-span-item .aa-quote').filter({ hasText: 'التسربات' }).evaluate((quote) => {
    const range = document.createRange();
    range.selectNodeContents(quote);
    return quote.closest('.aa-span-item')!.getBoundingClientRect().right - range.getBoundingClientRect().right;
  });
  expect(gap, 'px from the text to the item\'s right side').toBeLessThan(16);

  const download = page.waitForEvent('download');
  await page.keyboard.press('e');
  const file = await download;
  expect(file.suggestedFilename()).toBe('وزارة-المياه-التسربات-انخفضت.annotations.json');
  const path = testInfo.outputPath('arabic.json');
  await file.saveAs(path);
  const data = JSON.parse(readFileSync(path, 'utf8'));
  expect(data.spans.map((span: { text: string }) => span.text)).toEqual(['التسربات انخفضت', 'Maria Lindqvist']);
  const output = execFileSync('python3', ['tests/python/check_export.py', path, '2'], { cwd: repoRoot, encoding: 'utf8' });
  expect(output).toContain('ok:');
});

test('keyboard only: a dialog keeps Tab inside it and gives the focus back to what opened it', async ({ page }) => {
  const app = new AnnotatorPage(page);
  await app.goto();
  const focused = () => page.evaluate(() => {
    const active = document.activeElement!;
    return { tag: active.tagName, inDialog: !!active.closest('[aria-modal="true"]') };
  });
  // [the control that opens it, the menu item (reached with the arrows), the dialog]
  for (const [button, item, dialog] of [
    ['Settings', 'Label schema…', 'Label schema'], ['Settings', 'Keyboard…', 'Keyboard'],
    ['Article', 'Open article…', 'Open article'], ['Article', 'Import annotations…', 'Import annotations'],
    ['Article', 'Export as…', 'Export as…'], ['Shortcuts', '', 'Keyboard shortcuts'],
  ]) {
    await app.button(button).focus();
    await page.keyboard.press('Enter');
    if (item) {
      // The menu opens on its first item; the arrows go round it.
      const menu = page.getByRole('menu', { name: button });
      await expect(menu.getByRole('menuitem').first()).toBeFocused();
      while (!(await menu.getByRole('menuitem', { name: item }).evaluate((it) => it === document.activeElement))) {
        await page.keyboard.press('ArrowDown');
      }
      await page.keyboard.press('Enter');
      await expect(menu).toBeHidden();
    }
    const box = page.getByRole('dialog', { name: dialog });
    await expect(box).toBeVisible();
    // Round and round: Tab and Shift+Tab never leave the dialog (never reach <body>).
    for (const key of [...Array(25).fill('Tab'), ...Array(25).fill('Shift+Tab')]) {
      await page.keyboard.press(key);
      expect((await focused()).inDialog, `${key} in “${dialog}”`).toBe(true);
    }
    await page.keyboard.press('Escape');
    await expect(box).toBeHidden();
    await expect(app.button(button), `the focus back on “${button}”`).toBeFocused();
  }
  // Opened by a key with nothing focused: the focus goes back to the article, not <body>.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeFocused();
  expect(await help.evaluate((box) => box.scrollTop), 'help opens at its top').toBe(0);
  await page.keyboard.press('Escape');
  await expect(app.article).toBeFocused();
});

test('what happens is announced, the status stays in view, and a hint goes when its state ends', async ({ page }) => {
  const app = new AnnotatorPage(page);
  await app.goto();
  const spoken = page.getByTestId('spoken');
  const notice = page.locator('.aa-notice');
  // One live region, there from the start (a region that appears already filled may not be read).
  await expect(spoken).toHaveAttribute('aria-live', 'polite');

  await page.keyboard.press('1');
  await expect(notice).toContainText('Select some words in the article first');
  await app.scriptSelect('Dr. Layla Haddad');
  await page.keyboard.press('3');
  await expect(spoken).toHaveText('Tagged Source: “Dr. Layla Haddad”');
  await expect(notice, 'the hint went once a span was tagged').toHaveCount(0);
  await app.scriptSelect('fell from 38 percent to 24 percent');
  await page.keyboard.press('1');
  await expect(spoken).toHaveText('Tagged Claim: “fell from 38 percent to 24 percent”');
  await page.keyboard.press('2');
  await expect(spoken).toHaveText('Re-labelled as Quote: “fell from 38 percent to 24 percent”');
  await page.keyboard.press('k');
  await expect(spoken).toHaveText('Source 1 of 1: “Dr. Layla Haddad”');
  await page.keyboard.press('j');
  await expect(spoken).toHaveText('Quote 1 of 1: “fell from 38 percent to 24 percent”');
  await page.keyboard.press('Delete');
  await expect(spoken).toHaveText('Deleted Quote: “fell from 38 percent to 24 percent”');
  await page.keyboard.press('Control+z');
  await expect(spoken).toHaveText('Undone: Quote: “fell from 38 percent to 24 percent” is back.');

  // Link mode's hint goes with link mode.
  await app.scriptSelect('fell from 38 percent to 24 percent');
  await page.keyboard.press('2');
  await page.keyboard.press('l');
  await expect(notice).toContainText('Linking');
  await page.keyboard.press('Escape');
  await expect(notice).toHaveCount(0);

  // Scrolled to the end of the article, the save status and a notice are still in the window.
  await page.keyboard.press('Escape');
  await page.keyboard.press('1');
  await expect(notice).toContainText('Select some words in the article first');
  await page.evaluate(() => scrollTo(0, document.documentElement.scrollHeight));
  for (const shown of [page.locator('.aa-save-status'), notice]) {
    await expect(shown).toBeInViewport({ ratio: 1 });
  }
});

test('a label shows without its colour: a chip where each span begins, an underline style per label, in forced colours too', async ({ page }) => {
  const app = new AnnotatorPage(page);
  await app.goto();
  for (const [words, key] of [['Dr. Layla Haddad', '3'], ['fell from 38 percent to 24 percent', '1'], ['“We found leaks', '2']]) {
    await app.scriptSelect(words);
    await page.keyboard.press(key);
  }
  const looks = () => app.article.locator('mark[data-starts]').evaluateAll((marks) => marks.map((mark) => ({
    chip: getComputedStyle(mark, '::before').content,
    line: getComputedStyle(mark).textDecorationStyle,
    described: mark.getAttribute('aria-description'),
  })));
  const expected = [
    { chip: '"Quote"', line: 'dashed', described: 'Quote' },
    { chip: '"Source"', line: 'dotted', described: 'Source' },
    { chip: '"Claim"', line: 'solid', described: 'Claim' },
  ];
  await expect.poll(looks).toEqual(expected);
  // The chip is not article text: the article's text is unchanged.
  expect(await app.article.evaluate((article) => article.textContent!.includes('Quote“We found'))).toBe(false);
  // Windows High Contrast: backgrounds go, the chips and underline styles stay.
  await page.emulateMedia({ forcedColors: 'active' });
  await expect.poll(looks).toEqual(expected);
  await page.emulateMedia({ forcedColors: 'none' });

  // H hides the chips (the underline styles stay), and the choice outlives a reload.
  await page.keyboard.press('Escape');
  await page.keyboard.press('h');
  await expect(page.getByRole('button', { name: 'Label chips' })).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(async () => (await looks()).map((look) => look.chip)).toEqual(['none', 'none', 'none']);
  await app.saved();
  await page.reload();
  await expect(page.getByRole('button', { name: 'Label chips' })).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(async () => (await looks()).map((look) => [look.chip, look.line]))
    .toEqual([['none', 'dashed'], ['none', 'dotted'], ['none', 'solid']]);
});

test('on a small screen the selected span\'s details are in view without scrolling past the article', async ({ browser }) => {
  for (const [width, height] of [[800, 600], [390, 844], [360, 740], [1024, 700], [1440, 900]]) {
    const size = `${width}×${height}`;
    const context = await browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    const app = new AnnotatorPage(page);
    await app.goto();
    // Nothing is wider than the window; from 1024 px up the header is one row.
    const layout = await page.evaluate(() => ({
      wide: document.documentElement.scrollWidth,
      tops: [...document.querySelectorAll('.aa-header > *, .aa-toolbar > *')]
        .map((element) => Math.round(element.getBoundingClientRect().top + element.getBoundingClientRect().height / 2)),
    }));
    expect(layout.wide, size).toBeLessThanOrEqual(width);
    if (width >= 1024) expect(new Set(layout.tops).size, `${size}: one header row`).toBe(1);
    await app.scriptSelect('Chloé Lefèvre');
    await page.keyboard.press('3');
    await expect(page.getByRole('textbox', { name: 'Note', exact: true }), size).toBeInViewport();
    await expect(page.locator('.aa-save-status'), size).toBeInViewport({ ratio: 1 });
    await page.screenshot({ path: `test-results/every-reader/selected-${width}x${height}-after.png` });
    const list = page.getByRole('button', { name: /^Spans \d+$/ });
    if (width <= 900) {
      // The span list is a drawer: one tap (or F) away, and away again when a span is picked or on Esc.
      await expect(page.locator('.aa-span-list')).toBeHidden();
      await list.click();
      await expect(list).toHaveAttribute('aria-expanded', 'true');
      await expect(page.locator('.aa-span-list')).toBeInViewport();
      await page.screenshot({ path: `test-results/every-reader/list-${width}x${height}-after.png` });
      await page.locator('.aa-span-list').getByRole('button', { name: /Chloé Lefèvre/ }).click();
      await expect(page.locator('.aa-span-list')).toBeHidden();
      await page.keyboard.press('f');
      await expect(page.getByRole('searchbox', { name: /Filter spans/ })).toBeFocused();
      await page.keyboard.press('Escape');
      await page.locator('.aa-article').focus();
      await page.keyboard.press('Escape');
      await expect(page.locator('.aa-span-list')).toBeHidden();
    } else {
      await expect(list, 'a wide screen shows the list beside the article').toBeHidden();
      await expect(page.locator('.aa-span-list')).toBeVisible();
    }
    // Esc puts the details away.
    await page.keyboard.press('Escape');
    await expect(page.getByRole('textbox', { name: 'Note', exact: true })).toHaveCount(0);
    await context.close();
  }
});

test('single-key shortcuts can be moved, refused when taken, taken away, switched off, and stay so', async ({ page }) => {
  const app = new AnnotatorPage(page);
  await app.goto();
  const said = page.getByTestId('keys-said');
  const change = (what: string) => page.getByRole('button', { name: `Change the key for: ${what}` });
  await page.keyboard.press('Control+Comma');
  const settings = page.getByRole('dialog', { name: 'Keyboard' });
  await expect(settings).toBeFocused();

  // Open an article moves from O to Z.
  await change('Open an article').click();
  await page.keyboard.press('z');
  await expect(said).toHaveText('Open an article (text, Markdown or a saved web page): now Z.');
  // A key another shortcut has is refused, and nothing changes.
  await change('Copy JSON').click();
  await page.keyboard.press('e');
  await expect(said).toHaveText('E already does “Export JSON”: switch that off or move it first.');
  await expect(said).toHaveClass(/aa-form-error/);
  await page.keyboard.press('Escape');
  await expect(settings, 'Esc while choosing keeps the key and the dialog').toBeVisible();
  // A label's key is refused too.
  await change('Copy JSON').click();
  await page.keyboard.press('2');
  await expect(said).toContainText('2 tags as Quote');
  await page.keyboard.press('Escape');
  // Select the next span loses its key.
  await page.getByRole('button', { name: 'No key for: Select the next span' }).click();
  await expect(said).toHaveText('Select the next span: no key now (its button still does it).');
  await page.keyboard.press('Escape');
  await expect(settings).toBeHidden();

  await page.keyboard.press('o');
  await expect(page.getByRole('dialog', { name: 'Open article' }), 'O no longer opens').toBeHidden();
  await page.keyboard.press('z');
  await expect(page.getByRole('dialog', { name: 'Open article' })).toBeVisible();
  await page.keyboard.press('Escape');
  await app.button('Article').click();
  await expect(page.getByRole('menuitem', { name: 'Open article…' }), 'the menu shows the new key')
    .toHaveAttribute('aria-keyshortcuts', 'z');
  await page.keyboard.press('Escape');
  await expect(app.button('Article'), 'Esc gives the focus back to the menu button').toBeFocused();
  // The help lists the keys as they are now.
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help.getByRole('row', { name: /Open an article/ })).toContainText('Z');
  await expect(help.getByRole('row', { name: 'Select the next span' })).toHaveCount(0);
  await help.getByRole('button', { name: 'Change keys…' }).click();

  // Every single key off: label keys and letters do nothing; Ctrl, Esc and Delete still work.
  await page.getByRole('checkbox', { name: 'Single-key shortcuts' }).uncheck();
  await expect(said).toContainText('Single-key shortcuts off');
  await page.keyboard.press('Escape');
  await app.scriptSelect('Dr. Layla Haddad');
  await page.keyboard.press('3');
  await expect(app.listedSpans()).resolves.toEqual([]);
  await expect(app.button('Source'), 'no key is shown or announced').not.toHaveAttribute('aria-keyshortcuts');
  await app.button('Source').click();
  await expect(app.listedSpans()).resolves.toEqual([['Source', 'Dr. Layla Haddad']]);
  await page.keyboard.press('Control+z');
  await expect(app.listedSpans()).resolves.toEqual([]);

  // Kept in the browser.
  await page.reload();
  await expect(app.article).toBeVisible();
  await page.keyboard.press('Control+Comma');
  await expect(page.getByRole('checkbox', { name: 'Single-key shortcuts' })).not.toBeChecked();
  await page.getByRole('checkbox', { name: 'Single-key shortcuts' }).check();
  await expect(settings.getByRole('row', { name: /Open an article/ })).toContainText('Z');
  await page.getByRole('button', { name: 'Restore the default keys' }).click();
  await expect(said).toHaveText('Every shortcut is on its default key again.');
  await expect(settings.getByRole('row', { name: /Open an article/ })).toContainText('O');
  await page.keyboard.press('Escape');
  await page.keyboard.press('o');
  await expect(page.getByRole('dialog', { name: 'Open article' })).toBeVisible();
});
