// The storefront against the real system (./polyshop up): search, suggestions, and a price drop
// made in the admin form that reaches the deals ticker (push-service) and the search index
// (search-service) through product-service's change feed.
// Env: POLYSHOP_URL (default http://localhost:8080), POLYSHOP_TOKEN (./polyshop token).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { launchBrowser, openPage, artifactPath, usd } from './support.mjs';

const BASE = (process.env.POLYSHOP_URL || 'http://localhost:8080').replace(/\/$/, '');
const TOKEN = process.env.POLYSHOP_TOKEN;
const TICKER_DEADLINE_MS = 2_000;
const SEARCH_DEADLINE_MS = 10_000;
// EventSource reports "open" when the response headers arrive; allow for a first heartbeat.
const LIVE_TIMEOUT_MS = 20_000;

let browser;
let session;
const restore = []; // writes to undo, so reruns don't ratchet the demo catalog's prices down

before(async () => {
  const ping = await fetch(`${BASE}/api/ping`).catch((error) => error);
  assert.ok(ping.ok, `the system must be running at ${BASE} (./polyshop up): ${ping.status ?? ping.message}`);
  browser = await launchBrowser();
  session = await openPage(browser);
});

after(async () => {
  for (const undo of restore.reverse()) await undo().catch((error) => console.error('restore failed:', error.message));
  await session?.context.close();
  await browser?.close();
});

async function api(path, init) {
  const response = await fetch(`${BASE}${path}`, init);
  const body = await response.json();
  assert.ok(response.ok, `${init?.method ?? 'GET'} ${path}: ${response.status} ${JSON.stringify(body)}`);
  return { body, etag: response.headers.get('ETag') };
}

function patchPrice(id, etag, amountMinor) {
  return api(`/api/products/${id}`, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/merge-patch+json', 'If-Match': etag, Authorization: `Bearer ${TOKEN}` },
    body: JSON.stringify({ price: { amountMinor } }),
  });
}

/** Remembers a product's price, to be put back after the tests. */
function restoreLater(id, amountMinor) {
  restore.push(async () => patchPrice(id, (await api(`/api/products/${id}`)).etag, amountMinor));
}

/** A 20 % price drop (a deal) made directly through the API; @returns the new price. */
async function dropPrice(id) {
  const { body, etag } = await api(`/api/products/${id}`);
  restoreLater(id, body.price.amountMinor);
  const newMinor = Math.floor((body.price.amountMinor * 0.8) / 100) * 100 - 1;
  await patchPrice(id, etag, newMinor);
  return newMinor;
}

async function waitLive(page) {
  const started = Date.now();
  await page.waitForFunction(() => document.querySelector('#ticker-state').dataset.state === 'live', null, { timeout: LIVE_TIMEOUT_MS });
  return Date.now() - started;
}

/** A TCP proxy in front of the gateway whose connections can be cut, like a network blip. */
async function startBlipProxy(target) {
  const { hostname, port } = new URL(target);
  const pairs = new Set();
  let down = false;
  const server = net.createServer((client) => {
    if (down) return client.destroy();
    const upstream = net.connect(Number(port) || 80, hostname);
    const pair = [client, upstream];
    pairs.add(pair);
    const end = () => { client.destroy(); upstream.destroy(); pairs.delete(pair); };
    client.on('error', end).on('close', end);
    upstream.on('error', end).on('close', end);
    client.pipe(upstream).pipe(client);
    return undefined;
  });
  const cut = () => {
    down = true;
    for (const [client, upstream] of pairs) { client.destroy(); upstream.destroy(); }
  };
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    cut,
    heal() { down = false; },
    close: () => new Promise((resolve) => { cut(); server.close(resolve); }),
  };
}

test('search shows results, a total and facets', async () => {
  const { page } = session;
  await page.goto(`${BASE}/`);
  await page.locator('#hits li.hit').first().waitFor();
  console.log(`# ticker live ${await waitLive(page)} ms after the page loaded`);
  assert.match(await page.locator('#result-count').textContent(), /^[\d,]+ results · showing 1–12$/);
  assert.deepEqual(await page.locator('#facets legend').allTextContents(), ['Category', 'Brand', 'Price']);
  assert.ok(await page.locator('#facets input[data-facet="category"]').count() >= 2);

  await page.getByRole('combobox', { name: 'Search products' }).fill('laptop');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await page.waitForFunction(() => new URL(location.href).searchParams.get('q') === 'laptop' &&
    !document.querySelector('#results').hasAttribute('aria-busy'));
  const names = await page.locator('#hits h3').allTextContents();
  assert.ok(names.length > 0 && names.every((n) => /laptop/i.test(n)), names.join('; '));

  const category = page.locator('#facets input[data-facet="category"]').first();
  const value = await category.inputValue();
  await category.check();
  await page.waitForFunction((v) => new URL(location.href).searchParams.get('category') === v &&
    !document.querySelector('#results').hasAttribute('aria-busy'), value);
  for (const meta of await page.locator('#hits .hit-meta').allTextContents()) assert.ok(meta.endsWith(value), meta);
  await page.getByRole('button', { name: 'Clear filters' }).click();
});

test('typing shows suggestions', async () => {
  const { page } = session;
  const box = page.getByRole('combobox', { name: 'Search products' });
  await box.fill('');
  await box.pressSequentially('think', { delay: 40 });
  const options = page.getByRole('listbox', { name: 'Suggestions' }).getByRole('option');
  await options.first().waitFor();
  for (const text of await options.allTextContents()) assert.match(text, /\bthink/i);
  await page.keyboard.press('ArrowDown');
  assert.equal(await box.getAttribute('aria-activedescendant'), await options.first().getAttribute('id'));
  await page.keyboard.press('Escape');
  assert.equal(await box.getAttribute('aria-expanded'), 'false');
});

test('a price drop saved in the admin form reaches the ticker and the search index', async () => {
  assert.ok(TOKEN, 'POLYSHOP_TOKEN must hold a write token (./polyshop token)');
  const { page, problems } = session;
  await page.goto(`${BASE}/?q=laptop&sort=price_desc`);
  const hit = page.locator('#hits li.hit').first();
  await hit.waitFor();
  const id = await hit.getAttribute('data-product-id');
  const name = await hit.locator('h3').textContent();
  await hit.getByRole('link').click();
  await page.locator('#product-title').filter({ hasText: name }).waitFor();
  await waitLive(page);

  const before = (await api(`/api/products/${id}`)).body;
  const oldMinor = before.price.amountMinor;
  const newMinor = Math.floor((oldMinor * 0.8) / 100) * 100 - 1; // a 20 % drop, x.99
  restoreLater(id, oldMinor);

  await page.getByLabel('Access token').fill(TOKEN);
  await page.getByLabel(/^Price/).fill((newMinor / 100).toFixed(2));
  const saved = Date.now();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.locator('#admin-result').filter({ hasText: `Saved version ${before.version + 1}` }).waitFor();

  const deal = page.locator(`#deals li[data-product-id="${id}"]`);
  await deal.waitFor({ timeout: TICKER_DEADLINE_MS + 1_000 });
  const tickerMs = Date.now() - saved;
  console.log(`# deal in the ticker ${tickerMs} ms after Save`);
  assert.ok(tickerMs <= TICKER_DEADLINE_MS, `deal shown after ${tickerMs} ms`);
  assert.ok((await deal.textContent()).includes(`${usd(oldMinor)} now ${usd(newMinor)}`), await deal.textContent());

  // A fresh search (not the in-place update the ticker made) shows the new price once indexed.
  const box = page.getByRole('combobox', { name: 'Search products' });
  const price = page.locator(`#hits li[data-product-id="${id}"] .price`);
  let indexedMs;
  while (!indexedMs) {
    await box.fill(name);
    await box.press('Enter');
    await page.waitForFunction(() => !document.querySelector('#results').hasAttribute('aria-busy'));
    if (await price.count() && (await price.textContent()) === usd(newMinor)) indexedMs = Date.now() - saved;
    else if (Date.now() - saved > SEARCH_DEADLINE_MS) assert.fail(`search still shows ${await price.textContent().catch(() => 'nothing')}`);
    else await page.waitForTimeout(250);
  }
  console.log(`# new price in search results ${indexedMs} ms after Save`);
  const { body } = await api(`/api/search?q=${encodeURIComponent(name)}&pageSize=50`);
  assert.equal(body.hits.find((h) => h.product.id === id).product.price.amountMinor, String(newMinor));

  await page.screenshot({ path: await artifactPath('storefront.png'), fullPage: true });
  assert.deepEqual(problems, [], 'no script errors or CSP violations');
});

test('the ticker reconnects after a network blip and resumes without losing a deal', async () => {
  assert.ok(TOKEN, 'POLYSHOP_TOKEN must hold a write token (./polyshop token)');
  const proxy = await startBlipProxy(BASE);
  const { page, context, problems } = await openPage(browser);
  const connects = []; // the ticker's requests: a reconnect must name the last event seen
  page.on('request', (request) => {
    if (request.url().includes('/api/events?topics=deals')) connects.push(request);
  });
  const resumeTokens = () => Promise.all(connects.map(async (request) =>
    (await request.allHeaders())['last-event-id'] || new URL(request.url()).searchParams.get('lastEventId') || ''));
  try {
    const { body } = await api('/api/search?q=headphones&sort=price_desc&pageSize=2');
    const [first, second] = body.hits.map((hit) => hit.product.id);
    await page.goto(`${proxy.url}/`);
    await waitLive(page);

    await dropPrice(first);
    const firstDeal = page.locator(`#deals li[data-product-id="${first}"]`);
    await firstDeal.waitFor({ timeout: TICKER_DEADLINE_MS });
    const firstEventId = await firstDeal.getAttribute('data-event-id');

    proxy.cut();
    await page.waitForFunction(() => document.querySelector('#ticker-state').dataset.state === 'reconnecting');
    await dropPrice(second); // while the page is cut off
    await page.waitForTimeout(500);
    proxy.heal();

    await page.locator(`#deals li[data-product-id="${second}"]`).waitFor({ timeout: 15_000 });
    await waitLive(page);
    const tokens = await resumeTokens();
    assert.ok(tokens.includes(firstEventId), `a reconnect resumed after ${firstEventId}: ${JSON.stringify(tokens)}`);
    assert.deepEqual(problems, [], 'no script errors or CSP violations');
  } finally {
    await context.close();
    await proxy.close();
  }
});
