import { type Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { readFileSync, writeFileSync } from 'node:fs';
import { AnnotatorPage, diskThatFills, expectSamePlaceAfterReload } from './annotator-page';

// Nothing is ever lost (IndexedDB, reloads at random moments, full storage, two tabs),
// and a dataset of many articles is imported, worked through by keys and exported.

/** A small deterministic random generator (mulberry32), so a failing round replays. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** What the user sees of the work: spans (label, quote), notes and links. */
async function snapshot(app: AnnotatorPage) {
  return {
    spans: await app.listedSpans(),
    notes: await app.panel.locator('.aa-item-note').allTextContents(),
    links: await app.panel.locator('.aa-item-link').count(),
  };
}

/** Waits until the stored work is open (after a load or a reload). */
async function opened(page: Page) {
  await expect(page.locator('.aa-doc-place')).toBeVisible();
}

test('annotate and reload at random moments: nothing shown as saved is ever lost', async ({ page }) => {
  test.setTimeout(120_000);
  const app = new AnnotatorPage(page);
  await app.goto();
  // Words that occur once in the article, so each tag is unambiguous.
  const words: string[] = await app.article.evaluate((article) => {
    const text = article.textContent!;
    const all = text.match(/\p{L}{6,}/gu)!;
    const count = new Map<string, number>();
    for (const word of all) count.set(word, (count.get(word) ?? 0) + 1);
    return all.filter((word) => count.get(word) === 1 && !text.includes(word + word));
  });
  expect(words.length).toBeGreaterThan(60);
  const next = random(20261124);
  // A link from the start, so links are checked in every round.
  await app.quoteLinkedToLayla();
  await app.saved();
  let saved = await snapshot(app);
  expect(saved.links).toBe(1);

  for (let round = 0; round < 24; round++) {
    // What the work looked like after each edit since the last state known saved.
    const shown = [saved];
    const edits = 1 + Math.floor(next() * 3);
    for (let edit = 0; edit < edits; edit++) {
      const choice = next();
      const count = shown[shown.length - 1].spans.length;
      if (choice < 0.6 || count === 0) {
        await app.scriptSelect(words.shift()!);
        await page.keyboard.press(String(1 + Math.floor(next() * 3)));
        await expect(app.spanItems).toHaveCount(count + 1);
      } else if (choice < 0.8) {
        await page.keyboard.press('Escape');
        await page.keyboard.press('j');
        await page.keyboard.press('Delete');
        await expect(app.spanItems).toHaveCount(count - 1);
      } else {
        const note = `note ${round}.${edit} ✓`;
        await page.keyboard.press('Escape');
        await page.keyboard.press('k');
        await page.keyboard.press('n');
        await page.keyboard.press('Control+a');
        await page.keyboard.type(note);
        await page.keyboard.press('Control+Enter');
        await expect(app.panel.locator('.aa-item-note').filter({ hasText: note })).toHaveCount(1);
        await page.keyboard.press('Escape');
      }
      shown.push(await snapshot(app));
    }
    // Half the rounds wait for "Saved"; the others reload at once, mid-save.
    const waited = next() < 0.5;
    if (waited) await app.saved();
    await page.reload();
    await opened(page);
    const after = await snapshot(app);
    if (waited) {
      expect(after, `round ${round}: every saved edit is back`).toEqual(shown[shown.length - 1]);
    } else {
      // At least what was shown as saved, and exactly some state the user saw: a save
      // is all or nothing.
      expect(shown, `round ${round}: a state the user saw`).toContainEqual(after);
    }
    saved = after;
  }
});

test('a JSONL dataset becomes a project worked through by keys, exported, and re-imported elsewhere the same', async ({ page, browser }, testInfo) => {
  test.setTimeout(120_000);
  const count = 400;
  const lines = Array.from({ length: count }, (_, i) => JSON.stringify({
    id: `story-${i + 1}`,
    title: `Story ${i + 1}: “Leaks” in Valmera`,
    url: `https://news.example/story-${i + 1}`,
    text: `Story ${i + 1}. Dr. Layla Haddad (ليلى حداد) said leaks fell 34% 💧 in two years.\r\nThe audit is due in 2027.`,
    topic: ['water', 'budget', 'health'][i % 3],
    gold: { checked: i % 2 === 0, score: i / 10 },
  }));
  const path = testInfo.outputPath('stories.jsonl');
  writeFileSync(path, lines.join('\n') + '\n');

  const app = new AnnotatorPage(page);
  await app.goto();
  await page.keyboard.press('p');
  const view = page.getByRole('dialog', { name: 'Project' });
  await view.getByLabel('New project from files…').setInputFiles(path);
  await expect(page.locator('.aa-notice')).toContainText(`Created project “stories” with ${count} articles`);
  await expect(page.locator('.aa-doc-place')).toContainText(`stories · article 1 of ${count} · not started`);
  await expect(app.article).toContainText('Story 1. Dr. Layla Haddad');

  // Tag, mark done, move on by keys.
  await app.scriptSelect('Dr. Layla Haddad');
  await page.keyboard.press('3');
  await page.keyboard.press('d');
  await expect(page.locator('.aa-doc-place')).toContainText('article 1 of 400 · done');
  await page.keyboard.press('Shift+J');
  await expect(app.article).toContainText('Story 2.');
  await app.scriptSelect('leaks fell 34%');
  await page.keyboard.press('1');
  await page.keyboard.press('Shift+K');
  await expect(app.article).toContainText('Story 1.');
  await expect(app.count('Source')).toHaveText('1');
  await page.keyboard.press('u');
  await expect(app.article).toContainText('Story 2.');
  await expect(page.locator('.aa-doc-place')).toContainText('in progress');
  // Counts are current in the project view, for the open article and the one just left.
  await app.scriptSelect('The audit is due in 2027.');
  await page.keyboard.press('Shift+Digit1');
  await page.keyboard.press('p');
  await expect(view).toContainText('1 in progress, 3 spans');
  await page.keyboard.press('Escape');
  await app.scriptSelect('Dr. Layla Haddad');
  await page.keyboard.press('3');
  await page.keyboard.press('Shift+K');
  await expect(app.article).toContainText('Story 1.');
  await page.keyboard.press('p');
  await expect(view).toContainText(`1 of ${count} articles done`);
  await expect(view).toContainText('1 in progress, 4 spans');
  // Each label's count sits in its own column, under its heading (Story 2: 2 claims, 1 source).
  const row = view.getByRole('row').filter({ hasText: 'Story 2:' });
  for (const [label, expected] of [['Claim', '2'], ['Quote', ''], ['Source', '1']]) {
    const column = await view.getByRole('columnheader', { name: label, exact: true }).boundingBox();
    const cells = row.getByRole('cell');
    const index = await view.getByRole('columnheader').evaluateAll(
      (headers, label) => headers.findIndex((header) => header.textContent === label), label);
    const cell = cells.nth(index);
    await expect(cell).toHaveText(expected);
    const box = await cell.boundingBox();
    expect(Math.abs(box!.x - column!.x), `${label}'s count under its heading`).toBeLessThan(2);
  }
  await page.keyboard.press('Escape');
  await page.keyboard.press('Shift+J');
  await expect(app.article).toContainText('Story 2.');
  await page.keyboard.press('p');
  // 200 articles at a time (and the header row), around the open one; the rest a page away.
  const pager = view.locator('.aa-window [role="status"]');
  await expect(view.getByRole('row')).toHaveCount(201);
  await expect(pager).toHaveText(`1–200 of ${count}`);
  await view.getByRole('button', { name: 'Later articles' }).click();
  await view.getByRole('button', { name: 'Story 400: “Leaks” in Valmera' }).click();
  await expect(app.article).toContainText('Story 400.');
  await page.keyboard.press('p');
  await expect(pager).toHaveText(`201–400 of ${count}`);
  await expect(view.locator('tr.is-current')).toContainText('Story 400');
  await page.keyboard.press('Escape');
  await app.saved();

  // The whole dataset, as JSONL: every article, its extra fields unchanged.
  const first = await exportProject(page, testInfo.outputPath('first.jsonl'));
  const exported = first.toString('utf8').trimEnd().split('\n').map((line) => JSON.parse(line));
  expect(exported).toHaveLength(count);
  expect(exported[0].document.id).toBe('story-1');
  expect(exported[0].document.source).toBe('https://news.example/story-1');
  expect(exported[0].document.extra).toEqual({ topic: 'water', gold: { checked: true, score: 0 } });
  expect(exported[1].spans.map((span: any) => [span.label, span.text])).toEqual([
    ['Source', 'Dr. Layla Haddad'], ['Claim', 'leaks fell 34%'], ['Claim', 'The audit is due in 2027.'],
  ]);
  expect(exported[0].spans[0].text).toBe('Dr. Layla Haddad');

  // A fresh browser profile imports it and exports the same bytes.
  const elsewhere = await browser.newContext();
  const other = await elsewhere.newPage();
  const otherApp = new AnnotatorPage(other);
  await otherApp.goto();
  await other.keyboard.press('p');
  await other.getByRole('dialog', { name: 'Project' }).getByLabel('New project from files…')
    .setInputFiles(testInfo.outputPath('first.jsonl'));
  await expect(other.locator('.aa-notice')).toContainText(`with ${count} articles`);
  await otherApp.saved();
  const second = await exportProject(other, testInfo.outputPath('second.jsonl'));
  expect(second.equals(first), 'the re-imported dataset exports the same bytes').toBe(true);
  await elsewhere.close();
});

async function exportProject(page: Page, path: string) {
  await page.keyboard.press('p');
  const view = page.getByRole('dialog', { name: 'Project' });
  await view.getByLabel('Export format').selectOption('Native JSONL dataset');
  const download = page.waitForEvent('download');
  await view.getByRole('button', { name: 'Export project' }).click();
  const file = await download;
  await file.saveAs(path);
  return readFileSync(path);
}

test('when storage is full the error shows, a backup downloads, and work goes on in the tab', async ({ page }, testInfo) => {
  // The full disk is simulated where the browser reports it (see `diskThatFills`).
  await diskThatFills(page);
  const app = new AnnotatorPage(page);
  await app.goto();
  await app.saved();
  await page.evaluate(() => { (window as any).diskFull = true; });
  await app.scriptSelect('Dr. Layla Haddad');
  await page.keyboard.press('3');
  const status = page.locator('.aa-save-status');
  await expect(status).toHaveAttribute('data-status', 'is-error');
  await expect(status).toHaveRole('alert');
  await expect(status).toContainText('Not saved: the browser\'s storage for this site is full');
  // The app goes on in memory.
  await app.scriptSelect('Regional Audit Office');
  await page.keyboard.press('3');
  await expect(app.count('Source')).toHaveText('2');
  const download = page.waitForEvent('download');
  await status.getByRole('button', { name: 'Download a backup' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^article-annotator-backup-\d{4}-\d\d-\d\d\.jsonl$/);
  const path = testInfo.outputPath('backup.jsonl');
  await file.saveAs(path);
  const backup = JSON.parse(readFileSync(path, 'utf8').trim());
  expect(backup.spans.map((span: any) => span.text).sort()).toEqual(['Dr. Layla Haddad', 'Regional Audit Office']);
  // Room again: the next edit is saved, with everything before it.
  await page.evaluate(() => { (window as any).diskFull = false; });
  await app.scriptSelect('Inés Carvalho');
  await page.keyboard.press('3');
  await app.saved();
  await page.reload();
  await expect.poll(() => app.spanItems.count()).toBe(3);
});

test('two tabs on one project: the other tab is told, and neither overwrites the other silently', async ({ context }) => {
  const first = await context.newPage();
  const a = new AnnotatorPage(first);
  await a.goto();
  await a.saved();
  const second = await context.newPage();
  const b = new AnnotatorPage(second);
  await b.goto();
  await expect(second.getByRole('alert')).toContainText('open in another tab');
  await expect(first.getByRole('alert')).toContainText('open in another tab');

  await a.scriptSelect('Dr. Layla Haddad');
  await first.keyboard.press('3');
  await a.saved();
  // The other tab learns at once that its copy is stale, and does not save over it.
  const status = second.locator('.aa-save-status');
  await expect(status).toContainText('another tab changed this article');
  await b.scriptSelect('Regional Audit Office');
  await second.keyboard.press('3');
  await expect(status).toHaveAttribute('data-status', 'is-error');

  await status.getByRole('button', { name: 'Reload to see it' }).click();
  await b.saved();
  expect(await b.listedSpans()).toEqual([['Source', 'Dr. Layla Haddad']]);

  // Now the first tab is behind; its user keeps their version on purpose.
  await b.scriptSelect('Regional Audit Office');
  await second.keyboard.press('3');
  await b.saved();
  await a.scriptSelect('Inés Carvalho');
  await first.keyboard.press('3');
  const firstStatus = first.locator('.aa-save-status');
  await expect(firstStatus).toContainText('another tab changed this article');
  await firstStatus.getByRole('button', { name: 'Keep mine' }).click();
  await a.saved();
  await second.reload();
  await expect.poll(() => b.listedSpans()).toEqual([
    ['Source', 'Inés Carvalho'],
    ['Source', 'Dr. Layla Haddad'],
  ]);
});

test('projects are switched, renamed and deleted (after confirmation); the scroll position comes back', async ({ page }, testInfo) => {
  const app = new AnnotatorPage(page);
  await app.goto();
  await app.scriptSelect('Dr. Layla Haddad');
  await page.keyboard.press('3');
  await app.saved();

  // A second project from two text files.
  const files = ['one.txt', 'two.md'].map((name, i) => {
    const path = testInfo.outputPath(name);
    writeFileSync(path, `# Bulletin ${i + 1}\n\nThe council met on Monday.`);
    return path;
  });
  await page.keyboard.press('p');
  const view = page.getByRole('dialog', { name: 'Project' });
  await view.getByLabel('New project from files…').setInputFiles(files);
  await expect(page.locator('.aa-doc-place')).toContainText('one · article 1 of 2');
  await expect(page.getByRole('heading', { level: 2, name: 'Bulletin 1' })).toBeVisible();

  await page.keyboard.press('p');
  await view.getByLabel('Project name').fill('Council bulletins');
  await view.getByLabel('Project name').press('Enter');
  await expect(page.locator('.aa-doc-place')).toContainText('Council bulletins · article 1 of 2');
  await view.getByLabel('Open project').selectOption({ label: 'Sample project' });
  await expect(page.locator('.aa-doc-place')).toContainText('Sample project · article 1 of 1');
  await expect(app.count('Source')).toHaveText('1');

  // Delete asks first; Cancel keeps everything.
  await page.keyboard.press('p');
  await view.getByLabel('Open project').selectOption({ label: 'Council bulletins' });
  await expect(page.locator('.aa-doc-place')).toContainText('Council bulletins');
  await page.keyboard.press('p');
  await view.getByRole('button', { name: 'Delete project…' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete project “Council bulletins”?' });
  await expect(confirm).toContainText('Its 2 articles');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(page.locator('.aa-doc-place')).toContainText('Council bulletins');
  await page.keyboard.press('p');
  await view.getByRole('button', { name: 'Delete project…' }).click();
  await confirm.getByRole('button', { name: 'Delete project' }).click();
  await expect(page.locator('.aa-notice')).toContainText('Deleted project “Council bulletins”');
  await expect(page.locator('.aa-doc-place')).toContainText('Sample project · article 1 of 1');
  await page.keyboard.press('p');
  await expect(view.getByLabel('Open project').getByRole('option')).toHaveText(['Sample project']);
  await page.keyboard.press('Escape');

  // Scrolled half-way down, the reader comes back to the same text at the top of the window.
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight / 2));
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(100);
  await expectSamePlaceAfterReload(page);
});

test('work an older version kept in local storage moves into the first project, once', async ({ page }) => {
  const example = readFileSync(`${__dirname}/../../docs/example-export.json`, 'utf8');
  await page.addInitScript((json) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('article-annotator.session.v1', json);
      sessionStorage.setItem('seeded', '1');
    }
  }, example);
  const app = new AnnotatorPage(page);
  await page.goto('/');
  const expected = JSON.parse(example);
  await expect(page.locator('.aa-doc-place')).toContainText('My articles · article 1 of 1');
  await expect(app.spanItems).toHaveCount(expected.spans.length);
  // Deleting that project does not bring the old work back.
  await page.keyboard.press('p');
  await page.getByRole('dialog', { name: 'Project' }).getByRole('button', { name: 'Delete project…' }).click();
  await page.getByRole('alertdialog').getByRole('button', { name: 'Delete project' }).click();
  await expect(page.locator('.aa-doc-place')).toContainText('Sample project · article 1 of 1');
  await expect(app.article).toContainText('Valmera');
});

test('stored work that cannot be read damages that article only: listed, downloadable, left as it is', async ({ page }) => {
  const app = new AnnotatorPage(page);
  await app.goto();
  await app.scriptSelect('Dr. Layla Haddad');
  await page.keyboard.press('3');
  await app.saved();
  // The work is stored as UTF-8 bytes; older versions kept a string, which is read too.
  // Rewritten as a string (`broken`: with a span past the end of the text), or as it is.
  const rewrite = (broken: boolean) => page.evaluate((broken) => new Promise<string>((resolve) => {
    const open = indexedDB.open('article-annotator');
    open.onsuccess = () => {
      const db = open.result;
      const store = db.transaction('work', 'readwrite').objectStore('work');
      const cursor = store.openCursor();
      cursor.onsuccess = () => {
        const stored = cursor.result!.value;
        const work = JSON.parse(typeof stored === 'string' ? stored : new TextDecoder().decode(stored));
        if (broken) work.spans[0].end = 10_000_000;
        const value = JSON.stringify(work);
        cursor.result!.update(value).onsuccess = () => resolve(value);
      };
    };
  }), broken);
  const storedWork = () => page.evaluate(() => new Promise<string>((resolve) => {
    const open = indexedDB.open('article-annotator');
    open.onsuccess = () => {
      const cursor = open.result.transaction('work').objectStore('work').openCursor();
      cursor.onsuccess = () => resolve(cursor.result!.value);
    };
  }));
  await rewrite(false);
  await page.reload();
  await expect(page.getByTestId('count-Source')).toHaveText('1');
  await expect(page.locator('.aa-notice')).toHaveCount(0);
  const broken = await rewrite(true);
  await page.reload();
  await expect(page.locator('.aa-notice')).toContainText('was not opened: its stored work could not be read');
  await expect(page.locator('.aa-notice')).toContainText('every other article opens and saves as before');
  await expect(page.getByRole('heading', { level: 2, name: 'No article is open' })).toBeVisible();

  // The project view lists it; its stored records download as they are.
  await page.keyboard.press('p');
  const view = page.getByRole('dialog', { name: 'Project' });
  await expect(view.locator('.aa-damaged')).toContainText('end 10000000 is past the text end');
  const download = page.waitForEvent('download');
  await view.getByRole('button', { name: 'Download its stored records' }).click();
  const raw = JSON.parse(readFileSync(await (await download).path(), 'utf8'));
  expect(raw.work).toBe(broken);
  await view.getByRole('button', { name: 'Close' }).click();

  // Every other article works: a new one opens, is annotated and saved.
  await page.keyboard.press('o');
  const dialog = page.getByRole('dialog', { name: 'Open article' });
  await dialog.getByLabel('Article text').fill('The council met on Monday and approved the budget.');
  await dialog.getByRole('button', { name: 'Open pasted text' }).click();
  await expect(app.article).toContainText('The council met');
  await app.scriptSelect('The council');
  await page.keyboard.press('3');
  await app.saved();
  await page.reload();
  await expect(page.getByTestId('count-Source')).toHaveText('1');
  // The damaged record is left exactly as it was.
  expect(await storedWork()).toBe(broken);
});
