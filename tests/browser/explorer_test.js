#!/usr/bin/env node
// The explorer page of `athena-lineage serve` in real headless Chromium, driven with
// puppeteer-core: search, open a table, expand upstream twice, switch to columns, click an edge
// and see its query, each step asserted on the DOM; then a hostile-content database (names,
// users and SQL holding <script>, <img onerror>, quotes) proving nothing from the data runs or
// becomes an element. Screenshots go to --out (kept as test artifacts).
//
//   node explorer_test.js --binary build/athena-lineage --out build/browser-artifacts
//
// Exits 77 (ctest: skipped) with a message when Chromium or puppeteer-core is missing
// (scripts/install-deps.sh --test installs both).
'use strict';

const assert = require('node:assert/strict');
const { spawn, spawnSync, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');

const kSkip = 77;
const here = __dirname;

function args() {
  const out = { binary: '', out: path.join(os.tmpdir(), 'athena-browser') };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i += 2) out[argv[i].replace(/^--/, '')] = argv[i + 1];
  if (!out.binary) throw new Error('usage: explorer_test.js --binary PATH [--out DIR]');
  return out;
}

function skip(message) {
  console.log(`SKIPPED: ${message}`);
  process.exit(kSkip);
}

function findChromium() {
  if (process.env.CHROMIUM) return process.env.CHROMIUM;
  for (const name of ['chromium', 'chromium-browser']) {
    const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  return '';
}

function loadPuppeteer() {
  const dirs = [process.env.ATHENA_NODE_MODULES, path.join(here, 'node_modules')].filter(Boolean);
  for (const dir of dirs) {
    try {
      return require(require.resolve('puppeteer-core', { paths: [dir] }));
    } catch (_) { /* try the next place */ }
  }
  return null;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function analyze(binary, db, files) {
  execFileSync(binary, ['analyze', '--quiet', '--db', db, ...files], { stdio: 'pipe' });
}

/** Starts `serve` on a free loopback port and waits until it answers. */
async function startServer(binary, db) {
  const port = await freePort();
  const child = spawn(binary, ['serve', '--db', db, '--bind', '127.0.0.1', '--port', String(port)],
    { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i += 1) {
    if (child.exitCode !== null) throw new Error(`serve exited (${child.exitCode}): ${stderr}`);
    try {
      const r = await fetch(`${url}/`);
      if (r.ok) return { child, url };
    } catch (_) { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill('SIGTERM');
  throw new Error(`serve did not answer on ${url}: ${stderr}`);
}

function stopServer(server) {
  if (server && server.child.exitCode === null) server.child.kill('SIGTERM');
}

const texts = (page, selector) => page.$$eval(selector, (els) => els.map((e) => e.textContent));
const nodeNames = (page) => page.$$eval('#graph g.node', (els) => els.map((e) => e.dataset.name)
  .sort());

/** Waits until the graph of the current URL is drawn, with `count` nodes. */
async function waitForGraph(page, count) {
  await page.waitForFunction((n) => document.getElementById('graph').dataset.shown === location.hash
    && document.querySelectorAll('#graph g.node').length === n, { timeout: 5000 }, count);
}

/** Types `text` in the search box and waits for its results. */
async function search(page, text) {
  await page.type('#search', text);
  await page.waitForFunction((q) => document.getElementById('results').dataset.q === q
    && !document.getElementById('results').hidden, { timeout: 3000 }, text);
}

/** Waits until the table page of the current URL is complete, showing `name`. */
async function waitForTable(page, name) {
  await page.waitForFunction((n) => document.getElementById('table-page').dataset.shown
    === location.hash && document.getElementById('table-name').textContent === n,
  { timeout: 3000 }, name);
}

async function clickNode(page, name) {
  const handle = await page.evaluateHandle((n) => [...document.querySelectorAll('#graph g.node')]
    .find((g) => g.dataset.name === n), name);
  assert.ok(handle.asElement(), `no node ${name}`);
  // The node's shape, so the click lands on it and not on the label's gaps.
  const shape = await handle.asElement().$('polygon, ellipse, path');
  await shape.click();
  await page.waitForFunction((n) => document.getElementById('detail-name')
    && document.getElementById('detail-name').textContent === n, { timeout: 3000 }, name);
}

async function clickEdge(page, from, to) {
  const handle = await page.evaluateHandle((f, t) => [...document.querySelectorAll('#graph g.edge')]
    .find((g) => g.dataset.from === f && g.dataset.to === t), from, to);
  assert.ok(handle.asElement(), `no edge ${from} -> ${to}`);
  // The arrow head: a filled polygon, easier to hit than a thin path.
  const head = await handle.asElement().$('polygon');
  await head.click();
  await page.waitForSelector('#edge-queries .query', { timeout: 3000 });
}

async function explorerSteps(page, url, out) {
  const mart = 'awsdatacatalog.mart.daily_events';
  const staging = 'awsdatacatalog.staging.events_clean';
  const raw = 'awsdatacatalog.raw.events';

  // 1. Search as you type.
  await page.goto(`${url}/`, { waitUntil: 'networkidle0' });
  await search(page, 'DAILY_ev');
  const results = await page.$$eval('#results li[data-name]', (els) => els.map((e) => e.dataset.name));
  assert.equal(results[0], mart, 'the table comes first in the results');
  assert.deepEqual(await texts(page, '#results li[data-name] .name'), results);

  // 2. Open the table page.
  await page.click('#results li[data-name]');
  await waitForTable(page, mart);
  assert.deepEqual(await texts(page, '#table-upstream td.name'), [staging]);
  assert.deepEqual(await texts(page, '#table-downstream td.name'), ['s3://acme-exports/daily/']);
  assert.equal(await page.$$eval('#usage-chart rect.bar', (els) => els.length) > 0, true);
  await page.screenshot({ path: path.join(out, 'explorer-table.png'), fullPage: true });

  // 3. The lineage graph from the table, depth 0, then expand upstream twice.
  await page.click('#open-graph');
  await waitForGraph(page, 3); // depth 1 both ways: staging, mart, the export
  assert.deepEqual(await nodeNames(page), [mart, staging, 's3://acme-exports/daily/'].sort());
  await page.select('#graph-depth', '0');
  await waitForGraph(page, 1);
  await clickNode(page, mart);
  await page.click('#expand-up');
  await waitForGraph(page, 2);
  assert.deepEqual(await nodeNames(page), [mart, staging].sort());
  await clickNode(page, staging);
  await page.click('#expand-up');
  await waitForGraph(page, 3);
  assert.deepEqual(await nodeNames(page), [mart, raw, staging].sort());
  assert.deepEqual(await page.$$eval('#graph g.edge', (els) => els.map((e) =>
    `${e.dataset.from} -> ${e.dataset.to} ${e.dataset.queries}`).sort()),
  [`${raw} -> ${staging} 1`, `${staging} -> ${mart} 2`]);

  // Hovering a node shows its whole name and its query counts.
  const martShape = await (await page.evaluateHandle((n) => [...document.querySelectorAll(
    '#graph g.node')].find((g) => g.dataset.name === n), mart)).asElement().$('path, polygon');
  const box = await martShape.boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForSelector('#hover:not([hidden])', { timeout: 3000 });
  assert.deepEqual(await texts(page, '#hover div'), [mart, 'table · 2 queries in · 0 out']);

  // Collapse hides what lies beyond a node; showing it again brings it back.
  await clickNode(page, staging);
  await page.click('#collapse');
  await waitForGraph(page, 2);
  assert.deepEqual(await nodeNames(page), [mart, staging].sort());
  await clickNode(page, staging);
  await page.click('#uncollapse');
  await waitForGraph(page, 2);
  await clickNode(page, staging);
  await page.click('#expand-up');
  await waitForGraph(page, 3);

  // 4. Columns: the same expansions, column by column, grouped by table.
  await page.click('#graph-columns');
  await waitForGraph(page, 9);
  assert.deepEqual(await nodeNames(page), [
    `${mart}.day`, `${mart}.event_type`, `${mart}.users`,
    `${raw}.event_time`, `${raw}.event_type`, `${raw}.user_id`,
    `${staging}.event_time`, `${staging}.event_type`, `${staging}.user_id`]);
  assert.deepEqual(await page.$$eval('#graph g.edge', (els) => els.map((e) =>
    `${e.dataset.from} -> ${e.dataset.to} [${e.dataset.transforms}]`
    + `${e.dataset.condition === 'true' ? ' condition' : ''}`).sort()), [
    `${raw}.event_time -> ${staging}.event_time [identity]`,
    `${raw}.event_time -> ${staging}.event_type [expression] condition`,
    `${raw}.event_type -> ${staging}.event_type [expression]`,
    `${raw}.user_id -> ${staging}.user_id [identity]`,
    `${staging}.event_time -> ${mart}.day [expression]`,
    `${staging}.event_type -> ${mart}.event_type [identity]`,
    `${staging}.user_id -> ${mart}.users [aggregation]`,
  ].sort());

  // 5. Click an edge: its queries, with id, time, user, workgroup and SQL.
  await clickEdge(page, `${staging}.user_id`, `${mart}.users`);
  assert.equal(await page.$eval('#detail-name', (e) => e.textContent),
    `${staging}.user_id → ${mart}.users`);
  assert.deepEqual(await texts(page, '#edge-queries .query-id'), ['q-mart-0002', 'q-mart-0001']);
  assert.deepEqual(await texts(page, '#edge-queries .query .muted'), [
    '2026-11-03 11:00:00Z · bob · etl · insert',
    '2026-11-02 11:00:00Z · bob · etl · insert']);
  assert.equal((await texts(page, '#edge-queries .query-sql'))[1],
    'INSERT INTO mart.daily_events\nSELECT date(event_time) AS day, event_type, '
    + 'count(DISTINCT user_id) AS users\nFROM staging.events_clean\nGROUP BY 1, 2');
  await page.screenshot({ path: path.join(out, 'explorer-graph.png') });

  // 6. Impact of the raw table: every table and column downstream.
  await page.goto(`${url}/#view=impact&name=${encodeURIComponent(raw)}`, { waitUntil: 'networkidle0' });
  await page.waitForFunction(() => document.querySelectorAll('#impact-table td.name').length > 0,
    { timeout: 3000 });
  assert.deepEqual((await texts(page, '#impact-table td.name')).slice(0, 3),
    [staging, mart, 's3://acme-exports/daily/']);
}

async function hostileSteps(page, url, out) {
  const evil = 'awsdatacatalog.evil.<script>alert(1)</script>';
  const evilColumn = `${evil}.<img src=x onerror=alert(2)>`;
  const quoteColumn = `${evil}.a"b'c`;
  const source = 'awsdatacatalog.raw.x&amp;<b>y</b>';
  await page.goto(`${url}/`, { waitUntil: 'networkidle0' });
  await search(page, '<script>');
  assert.equal((await texts(page, '#results li[data-name] .name'))[0], evil);

  await page.click('#results li[data-name]');
  await waitForTable(page, evil);
  assert.deepEqual(await texts(page, '#table-upstream td.name'), [source]);

  await page.click('#open-graph');
  await waitForGraph(page, 2);
  assert.deepEqual(await nodeNames(page), [source, evil].sort());
  await page.click('#graph-columns');
  await waitForGraph(page, 3);
  assert.deepEqual(await nodeNames(page), [`${source}.user_id`, evilColumn, quoteColumn].sort());
  assert.deepEqual((await texts(page, '#graph g.node text')).sort(),
    ['<img src=x onerror=alert(2)>', 'a"b\'c', 'user_id']);
  assert.deepEqual((await texts(page, '#graph g.cluster text')).sort(), [source, evil].sort());
  await clickEdge(page, `${source}.user_id`, evilColumn);
  assert.equal(await page.$eval('#detail-name', (e) => e.textContent),
    `${source}.user_id → ${evilColumn}`);
  assert.deepEqual(await texts(page, '#edge-queries .query .muted'),
    ['2026-11-02 09:00:00Z · <b>mallory</b> · <i>wg</i> · insert']);
  assert.match((await texts(page, '#edge-queries .query-sql'))[0],
    /-- <\/pre><script>alert\(3\)<\/script><img src=x onerror=alert\(4\)>$/);
  await page.screenshot({ path: path.join(out, 'hostile-graph.png') });

  // Nothing from the data became an element: our one script, no image, no bold or italic.
  assert.equal(await page.$$eval('script', (els) => els.length), 1);
  assert.equal(await page.$$eval('img, b, i, iframe, object, embed, foreignObject',
    (els) => els.length), 0);
  assert.equal(await page.$$eval('#graph [onload], #graph [onerror], #graph [onclick]',
    (els) => els.length), 0);
  assert.equal(await page.evaluate(() => window.__pwned === undefined), true);
}

async function main() {
  const opts = args();
  const chromium = findChromium();
  if (!chromium) skip('chromium is not installed (scripts/install-deps.sh --test installs it)');
  const puppeteer = loadPuppeteer();
  if (!puppeteer) {
    skip('puppeteer-core is not installed (scripts/install-deps.sh --test runs npm ci in '
      + 'tests/browser)');
  }
  fs.mkdirSync(opts.out, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'athena-browser-'));
  const fixtures = path.join(here, 'fixtures');
  const explorerDb = path.join(tmp, 'explorer.db');
  const hostileDb = path.join(tmp, 'hostile.db');
  analyze(opts.binary, explorerDb, [path.join(fixtures, 'explorer.jsonl'),
    path.join(fixtures, 'explorer_cloudtrail.json')]);
  analyze(opts.binary, hostileDb, [path.join(fixtures, 'hostile.jsonl'),
    path.join(fixtures, 'hostile_cloudtrail.json')]);

  let browser = null;
  let server = null;
  let page = null;
  const problems = [];
  try {
    browser = await puppeteer.launch({
      executablePath: chromium,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-extensions',
        '--disable-background-networking', `--user-data-dir=${path.join(tmp, 'profile')}`],
    });
    page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 900 });
    page.on('dialog', async (d) => { problems.push(`a dialog opened: ${d.message()}`); await d.dismiss(); });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
    });
    // Any request that leaves the server (a script or image from the data) is a failure.
    page.on('request', (r) => {
      if (!r.url().startsWith('http://127.0.0.1:') && !r.url().startsWith('data:')) {
        problems.push(`request to ${r.url()}`);
      }
    });

    server = await startServer(opts.binary, explorerDb);
    await explorerSteps(page, server.url, opts.out);
    stopServer(server);

    server = await startServer(opts.binary, hostileDb);
    await hostileSteps(page, server.url, opts.out);
    assert.deepEqual(problems, []);
    console.log(`explorer browser test passed; screenshots in ${opts.out}`);
  } catch (e) {
    if (page) await page.screenshot({ path: path.join(opts.out, 'failure.png') }).catch(() => {});
    console.error(e.stack || e.message);
    if (problems.length) console.error(problems.join('\n'));
    process.exitCode = 1;
  } finally {
    stopServer(server);
    if (browser) await browser.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

main();
