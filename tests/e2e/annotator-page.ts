import { expect, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';

/** The app as a user sees it: controls found by role and accessible name. */
export class AnnotatorPage {
  readonly article: Locator;
  readonly panel: Locator;
  readonly spanItems: Locator;

  constructor(readonly page: Page) {
    this.article = page.getByRole('article');
    this.panel = page.getByRole('complementary', { name: 'Spans' });
    this.spanItems = this.panel.getByRole('listitem').filter({ has: page.locator('.aa-span-item') });
  }

  async goto() {
    await this.page.goto('/');
    await expect(this.article).toContainText('Valmera');
  }

  /** Waits until the status says every edit is stored. */
  async saved() {
    await expect(this.page.locator('.aa-save-status')).toHaveAttribute('data-status', 'is-saved');
  }

  /** Tags Dr. Layla Haddad as a Source and the quote after her name exactly as a Quote,
   *  and links the quote to her (L, then the source finder). */
  async quoteLinkedToLayla() {
    await this.scriptSelect('Dr. Layla Haddad');
    await this.page.keyboard.press('3');
    await this.scriptSelect('“34% less water wasted 💧 — promise kept,”');
    await this.page.keyboard.press('Shift+Digit2');
    await this.page.keyboard.press('l');
    await this.page.getByRole('searchbox', { name: 'Find a Source' }).fill('Layla');
    await this.page.keyboard.press('Enter');
    await expect(this.page.locator('.aa-notice')).toContainText('Linked');
  }

  button(name: string) {
    return this.page.getByRole('button', { name, exact: true });
  }

  /** Runs a command of a header menu ("Article", "Settings") with the mouse. */
  async menu(menu: string, item: string) {
    await this.button(menu).click();
    await this.page.getByRole('menuitem', { name: item }).click();
  }

  count(label: string) {
    return this.page.getByTestId(`count-${label}`);
  }

  /** The highlight(s) whose text is exactly `text`. */
  mark(text: string) {
    return this.article.locator('mark').filter({ hasText: new RegExp(`^${escapeRegExp(text)}$`) });
  }

  /** Screen rectangles of the first and last character of `needle` in the article. */
  private async edges(needle: string) {
    return this.article.evaluate((article, needle) => {
      const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(needle);
        if (at < 0) continue;
        const rectOf = (from: number, to: number) => {
          const range = document.createRange();
          range.setStart(node!, from);
          range.setEnd(node!, to);
          const r = range.getClientRects()[0];
          return { left: r.left, right: r.right, middle: r.top + r.height / 2 };
        };
        (node.parentElement as HTMLElement).scrollIntoView({ block: 'center' });
        const first = String.fromCodePoint(needle.codePointAt(0)!).length;
        const lastChar = Array.from(needle).pop()!;
        const end = at + needle.length;
        return { first: rectOf(at, at + first), last: rectOf(end - lastChar.length, end) };
      }
      throw new Error(`not in one text node of the article: ${needle}`);
    }, needle);
  }

  /** Selects `needle` (left-to-right text in one text node) with a real mouse drag:
   *  press on its first character's left half, release on its last character's right half. */
  async dragSelect(needle: string) {
    const { first, last } = await this.edges(needle);
    await this.page.mouse.move(first.left + 1, first.middle);
    await this.page.mouse.down();
    await this.page.mouse.move(last.right - 1, last.middle, { steps: 8 });
    await this.page.mouse.up();
    await expect.poll(() => this.page.evaluate(() => getSelection()!.toString())).toBe(needle);
  }

  /** Holds Ctrl while dragging over `needle` (the way to add it to the selected span as
   *  a piece); the app takes the selection in at once, so it is not waited for. */
  async ctrlDragSelect(needle: string) {
    const { first, last } = await this.edges(needle);
    await this.page.keyboard.down('Control');
    await this.page.mouse.move(first.left + 1, first.middle);
    await this.page.mouse.down();
    await this.page.mouse.move(last.right - 1, last.middle, { steps: 8 });
    await this.page.mouse.up();
    await this.page.keyboard.up('Control');
  }

  /** Exports in `format` (Shift+E, then its button) to `path`: the file's name and bytes. */
  async exportAs(format: string, path: string) {
    const download = this.page.waitForEvent('download');
    await this.page.keyboard.press('Shift+E');
    const dialog = this.page.getByRole('dialog', { name: 'Export as…' });
    await dialog.getByRole('button', { name: format, exact: true }).click();
    const file = await download;
    await file.saveAs(path);
    await expect(dialog).toBeHidden();
    return { name: file.suggestedFilename(), bytes: readFileSync(path) };
  }

  /** Selects the first `needle` the way a script can: a DOM Range over it,
   *  wherever it falls (across highlights, right-to-left text). */
  async scriptSelect(needle: string) {
    await this.article.evaluate((article, needle) => {
      const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
      const nodes: Text[] = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) nodes.push(n as Text);
      const joined = nodes.map((n) => n.data).join('');
      const at = joined.indexOf(needle);
      if (at < 0) throw new Error(`not in the article: ${needle}`);
      const locate = (offset: number, preferNext: boolean): [Text, number] => {
        let seen = 0;
        for (const node of nodes) {
          const inside = preferNext ? offset < seen + node.data.length : offset <= seen + node.data.length;
          if (inside) return [node, offset - seen];
          seen += node.data.length;
        }
        const last = nodes[nodes.length - 1];
        return [last, last.data.length];
      };
      const range = document.createRange();
      range.setStart(...locate(at, true));
      range.setEnd(...locate(at + needle.length, false));
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    }, needle);
  }

  /** Reads the span list as [label, quote] pairs, in the order shown. */
  async listedSpans(): Promise<[string, string][]> {
    return this.panel.locator('.aa-span-item').evaluateAll((items) =>
      items.map((item) => [
        item.querySelector('.aa-tag')!.textContent!,
        item.querySelector('.aa-quote')!.textContent!,
      ] as [string, string]),
    );
  }
}

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The article's block at the top of the window: its first code point and where it is. */
export const topBlock = (page: Page) => page.evaluate(() => {
  const blocks = [...document.querySelectorAll('.aa-article > .aa-block')];
  const block = blocks.find((candidate) => candidate.getBoundingClientRect().bottom > 0)!;
  return { at: Number(block.getAttribute('data-s')), top: Math.round(block.getBoundingClientRect().top) };
});

/** The place stored for the next visit: the block at the top of the window (see `Place`). */
export const storedAnchor = (page: Page) => page.evaluate(() => new Promise<number | null>((resolve) => {
  const open = indexedDB.open('article-annotator');
  open.onsuccess = () => {
    const get = open.result.transaction('meta').objectStore('meta').get('place');
    get.onsuccess = () => resolve(get.result ? (JSON.parse(get.result).anchor?.[0] ?? null) : null);
  };
}));

/** Once the place is stored, a reload shows the same text at the same height in the window
 *  (to the pixel: a block's top is rounded). */
export async function expectSamePlaceAfterReload(page: Page) {
  let before = await topBlock(page);
  await expect.poll(async () => {
    before = await topBlock(page);
    return (await storedAnchor(page)) === before.at;
  }).toBe(true);
  await page.reload();
  await expect(page.locator('.aa-doc-place')).toBeVisible();
  await expect.poll(async () => {
    const after = await topBlock(page);
    return after.at === before.at && Math.abs(after.top - before.top) <= 1;
  }).toBe(true);
}

/** Simulates a full disk where the browser reports it: IndexedDB's put throws
 *  QuotaExceededError while `diskFull` is set (Chromium ignores DevTools' quota override). */
export async function diskThatFills(page: Page) {
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (...args: Parameters<typeof put>) {
      if ((window as any).diskFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return put.apply(this, args);
    };
  });
}
