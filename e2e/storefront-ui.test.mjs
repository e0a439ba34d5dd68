// The storefront's behaviour in a real browser against fake-gateway.mjs: keyboard suggestions,
// facets, paging, the admin form's If-Match and problem display, and the ticker's resume after a
// dropped stream. Needs no running system (see storefront.test.mjs for that).
import { test, before, after, beforeEach, afterEach } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeGateway, TOKEN } from './fake-gateway.mjs';
import { launchBrowser, openPage, usd } from './support.mjs';

let browser;
let fake;
let page;
let problems;
let context;

before(async () => {
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
});
beforeEach(async () => {
  fake = await startFakeGateway();
  ({ page, problems, context } = await openPage(browser));
});
afterEach(async () => {
  await context.close();
  await fake.close();
  assert.deepEqual(problems, [], 'no script errors or CSP violations');
});

const apiCalls = (prefix) => fake.requests.filter((r) => r.path.startsWith(prefix));

test('facets filter the results and the filter is kept in the URL', async () => {
  await page.goto(fake.url);
  await page.locator('#hits li.hit').first().waitFor();
  assert.equal(await page.locator('#result-count').textContent(), '30 results · showing 1–12');
  assert.deepEqual(await page.locator('#facets legend').allTextContents(), ['Category', 'Brand', 'Price']);

  const laptops = page.getByRole('checkbox', { name: /^laptops/ });
  await laptops.focus();
  await page.keyboard.press('Space');
  await page.waitForFunction(() => document.querySelector('#result-count').textContent.startsWith('10 results'));
  assert.ok(apiCalls('/api/search').at(-1).path.includes('category=laptops'));
  for (const meta of await page.locator('#hits .hit-meta').allTextContents()) assert.match(meta, /laptops$/);
  assert.match(page.url(), /\?category=laptops$/);
  assert.equal(await page.evaluate(() => document.activeElement.value), 'laptops', 'focus stays on the checkbox');

  // Price buckets become one min/max range; checking two buckets fills the one between.
  await laptops.uncheck();
  await page.waitForFunction(() => document.querySelector('#result-count').textContent.startsWith('30 results'));
  await page.getByRole('checkbox', { name: /^\$50 – \$100/ }).check();
  await page.getByRole('checkbox', { name: /^\$500 and up/ }).check();
  await page.waitForFunction(() => document.querySelectorAll('#facets input[data-facet="price"]:checked').length === 3);
  const last = apiCalls('/api/search').at(-1).path;
  assert.match(last, /minPrice=5000/);
  assert.doesNotMatch(last, /maxPrice/);

  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.waitForFunction(() => document.querySelector('#result-count').textContent.startsWith('30 results'));
});

test('paging keeps a stack of page tokens for Previous', async () => {
  await page.goto(`${fake.url}/?sort=price_asc`);
  await page.locator('#hits li.hit').first().waitFor();
  assert.equal(await page.locator('#sort').inputValue(), 'price_asc');
  const prev = page.getByRole('button', { name: 'Previous' });
  const next = page.getByRole('button', { name: 'Next' });
  assert.ok(await prev.isDisabled());

  const firstPage = await page.locator('#hits h3').allTextContents();
  await next.click();
  await page.waitForFunction(() => document.querySelector('#page-info').textContent === 'Page 2');
  await next.click();
  await page.waitForFunction(() => document.querySelector('#page-info').textContent === 'Page 3');
  assert.equal(await page.locator('#result-count').textContent(), '30 results · showing 25–30');
  assert.ok(await next.isDisabled(), 'no next page after the last');
  const thirdToken = new URL(apiCalls('/api/search').at(-1).path, 'http://x').searchParams.get('pageToken');
  assert.ok(thirdToken);

  await prev.click();
  await page.waitForFunction(() => document.querySelector('#page-info').textContent === 'Page 2');
  await prev.click();
  await page.waitForFunction(() => document.querySelector('#page-info').textContent === 'Page 1');
  assert.deepEqual(await page.locator('#hits h3').allTextContents(), firstPage);
  assert.equal(new URL(apiCalls('/api/search').at(-1).path, 'http://x').searchParams.get('pageToken'), null);
  assert.match(apiCalls('/api/search').at(-1).path, /sort=price_asc/);
});

test('suggestions are a keyboard-navigable combobox', async () => {
  // The page's clock stands still while the keys go in, so that however slowly a busy machine
  // delivers them, they fall within one debounce interval; then it moves past that interval.
  const start = new Date('2026-01-05T10:00:00Z');
  await page.clock.install({ time: start });
  await page.goto(fake.url);
  await page.clock.pauseAt(new Date(start.getTime() + 60_000));
  const box = page.getByRole('combobox', { name: 'Search products' });
  await box.focus();
  await page.keyboard.type('gam', { delay: 30 });
  await page.clock.runFor(1_000);
  const listbox = page.getByRole('listbox', { name: 'Suggestions' });
  await listbox.waitFor();
  assert.equal(await box.getAttribute('aria-expanded'), 'true');
  const options = page.getByRole('option');
  assert.ok((await options.count()) >= 2);
  assert.equal(apiCalls('/api/suggest').length, 1, 'typing is debounced into one request');
  await page.clock.resume();

  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  const second = options.nth(1);
  assert.equal(await box.getAttribute('aria-activedescendant'), await second.getAttribute('id'));
  assert.equal(await second.getAttribute('aria-selected'), 'true');
  const text = await second.textContent();
  const productId = await second.getAttribute('data-product-id');

  await page.keyboard.press('Escape');
  assert.ok(await listbox.isHidden());
  assert.equal(await box.getAttribute('aria-expanded'), 'false');
  await page.keyboard.press('ArrowDown');
  await listbox.waitFor();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');

  assert.equal(await box.inputValue(), text);
  await page.locator('#product-title').filter({ hasText: text }).waitFor();
  assert.equal(new URL(page.url()).hash, `#/product/${productId}`);
  await page.waitForFunction((t) => new URL(location.href).searchParams.get('q') === t, text);
});

test('the admin form patches with If-Match and shows problems readably', async () => {
  const id = '00000000-0000-4000-8000-000000000007';
  await page.goto(`${fake.url}/#/product/${id}`);
  await page.locator('#product-title').waitFor();
  assert.equal(await page.locator('#admin-id').inputValue(), id);
  assert.equal(await page.locator('#admin-price').inputValue(), '299.99');
  await page.waitForFunction(() => document.querySelector('#ticker-state').dataset.state === 'live');

  // No token: the form says so before any request.
  await page.getByRole('button', { name: 'Save changes' }).click();
  assert.match(await page.locator('#admin-error').textContent(), /access token/);
  assert.equal(await page.locator('#admin-token').getAttribute('aria-invalid'), 'true');

  // Unchanged values: nothing is sent.
  await page.getByLabel('Access token').fill('wrong');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.locator('#admin-result').filter({ hasText: 'Nothing to save' }).waitFor();

  // A 20 % price drop with a wrong token: the 401 problem, readably.
  await page.getByLabel(/^Price/).fill('239.99');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.locator('#admin-error').filter({ hasText: 'Unauthorized (HTTP 401)' }).waitFor();
  assert.match(await page.locator('#admin-error').textContent(), /fresh one with \.\/polyshop token/);

  // The right token: a merge patch with If-Match, and a deal in the ticker.
  await page.getByLabel('Access token').fill(TOKEN);
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.locator('#admin-result').filter({ hasText: 'Saved version 2' }).waitFor();
  const patch = fake.requests.find((r) => r.method === 'PATCH' && r.headers.authorization === `Bearer ${TOKEN}`);
  assert.equal(patch.headers['if-match'], '"1"');
  assert.equal(patch.headers['content-type'], 'application/merge-patch+json');
  assert.equal(await page.locator('#product-price').textContent(), usd(23999));
  const deal = page.locator(`#deals li[data-product-id="${id}"]`);
  await deal.waitFor();
  assert.match(await deal.textContent(), /\$299\.99.*\$239\.99.*−20%/);
  assert.equal(await page.evaluate(() => sessionStorage.getItem('polyshop.token')), TOKEN);

  // Someone else saves first: 412, explained, and the latest version is loaded.
  fake.products.get(id).version = 5;
  await page.getByLabel('Stock', { exact: true }).fill('3');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.locator('#admin-error').filter({ hasText: 'Precondition Failed (HTTP 412)' }).waitFor();
  assert.match(await page.locator('#admin-error').textContent(), /Someone saved this product/);
  await page.locator('#admin-version').filter({ hasText: 'version 5' }).waitFor();

  // Checked in the page first; field errors of a 400 problem are listed.
  await page.getByLabel('Stock', { exact: true }).fill('-1');
  await page.getByRole('button', { name: 'Save changes' }).click();
  assert.match(await page.locator('#admin-error').textContent(), /Stock is a whole number/);
  await page.getByLabel('Stock', { exact: true }).fill('2000000');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await page.locator('#admin-error li').filter({ hasText: 'stock: must be between 0 and 1000000' }).waitFor();
  assert.match(await page.locator('#admin-error').textContent(), /Bad Request \(HTTP 400\)/);
});

test('the ticker shows connection state and resumes after a dropped stream', async () => {
  await page.goto(fake.url);
  const state = page.locator('#ticker-state');
  await page.waitForFunction(() => document.querySelector('#ticker-state').dataset.state === 'live');
  assert.equal(await state.textContent(), 'Live');

  const deal = (n, name) => ({
    productId: `00000000-0000-4000-8000-00000000000${n}`, name, category: 'watches',
    oldPrice: { amountMinor: 10000, currencyCode: 'USD' }, newPrice: { amountMinor: 8000, currencyCode: 'USD' }, dropPercent: 20,
  });
  const firstId = fake.publishDeal(deal(1, 'First deal'));
  await page.locator('#deals li', { hasText: 'First deal' }).waitFor();

  // A network blip: the stream is cut and a deal is published while it is down.
  fake.dropStreams();
  await page.waitForFunction(() => document.querySelector('#ticker-state').dataset.state === 'reconnecting');
  fake.publishDeal(deal(2, 'Missed deal'));
  await page.locator('#deals li', { hasText: 'Missed deal' }).waitFor({ timeout: 10_000 });
  await page.waitForFunction(() => document.querySelector('#ticker-state').dataset.state === 'live');
  const reconnect = apiCalls('/api/events').filter((r) => r.path.includes('deals')).at(-1);
  assert.equal(reconnect.headers['last-event-id'], firstId, 'EventSource resumes with Last-Event-ID');
  assert.deepEqual(await page.locator('#deals li').allTextContents().then((t) => t.map((s) => s.split(' ')[0])), ['Missed', 'First']);
});

test('money is formatted from minor units with the currency code', async () => {
  await page.goto(fake.url);
  const result = await page.evaluate(async () => {
    const money = await import('/money.js');
    const prices = await import('/prices.js');
    return {
      usd: money.formatMoney({ amountMinor: '129999', currencyCode: 'USD' }),
      jpy: money.formatMoney({ amountMinor: 1500, currency: 'JPY' }),
      kwd: money.formatMoney({ amountMinor: 1234, currency: 'KWD' }),
      toMinor: [money.decimalToMinor('12.5', 'USD'), money.decimalToMinor('1 299,99', 'EUR'),
        money.decimalToMinor('12.345', 'USD'), money.decimalToMinor('-1', 'USD'), money.decimalToMinor('700', 'JPY')],
      toDecimal: [money.minorToDecimal(5, 'USD'), money.minorToDecimal(129999, 'USD'), money.minorToDecimal(700, 'JPY')],
      buckets: ['<25', '25-50', '500+'].map(prices.priceRange),
      uncheckMiddle: [...prices.togglePrice(new Set(['<25', '25-50', '50-100']), '25-50', false, ['<25', '25-50', '50-100'])],
    };
  });
  assert.equal(result.usd, '$1,299.99');
  assert.equal(result.jpy, '¥1,500');
  assert.equal(result.kwd, 'KWD\u00a01.234');
  assert.deepEqual(result.toMinor, [1250, 129999, null, null, 700]);
  assert.deepEqual(result.toDecimal, ['0.05', '1299.99', '700']);
  assert.deepEqual(result.buckets, [{ min: 0, max: 2499 }, { min: 2500, max: 4999 }, { min: 50000, max: null }]);
  assert.deepEqual(result.uncheckMiddle, ['<25']);
});

test('the page is usable on a phone', async () => {
  const phone = await openPage(browser, { width: 390, height: 844 });
  try {
    await phone.page.goto(fake.url);
    await phone.page.locator('#hits li.hit').first().waitFor();
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    assert.ok(overflow <= 0, `no horizontal scrolling (overflow ${overflow}px)`);
    assert.equal(await phone.page.locator('#filters').getAttribute('open'), null, 'filters start folded');
    const small = await phone.page.evaluate(() => [...document.querySelectorAll('button, input:not([type=checkbox]), select')]
      .filter((el) => el.offsetParent && el.getBoundingClientRect().height < 44).map((el) => el.id || el.name));
    assert.deepEqual(small, [], 'touch targets are at least 44px tall');
    assert.deepEqual(phone.problems, []);
  } finally {
    await phone.context.close();
  }
});
