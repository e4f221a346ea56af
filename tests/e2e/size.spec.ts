import { expect, test } from './fixtures';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { AnnotatorPage } from './annotator-page';

const repoRoot = resolve(__dirname, '../..');

// The start-up download: what the browser fetches (wasm, JS, CSS) before the sample article
// is interactive, gzip -9. Sizes are deterministic for a build, so the budget is asserted
// here (timings are the benchmark's, docs/benchmarks.md).
//
// The target is 250 KB. BUDGET_KB is the ceiling the build is held to today: it comes
// down, towards the target, as the app gets smaller (docs/benchmarks.md says where the
// bytes are), and goes up only for a new capability, said in its commit: 406 → 411 KB for
// issue "Every reader" (dialogs that keep Tab inside and give the focus back, 1.8 KB; the
// announcements, the label chips and their toggle, the status bar, 3 KB); 411 → 426 KB for
// the same issue's keyboard settings (every single key movable or off, WCAG 2.1.4), the
// header's menus and the span list's drawer on narrow screens (14.7 KB, of which the
// settings dialog's markup is a third; upper-casing keys was avoided, it would bring in
// Unicode's upper-case table, 7 KB more); 426 → 432 KB for issue "agreement and
// adjudication"'s Compare annotators dialog (6.7 KB: the worker measures and writes the
// report's tables as text, so the app only lays out strings; the report's own types and
// their serde code stay in the worker); 432 → 433 KB for the same issue's
// `document.annotator`, stored with each article (0.4 KB); 433 → 462 KB for the rest of
// that issue: the name asked once and its setting, and adjudication (the gold project made
// from the report, the Adjudication panel, clusters and decisions, decisions saved and
// exported with provenance, the versions' store). Cut on the way: reading the worker's
// versions with `from_str` (`from_slice` brought a second JSON parser, 11 KB), vectors
// for B-trees and no sort in the app's cluster code (4 KB), provenance not read back. Pre-
// merging and gathering run in the worker; 462 → 466 KB for issue "suggestions"' tag every
// occurrence (the command, its whole-word search and the dialog listing more than 20);
// 466 → 484 KB for the suggestions themselves (17.7 KB): asking the worker and reading its
// answer, the suggestions shown and the current one, accepting (with speaker and link) and
// rejecting as undoable edits, rejections saved and exported, six keys, the panel with its
// settings, and the painting (2.2 KB of it: only near the window, repainted on scroll,
// reusing what is still drawn, as static ranges the page need not update: an edit in a
// long article costs about what it did before). The suggesters, their word lists and the
// language guess stay in the worker; 484 → 486 KB for issue "attribution and verdicts"' first
// step: the default verdict scale, a verdict signed and dated in one undo step, the claims
// CSV in the export list, and the fact-checking organisation's field and setting (1.4 KB;
// ratings and the files are made in the worker); 486 → 503 KB for the rest of that issue
// (17 KB, 0.2 KB of it the suggestions painting's check that a reused range's text nodes
// kept their lengths): split spans in the model, its edits (add and take out a piece, boundaries and
// drags of the first and last piece, one undo each), their drawing and the pieces' list,
// two keys and Ctrl+drag; pieces and evidence stored with the work and in the undo history
// (their serde code is a quarter of it); a claim's review fields and evidence form, and a
// link to a highlight read for its passage; the Attribution (PARC) preset with its frame
// flag, checkbox and gesture (tagging into the selected frame). Cut on the way: an
// insertion sort for a span's few pieces instead of a library sort (1.2 KB). Every format's
// pieces, ClaimReview's citations and the brat events are written and read in the worker;
// 503 → 546 KB for issue "Teams on a real database"'s app side (43 KB): requests to the team
// server through `fetch` and the decoding of its answers (the account, a team project's copy,
// pulls, a stale push's copy: 12 KB), the sync itself (a mark and base per article kept in
// two IndexedDB stores and written with the article's records, pushes after each save, the
// server's copy taken in by the core's three-way merge, in storage or as one undoable edit
// of the open article: 18 KB), the Team dialog (log in, invitation link, projects, open) and
// the sync status (9 KB). Cut on the way (7 KB): a team project's copy in one request rather
// than a request per article, request bodies written without `serde_json::Value`, the
// merge's sort the unstable one already linked, and no B-tree built from an iterator (each
// brought a stable sort of its own); 546 → 557 KB for the same issue's coordinator in the
// app (11 KB): a team project made of a dataset file read in the browser, invitation links,
// assignment to the overlap, the progress tables (the dashboard's decoding: its agreement
// report is skipped, not read) and the export links; 557 → 567 KB for its curator and its
// handing out (10 KB): Adjudicate (everyone's done work read in one request and handed to
// the worker's comparison as it is, the gold copy made and synced as the gold: 4 KB), and
// Next to annotate with the articles assigned later added to the copy (an id listing, the
// copy's articles added to an existing project: 5 KB). Cut on the way: the ids known
// searched in a list rather than a set (a B-tree or a sorted list each linked a sort of
// their own, 2.5 KB); 567 → 568 KB for the app's offline copy, its registration in the app
// (0.7 KB; the service worker's own script, 1.2 KB, is fetched by the browser after start-up,
// apart from the page), and the agreement in the coordinator's progress (0.8 KB: the
// server writes its tables, the app lays them out as the comparison's); 568 → 571 KB for
// the assignment matrix the coordinator edits in the app (2.4 KB: a box per article and
// annotator, shown at once, the whole matrix sent) and an invitation link pasted into the
// open app's address (0.4 KB); 571 → 569 KB: release builds minify the style sheets
// (Trunk.toml's `minify`, 2.8 KB less; Trunk leaves wasm-bindgen's JS and snippets as they
// are), which also took in a Next's article opened when an earlier assignment
// check answers first (0.03 KB).
const TARGET_KB = 250;
const BUDGET_KB = 569;

test('the start-up download stays within its budget and leaves the worker out', async ({ page }) => {
  const fetched: string[] = [];
  page.on('request', (request) => fetched.push(new URL(request.url()).pathname));
  // Suggestions are asked of the worker once the article is open, after start-up: with the
  // suggesters off, nothing but start-up is fetched.
  await page.addInitScript(() => localStorage.setItem('article-annotator.suggesters', ''));
  const app = new AnnotatorPage(page);
  await app.goto();
  await expect(app.article).toContainText('Valmera');
  const files = fetched.filter((path) => /\.(wasm|js|css)$/.test(path));
  expect(files.filter((path) => path.endsWith('.wasm'))).toHaveLength(1);
  // The worker (formats, import review, Markdown) is fetched only when a job needs it.
  expect(files.filter((path) => path.includes('worker'))).toEqual([]);
  const bytes = files.map((path) => gzipSync(readFileSync(resolve(repoRoot, 'dist' + path)), { level: 9 }).length);
  const kb = bytes.reduce((sum, size) => sum + size, 0) / 1024;
  console.log(`start-up download: ${kb.toFixed(1)} KB gzip in ${files.length} files (target ${TARGET_KB} KB, budget ${BUDGET_KB} KB)`);
  expect(kb).toBeLessThanOrEqual(BUDGET_KB);
});
