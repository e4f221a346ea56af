import { expect, test } from './fixtures';
import { AnnotatorPage } from './annotator-page';
import { Cluster, freePort, TeamServer } from './team-server';
import type { Page } from '@playwright/test';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

// The team server in a real browser: it serves the app under its own security headers,
// sessions and CSRF work as a browser sends them, another origin's request from the
// session's browser is refused, and work pushed survives the server stopping and starting.
// PostgreSQL is a throwaway cluster; the server and the cluster are stopped by PID.

const PASSWORD = 'correct horse battery';
const DATASET =
  '{"id": "a1", "title": "Harbour", "text": "The mayor said the harbour will reopen in May."}\n' +
  '{"id": "a2", "title": "خبر", "text": "قال الوزير إن المشروع سينتهي العام المقبل."}\n';

test.describe.configure({ mode: 'serial' });

let cluster: Cluster;
let server: TeamServer;
let port: number;

test.beforeAll(async () => {
  cluster = await Cluster.start();
  TeamServer.createCoordinator(cluster, 'coordinator', PASSWORD);
  port = await freePort();
  server = await TeamServer.start(cluster, port);
});

test.afterAll(async () => {
  await server?.stop();
  await cluster?.stop();
});

/** A call from the page, as the app makes them: same origin, the session cookie sent by
 *  the browser, the CSRF token in a header. */
async function call(page: Page, method: string, path: string, body?: unknown, csrf?: string) {
  return page.evaluate(
    async ([method, path, body, csrf]) => {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (csrf) headers['x-csrf-token'] = csrf as string;
      try {
        const response = await fetch(path as string, {
          method: method as string,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await response.text();
        let json: any = null;
        try {
          json = JSON.parse(text);
        } catch {}
        return { status: response.status, json, text };
      } catch (error) {
        return { status: 0, json: null, text: String(error) };
      }
    },
    [method, path, body, csrf] as const,
  );
}

test('the team server serves the app under its own security headers, and the app works there', async ({ page }) => {
  const response = await page.goto(`${server.base}/`);
  const headers = response!.headers();
  expect(headers['content-security-policy']).toMatch(/^default-src 'self'; script-src 'self' 'sha256-/);
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['x-content-type-options']).toBe('nosniff');
  // The page carries the team server's mark: the app asks the API only then.
  await expect(page.locator('meta[name="annotator-team-server"]')).toHaveCount(1);
  const app = new AnnotatorPage(page);
  await expect(app.article).toContainText('Valmera');
  await app.scriptSelect('Dr. Layla Haddad');
  await page.keyboard.press('3');
  await expect(app.mark('Dr. Layla Haddad')).toHaveCount(1);
});

test('a team works through the browser: sessions, CSRF, another origin refused, and the work outlasts a server restart', async ({ browser }) => {
  const coordinatorContext = await browser.newContext();
  const annotatorContext = await browser.newContext();
  const coordinator = await coordinatorContext.newPage();
  const annotator = await annotatorContext.newPage();
  await coordinator.goto(`${server.base}/`);
  await annotator.goto(`${server.base}/`);

  const login = await call(coordinator, 'POST', '/api/login', { username: 'coordinator', password: PASSWORD });
  expect(login.status).toBe(200);
  const csrf = login.json.csrf as string;
  // The session cookie is HttpOnly: the page's scripts cannot read it.
  expect(await coordinator.evaluate(() => document.cookie)).not.toContain('annotator_session');
  // Without the CSRF token a change is refused, with it accepted.
  const newProject = { name: 'Harbour study', overlap: 1, dataset: { name: 'articles.jsonl', text: DATASET } };
  expect((await call(coordinator, 'POST', '/api/projects', newProject)).status).toBe(403);
  const created = await call(coordinator, 'POST', '/api/projects', newProject, csrf);
  expect(created.status).toBe(201);
  const project = created.json.id as number;
  const invitation = await call(coordinator, 'POST', `/api/projects/${project}/invitations`, { role: 'annotator' }, csrf);
  expect(invitation.status).toBe(201);

  const accepted = await call(annotator, 'POST', `/api/invitations/${invitation.json.token}/accept`, {
    username: 'amira',
    password: PASSWORD,
  });
  expect(accepted.status).toBe(200);
  const annotatorCsrf = accepted.json.csrf as string;
  const me = await call(annotator, 'GET', '/api/me');
  expect(me.json.projects).toEqual([{ id: project, name: 'Harbour study', roles: ['annotator'] }]);
  expect((await call(coordinator, 'PUT', `/api/projects/${project}/assignments`, { fill: true }, csrf)).status).toBe(200);

  // The annotator's work, with offsets in code points (Arabic), pushed from the page.
  const articles = await call(annotator, 'GET', `/api/projects/${project}/articles`);
  const arabic = articles.json.articles[1];
  const text = (await call(annotator, 'GET', `/api/projects/${project}/articles/${arabic.id}`)).json.text as string;
  const quote = 'المشروع';
  const start = [...text.slice(0, text.indexOf(quote))].length;
  const work = {
    spans: [{
      id: 's1', label: 'Claim', start, end: start + [...quote].length, text: quote,
      utf16_start: text.indexOf(quote), utf16_end: text.indexOf(quote) + quote.length,
      created: '2026-12-03T10:00:00Z', modified: '2026-12-03T10:00:00Z', note: '', attributes: {},
    }],
    relations: [],
  };
  const path = `/api/projects/${project}/articles/${arabic.id}/works/${accepted.json.user}`;
  const pushed = await call(annotator, 'PUT', path, { base_version: 0, work }, annotatorCsrf);
  expect(pushed.status, pushed.text).toBe(200);

  // A page of another origin (a server of this test's on another loopback port) makes a
  // simple POST to the team server, in the coordinator's browser: refused for its Origin
  // (403, where a missing session would get 401) before anything is stored.
  const invitations = () => cluster.sql('annotator', 'SELECT count(*) FROM invitations');
  const before = invitations();
  const other = await coordinatorContext.newPage();
  const elsewhere = createServer((_, response) => {
    response.setHeader('content-type', 'text/html');
    response.end('<!doctype html><title>Elsewhere</title>');
  });
  const elsewherePort = await freePort();
  await new Promise<void>((done) => elsewhere.listen(elsewherePort, '127.0.0.1', done));
  await other.goto(`http://127.0.0.1:${elsewherePort}/`);
  const target = `${server.base}/api/projects/${project}/invitations`;
  const answered = other.waitForResponse(target);
  // The page cannot read the answer (another origin, no CORS); the browser's network
  // record can.
  await other.evaluate(async (target) => {
    await fetch(target, {
      method: 'POST',
      mode: 'no-cors',
      credentials: 'include',
      headers: { 'content-type': 'text/plain' },
      body: '{"role": "coordinator"}',
    }).catch(() => undefined);
  }, target);
  const refusal = await answered;
  expect(refusal.status()).toBe(403);
  await new Promise((done) => elsewhere.close(done));
  expect(invitations()).toBe(before);

  // The server stops: the annotator's next push cannot be sent (the app keeps it in the
  // browser). The server starts again on the same database: the push goes through, and
  // what was stored before is all there.
  await server.stop();
  work.spans[0].note = 'checked against the ministry’s statement';
  const offline = await call(annotator, 'PUT', path, { base_version: 1, work }, annotatorCsrf);
  expect(offline.status).toBe(0);
  server = await TeamServer.start(cluster, port);
  const again = await call(annotator, 'PUT', path, { base_version: 1, work }, annotatorCsrf);
  expect(again.status, again.text).toBe(200);
  expect(again.json.version).toBe(2);

  // The coordinator exports everyone's work: the span slices its text in Python's terms.
  const exported = await call(coordinator, 'GET', `/api/projects/${project}/export/works`);
  const line = JSON.parse(exported.text.trim());
  expect(line.document.annotator).toBe('amira');
  expect([...line.document.text].slice(line.spans[0].start, line.spans[0].end).join('')).toBe(quote);
  expect(line.spans[0].note).toBe('checked against the ministry’s statement');
  await coordinatorContext.close();
  await annotatorContext.close();
});

/** Logs in from the app's Team dialog (Article ▸ Team…); gives the dialog. */
async function logInFromTheApp(page: Page, username: string) {
  const app = new AnnotatorPage(page);
  await expect(app.article).toBeVisible();
  await app.menu('Article', 'Team…');
  const team = page.getByRole('dialog', { name: 'Team' });
  await team.getByRole('textbox', { name: 'Username' }).fill(username);
  await team.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await team.getByRole('button', { name: 'Log in' }).click();
  await expect(team).toContainText(`Logged in as ${username}.`);
  return team;
}

/** A person in a browser context of their own, logged in (or in by invitation). */
async function person(browser: import('@playwright/test').Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.base}/`);
  return { context, page, csrf: '', id: 0 };
}

test('four people work through a dataset: overlap 2, one annotator while the server is down, agreement, the gold and the exports, nothing shown to the wrong person', async ({ browser }) => {
  // Four browsers, a server restart, and retries a few seconds apart.
  test.setTimeout(120_000);
  // The coordinator, in the app: a project of a JSONL file with overlap 2, an invitation
  // link for each of the three others (each followed in a browser of its own where the app
  // is open already: the link changes only the address's fragment), the articles assigned
  // to the overlap.
  const coordinator = await person(browser);
  const team = await logInFromTheApp(coordinator.page, 'coordinator');
  await team.getByLabel('Project name').fill('Two annotators');
  await team.getByLabel('Annotators per article').fill('2');
  await team.getByLabel('Choose the dataset file (JSONL, or any format the app imports)').setInputFiles({
    name: 'articles.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(DATASET),
  });
  await expect(team).toContainText('Dataset: articles.jsonl');
  await team.getByRole('button', { name: 'Create team project' }).click();
  await expect(team.getByRole('heading', { name: 'Managing “Two annotators”' })).toBeVisible();
  const me = await call(coordinator.page, 'GET', '/api/me');
  const project = me.json.projects.find((p: any) => p.name === 'Two annotators').id as number;
  const people: Record<string, Awaited<ReturnType<typeof person>>> = {};
  let previous = '';
  for (const [name, role, button] of [
    ['bilal', 'annotator', 'Invite an annotator'],
    ['chiara', 'annotator', 'Invite an annotator'],
    ['dana', 'curator', 'Invite a curator'],
  ]) {
    await team.getByRole('button', { name: button }).click();
    const field = team.getByLabel(`One-time link for a new ${role} (valid 7 days)`);
    await expect(field).not.toHaveValue(previous);
    await expect(field).toHaveValue(/#invite=/);
    previous = await field.inputValue();
    const someone = await person(browser);
    await someone.page.goto(previous);
    const joined = someone.page.getByRole('dialog', { name: 'Team' });
    await expect(joined).toContainText(`You are invited to “Two annotators” as ${role}.`);
    await joined.getByRole('textbox', { name: 'Username' }).fill(name);
    await joined.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await joined.getByRole('button', { name: 'Create account and join' }).click();
    await expect(joined).toContainText(`Logged in as ${name}.`);
    await joined.getByRole('button', { name: 'Close' }).click();
    const account = await call(someone.page, 'GET', '/api/me');
    someone.csrf = account.json.csrf;
    someone.id = account.json.user.id;
    people[name] = someone;
  }
  const { bilal, chiara, dana } = people;
  await team.getByRole('button', { name: 'Assign the articles' }).click();
  const annotatorRows = team.getByRole('table', { name: 'Annotators' });
  for (const name of ['bilal', 'chiara']) {
    await expect(annotatorRows.getByRole('row', { name: new RegExp(name) }).getByRole('cell').first()).toHaveText('2');
  }

  // Both annotators have both articles; each annotates the Arabic one, in the app.
  const listed = await call(bilal.page, 'GET', `/api/projects/${project}/articles`);
  expect(listed.json.articles.map((a: any) => a.title)).toEqual(['Harbour', 'خبر']);
  const arabic = listed.json.articles[1].id as number;
  const openInTheApp = async (someone: typeof bilal) => {
    // The session the invitation began is the app's once the page loads again.
    await someone.page.reload();
    const app = new AnnotatorPage(someone.page);
    await expect(app.article).toBeVisible();
    await someone.page.keyboard.press('Shift+M');
    await someone.page.getByRole('dialog', { name: 'Team' })
      .getByRole('button', { name: 'Open “Two annotators”' }).click();
    await expect(app.article).toContainText('The mayor said');
    await someone.page.keyboard.press('Shift+J');
    await expect(app.article).toContainText('قال الوزير');
    return app;
  };
  const claim = 'المشروع سينتهي العام المقبل';
  const bilalApp = await openInTheApp(bilal);
  await bilalApp.scriptSelect(claim);
  await bilal.page.keyboard.press('1');
  await bilal.page.keyboard.press('d');
  await expect(bilal.page.locator('.aa-doc-place')).toContainText('done');
  await expect(bilal.page.getByTestId('sync-status')).toHaveText('Synced');

  // Chiara works while the server is stopped: her work waits in her browser, and is sent
  // once it restarts.
  const chiaraApp = await openInTheApp(chiara);
  await server.stop();
  await chiaraApp.scriptSelect(claim);
  await chiara.page.keyboard.press('1');
  await chiaraApp.scriptSelect('الوزير');
  await chiara.page.keyboard.press('3');
  await chiara.page.keyboard.press('d');
  await expect(chiara.page.locator('.aa-doc-place')).toContainText('done');
  const chiaraStatus = chiara.page.getByTestId('sync-status');
  await expect(chiaraStatus).toHaveText('Offline — saved in this browser');
  server = await TeamServer.start(cluster, port);
  await expect(chiaraStatus).toHaveText('Synced', { timeout: 30_000 });

  // Nobody sees what is not theirs.
  expect((await call(bilal.page, 'GET', `/api/projects/${project}/articles/${arabic}/works/${chiara.id}`)).status).toBe(404);
  const pulled = await call(bilal.page, 'GET', `/api/projects/${project}/works?since=0`);
  expect(pulled.json.works.map((w: any) => w.username)).toEqual(['bilal']);
  expect((await call(chiara.page, 'GET', `/api/projects/${project}/dashboard`)).status).toBe(403);
  expect((await call(chiara.page, 'GET', `/api/projects/${project}/export/works`)).status).toBe(403);

  // The curator reads both versions and the agreement, and writes the gold.
  const everyone = await call(dana.page, 'GET', `/api/projects/${project}/works?since=0`);
  expect(everyone.json.works.map((w: any) => w.username).sort()).toEqual(['bilal', 'chiara']);
  const dashboard = await call(dana.page, 'GET', `/api/projects/${project}/dashboard`);
  expect(dashboard.json.agreement.annotators).toEqual(['bilal', 'chiara']);
  expect(dashboard.json.agreement.pairs[0].exact_f1).toBeGreaterThan(0);
  expect(dashboard.json.articles[1].status).toBe('done');
  // In the app: Adjudicate compares everyone's done work in the worker; the gold made of
  // it is a project of her browser, and each decision is sent as the gold.
  await dana.page.reload();
  const curator = new AnnotatorPage(dana.page);
  await expect(curator.article).toBeVisible();
  await dana.page.keyboard.press('Shift+M');
  const danaTeam = dana.page.getByRole('dialog', { name: 'Team' });
  await expect(danaTeam).toContainText('Logged in as dana.');
  await danaTeam.getByRole('button', { name: 'Adjudicate “Two annotators”' }).click();
  const compared = dana.page.getByRole('dialog', { name: 'Compare annotators' });
  await expect(compared.getByTestId('compare-summary')).toContainText('2 annotators');
  await compared.getByRole('button', { name: 'Make the gold project' }).click();
  await expect(dana.page.locator('.aa-doc-place')).toContainText('Gold: Two annotators');
  // The Claim both marked alike is in at once; Chiara's Source is the one disagreement.
  const panel = dana.page.getByRole('region', { name: 'Adjudication' });
  await expect(panel.getByTestId('curation-progress')).toContainText('1 of 2 clusters decided');
  const danaStatus = dana.page.getByTestId('sync-status');
  await expect(danaStatus).toHaveText('Synced');
  await dana.page.keyboard.press('x');
  await dana.page.keyboard.press('2');
  await expect(panel.getByTestId('curation-progress')).toContainText('2 of 2 clusters decided');
  await expect(curator.count('Source')).toHaveText('1');
  await curator.saved();
  await expect(danaStatus).toHaveText('Synced');
  // Reloaded, Adjudicate opens her gold copy again, as it was.
  await dana.page.reload();
  await expect(curator.article).toBeVisible();
  await dana.page.keyboard.press('Shift+M');
  await danaTeam.getByRole('button', { name: 'Adjudicate “Two annotators”' }).click();
  await expect(panel.getByTestId('curation-progress')).toContainText('2 of 2 clusters decided');
  await expect(danaStatus).toHaveText('Synced');
  // The gold changes elsewhere (a script of hers, through the API); her next edit meets it:
  // the push is stale (409), the app merges the server's gold in, and sends the merge.
  const stored = (await call(dana.page, 'GET', `/api/projects/${project}/articles/${arabic}/gold`)).json;
  const claimSpan = stored.work.spans.find((span: any) => span.label === 'Claim');
  const scripted = { ...claimSpan, id: 'script-1', label: 'Quote', provenance: undefined };
  const put = await call(dana.page, 'PUT', `/api/projects/${project}/articles/${arabic}/gold`, {
    base_version: stored.version, work: { ...stored.work, spans: [...stored.work.spans, scripted] },
  }, dana.csrf);
  expect(put.status).toBe(200);
  await curator.scriptSelect('قال');
  await dana.page.keyboard.press('2');
  await expect(curator.count('Quote')).toHaveText('2');
  await expect(danaStatus).toHaveText('Synced');

  // The coordinator exports the gold, everyone's work and the agreement report.
  const lines = async (what: string) =>
    (await call(coordinator.page, 'GET', `/api/projects/${project}/export/${what}`)).text
      .trim().split('\n').map((line) => JSON.parse(line));
  const [goldLine] = await lines('gold');
  expect(goldLine.document.annotator).toBe('gold');
  expect(goldLine.document.id).toBe('a2');
  expect(goldLine.spans.map((span: any) => span.label).sort()).toEqual(['Claim', 'Quote', 'Quote', 'Source']);
  const source = goldLine.spans.find((span: any) => span.label === 'Source');
  expect(source.provenance).toMatchObject({ annotators: ['chiara'], outcome: { took: 'chiara' } });
  for (const span of goldLine.spans) {
    expect([...goldLine.document.text].slice(span.start, span.end).join('')).toBe(span.text);
  }
  const works = await lines('works');
  expect(works.map((line) => [line.document.annotator, line.spans.length])).toEqual([['bilal', 1], ['chiara', 2]]);
  const report = await call(coordinator.page, 'GET', `/api/projects/${project}/export/agreement`);
  const arabicFigures = report.json.per_article.find((article: any) => article.id === 'a2');
  expect(arabicFigures.annotators).toBe(2);
  expect(arabicFigures.figures.unitizing_alpha).toBeGreaterThan(0);
  // The coordinator follows the agreement in the app too, as the annotators finish.
  await coordinator.page.reload();
  await expect(new AnnotatorPage(coordinator.page).article).toBeVisible();
  await coordinator.page.keyboard.press('Shift+M');
  const manage = coordinator.page.getByRole('dialog', { name: 'Team' });
  await manage.getByRole('button', { name: 'Manage “Two annotators”' }).click();
  await expect(manage.getByTestId('team-agreement-summary')).toContainText('2 annotators (bilal, chiara)');
  await expect(manage.getByRole('table', { name: 'Each pair of annotators' })
    .getByRole('row', { name: /bilal · chiara/ })).toBeVisible();
  for (const someone of [coordinator, bilal, chiara, dana]) await someone.context.close();
});

test('an annotator works in the app: an invitation link, the project opened, offline edits in two browsers, nothing lost after reconnecting', async ({ browser }) => {
  // Two browsers, a server restart, and retries a few seconds apart.
  test.setTimeout(120_000);
  const coordinator = await person(browser);
  coordinator.csrf = (await call(coordinator.page, 'POST', '/api/login', { username: 'coordinator', password: PASSWORD })).json.csrf;
  const created = await call(coordinator.page, 'POST', '/api/projects', {
    name: 'Harbour sync', overlap: 1, dataset: { name: 'articles.jsonl', text: DATASET },
  }, coordinator.csrf);
  expect(created.status).toBe(201);
  const project = created.json.id as number;
  const invitation = await call(coordinator.page, 'POST', `/api/projects/${project}/invitations`, { role: 'annotator' }, coordinator.csrf);

  // The invitation link opens the Team dialog on it: an account is made and joins.
  const first = await browser.newContext();
  const a = await first.newPage();
  await a.goto(`${server.base}/#invite=${invitation.json.token}`);
  const appA = new AnnotatorPage(a);
  const team = a.getByRole('dialog', { name: 'Team' });
  await expect(team).toContainText('You are invited to “Harbour sync” as annotator.');
  await team.getByRole('textbox', { name: 'Username' }).fill('erin');
  await team.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await team.getByRole('button', { name: 'Create account and join' }).click();
  await expect(team).toContainText('Logged in as erin.');
  expect(new URL(a.url()).hash, 'the used invitation leaves the address').toBe('');
  expect((await call(coordinator.page, 'PUT', `/api/projects/${project}/assignments`, { fill: true }, coordinator.csrf)).status).toBe(200);

  // Open: the assigned articles come down into a project of this browser.
  await team.getByRole('button', { name: 'Open “Harbour sync”' }).click();
  await expect(appA.article).toContainText('The mayor said the harbour will reopen in May.');
  const statusA = a.getByTestId('sync-status');
  await expect(statusA).toHaveText('Synced');
  await appA.scriptSelect('The mayor said');
  await a.keyboard.press('1');
  await expect(appA.mark('The mayor said')).toHaveCount(1);
  await expect(statusA).toHaveText('Synced');
  const works = async () => {
    const exported = await call(coordinator.page, 'GET', `/api/projects/${project}/export/works`);
    return exported.text.trim().split('\n').filter(Boolean).map((line) => JSON.parse(line));
  };
  const texts = (line: any) => line.spans.map((span: any) => [...line.document.text].slice(span.start, span.end).join('')).sort();
  expect(texts((await works())[0])).toEqual(['The mayor said']);

  // A second browser: logging in brings the work down.
  const second = await browser.newContext();
  const b = await second.newPage();
  await b.goto(`${server.base}/`);
  const appB = new AnnotatorPage(b);
  const teamB = await logInFromTheApp(b, 'erin');
  await teamB.getByRole('button', { name: 'Open “Harbour sync”' }).click();
  await expect(appB.mark('The mayor said')).toHaveCount(1);
  const statusB = b.getByTestId('sync-status');
  await expect(statusB).toHaveText('Synced');

  // The server stops. Both browsers go on; each edit is saved in its browser.
  await server.stop();
  await appA.scriptSelect('harbour');
  await a.keyboard.press('3');
  await expect(statusA).toHaveText('Offline — saved in this browser');
  await appB.scriptSelect('in May');
  await b.keyboard.press('1');
  await expect(statusB).toHaveText('Offline — saved in this browser');

  // The server comes back: both browsers send their work; the later one is merged.
  server = await TeamServer.start(cluster, port);
  await expect(statusA).toHaveText('Synced', { timeout: 30_000 });
  await expect(b.getByTestId('sync-status')).toHaveText('Synced', { timeout: 30_000 });
  await expect.poll(async () => texts((await works())[0]), { timeout: 30_000 })
    .toEqual(['The mayor said', 'harbour', 'in May']);

  // Each browser, reloaded, shows everything: nothing either made offline is lost.
  for (const page of [a, b]) {
    await page.reload();
    const app = new AnnotatorPage(page);
    for (const text of ['The mayor said', 'harbour', 'in May']) {
      await expect(app.mark(text)).toHaveCount(1);
    }
    await expect(page.getByTestId('sync-status')).toHaveText('Synced');
  }

  // The server stops again and a browser reloads: the app opens from its offline copy (a
  // service worker keeps its files), with all the work, and goes on offline.
  expect(await a.evaluate(() => navigator.serviceWorker.ready.then(() => true))).toBe(true);
  await server.stop();
  await a.reload();
  for (const text of ['The mayor said', 'harbour', 'in May']) {
    await expect(appA.mark(text)).toHaveCount(1);
  }
  await expect(statusA).toHaveText('Offline — saved in this browser');
  await appA.scriptSelect('reopen');
  await a.keyboard.press('1');
  await expect(appA.mark('reopen')).toHaveCount(1);
  server = await TeamServer.start(cluster, port);
  await expect(statusA).toHaveText('Synced', { timeout: 30_000 });
  await expect.poll(async () => texts((await works())[0]), { timeout: 30_000 })
    .toEqual(['The mayor said', 'harbour', 'in May', 'reopen']);

  // The Team dialog has a key (M). Another account logged in on this browser does not send
  // erin's copy as its own.
  await a.keyboard.press('Shift+M');
  const again = a.getByRole('dialog', { name: 'Team' });
  await again.getByRole('button', { name: 'Log out' }).click();
  await again.getByRole('textbox', { name: 'Username' }).fill('coordinator');
  await again.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await again.getByRole('button', { name: 'Log in' }).click();
  await expect(again).toContainText('Logged in as coordinator.');
  await again.getByRole('button', { name: 'Close' }).click();
  await expect(statusA).toHaveText("Not sent: this copy is erin's — saved in this browser");
  await first.close();
  await second.close();
  await coordinator.context.close();
});

test('a coordinator works in the app: a project from a dataset file, an invitation link, the assignment, progress and the exports', async ({ browser }) => {
  test.setTimeout(120_000);
  const coordinatorContext = await browser.newContext();
  const c = await coordinatorContext.newPage();
  await c.goto(`${server.base}/`);
  const team = await logInFromTheApp(c, 'coordinator');

  // A new team project from a JSONL file.
  await team.getByLabel('Project name').fill('Ports review');
  await team.getByLabel('Annotators per article').fill('1');
  await team.getByLabel('Choose the dataset file (JSONL, or any format the app imports)').setInputFiles({
    name: 'ports.jsonl', mimeType: 'application/jsonl', buffer: Buffer.from(DATASET),
  });
  await expect(team).toContainText('Dataset: ports.jsonl');
  await team.getByRole('button', { name: 'Create team project' }).click();
  await expect(team.getByRole('heading', { name: 'Managing “Ports review”' })).toBeVisible();
  const matrix = team.getByRole('table', { name: 'Articles and who each is assigned to' });
  await expect(matrix).toContainText('Harbour');
  await expect(matrix).toContainText('خبر');

  // An invitation link, followed in another browser.
  await team.getByRole('button', { name: 'Invite an annotator' }).click();
  const link = await team.getByLabel('One-time link for a new annotator (valid 7 days)').inputValue();
  expect(link).toMatch(new RegExp(`^${server.base}/#invite=`));
  const annotatorContext = await browser.newContext();
  const a = await annotatorContext.newPage();
  await a.goto(link);
  const joined = a.getByRole('dialog', { name: 'Team' });
  await expect(joined).toContainText('You are invited to “Ports review” as annotator.');
  await joined.getByRole('textbox', { name: 'Username' }).fill('farah');
  await joined.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await joined.getByRole('button', { name: 'Create account and join' }).click();
  await expect(joined).toContainText('Logged in as farah.');

  // Assigned to the overlap: the progress shows it.
  await team.getByRole('button', { name: 'Assign the articles' }).click();
  const annotators = team.getByRole('table', { name: 'Annotators' });
  await expect(annotators.getByRole('row', { name: /farah/ })).toContainText('2');
  // The matrix: a box per article and annotator; unticking one takes the article back.
  const assignedToFarah = annotators.getByRole('row', { name: /farah/ }).getByRole('cell').first();
  const arabicBox = matrix.getByRole('checkbox', { name: 'Assign “خبر” to farah' });
  await expect(arabicBox).toBeChecked();
  await arabicBox.uncheck();
  await expect(assignedToFarah).toHaveText('1');
  await expect(arabicBox).not.toBeChecked();
  await arabicBox.check();
  await expect(assignedToFarah).toHaveText('2');

  // The annotator opens the project and tags a span; the coordinator's progress shows it.
  await joined.getByRole('button', { name: 'Open “Ports review”' }).click();
  const appA = new AnnotatorPage(a);
  await expect(appA.article).toContainText('The mayor said');
  await appA.scriptSelect('The mayor said');
  await a.keyboard.press('1');
  await expect(appA.mark('The mayor said')).toHaveCount(1);
  await expect(a.getByTestId('sync-status')).toHaveText('Synced');
  await team.getByRole('button', { name: 'Back to your projects' }).click();
  await team.getByRole('button', { name: 'Manage “Ports review”' }).click();
  await expect(annotators.getByRole('row', { name: /farah/ }).getByRole('cell').last()).toHaveText('1');

  // The exports are links the browser downloads.
  const download = c.waitForEvent('download');
  await team.getByRole('link', { name: "Everyone's work (native JSONL)" }).click();
  const file = await download;
  const lines = readFileSync(await file.path(), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
  expect(lines.map((line) => line.document.annotator)).toContain('farah');
  await coordinatorContext.close();
  await annotatorContext.close();
});

test('an annotator is handed articles: Next to annotate asks the server for one, and an assignment made later reaches the copy', async ({ browser }) => {
  test.setTimeout(120_000);
  const coordinator = await person(browser);
  coordinator.csrf = (await call(coordinator.page, 'POST', '/api/login', { username: 'coordinator', password: PASSWORD })).json.csrf;
  const third = '{"id": "a3", "title": "Budget", "text": "The budget grew by 4% this year."}\n';
  const created = await call(coordinator.page, 'POST', '/api/projects', {
    name: 'Handed out', overlap: 1, dataset: { name: 'articles.jsonl', text: DATASET + third },
  }, coordinator.csrf);
  const project = created.json.id as number;
  const invitation = await call(coordinator.page, 'POST', `/api/projects/${project}/invitations`, { role: 'annotator' }, coordinator.csrf);
  const fatima = await person(browser);
  const accepted = await call(fatima.page, 'POST', `/api/invitations/${invitation.json.token}/accept`, { username: 'fatima', password: PASSWORD });
  expect(accepted.status).toBe(200);
  await fatima.page.reload();
  const app = new AnnotatorPage(fatima.page);
  await expect(app.article).toBeVisible();
  const place = fatima.page.locator('.aa-doc-place');
  const notice = fatima.page.locator('.aa-notice');
  const team = fatima.page.getByRole('dialog', { name: 'Team' });
  const next = async () => {
    await fatima.page.keyboard.press('Shift+M');
    await team.getByRole('button', { name: 'Next to annotate in “Handed out”' }).click();
  };

  // Nothing assigned yet: Open says so; Next to annotate has the server assign one.
  await fatima.page.keyboard.press('Shift+M');
  await team.getByRole('button', { name: 'Open “Handed out”' }).click();
  await expect(notice).toContainText('nothing of “Handed out” is assigned to you yet');
  await next();
  await expect(app.article).toContainText('The mayor said the harbour will reopen in May.');
  await expect(place).toContainText('article 1 of 1');
  await app.scriptSelect('The mayor');
  await fatima.page.keyboard.press('3');
  await fatima.page.keyboard.press('d');
  await expect(fatima.page.getByTestId('sync-status')).toHaveText('Synced');

  // Done with it: the next is a new one, added to her copy and opened.
  await next();
  await expect(app.article).toContainText('قال الوزير');
  await expect(place).toContainText('article 2 of 2');
  await expect(notice).toContainText('A new article assigned to you was added to “Handed out”.');
  await fatima.page.keyboard.press('d');
  await expect(place).toContainText('done');
  await expect(fatima.page.getByTestId('sync-status')).toHaveText('Synced');

  // The coordinator assigns her the third in the matrix: it reaches the copy when the
  // project is next opened (and with the pulls, while it is open).
  const matrix = (await call(coordinator.page, 'GET', `/api/projects/${project}/assignments`)).json.assignments;
  const ids = (await call(coordinator.page, 'GET', `/api/projects/${project}/articles`)).json.articles.map((a: any) => a.id);
  expect(matrix).toHaveLength(2);
  const put = await call(coordinator.page, 'PUT', `/api/projects/${project}/assignments`, {
    assignments: [...matrix, { article: ids[2], annotator: accepted.json.user }],
  }, coordinator.csrf);
  expect(put.status).toBe(200);
  await fatima.page.reload();
  await expect(notice).toContainText('A new article assigned to you was added to “Handed out”.');
  await fatima.page.keyboard.press('Shift+J');
  await expect(app.article).toContainText('The budget grew by 4% this year.');
  await expect(place).toContainText('article 3 of 3');
  await fatima.page.keyboard.press('d');
  await expect(fatima.page.getByTestId('sync-status')).toHaveText('Synced');
  await next();
  await expect(notice).toContainText('Nothing is left to annotate: every article has its annotators.');
  await fatima.context.close();
  await coordinator.context.close();
});
