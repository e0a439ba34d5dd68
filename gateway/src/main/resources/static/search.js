// Results, facet filters, sort and paging for GET /api/search. The query lives in the URL (so a
// search can be shared and survives a reload); page tokens live in a stack for "Previous".
import * as api from './api.js';
import { h, fill, $ } from './dom.js';
import { formatMoney, formatWhole, currencyOf } from './money.js';
import { showProblem, hideProblem } from './problem.js';
import { priceRange, priceFilter, togglePrice } from './prices.js';
import { fromUrl, toUrl } from './search-url.js';

const PAGE_SIZE = 12;
const FACETS = [
  { name: 'category', title: 'Category' },
  { name: 'brand', title: 'Brand' },
  { name: 'price', title: 'Price' },
];
const count = new Intl.NumberFormat();

export function initSearch() {
  const els = {
    results: $('#results'),
    count: $('#result-count'),
    hits: $('#hits'),
    facets: $('#facets'),
    error: $('#search-error'),
    sort: $('#sort'),
    inStock: $('#in-stock'),
    prev: $('#prev-page'),
    next: $('#next-page'),
    page: $('#page-info'),
    clear: $('#clear-filters'),
  };
  const state = fromUrl();
  let tokens = ['']; // page tokens: tokens[i] fetches page i + 1
  let nextToken = '';
  let priceBuckets = []; // known price bucket labels, ordered by price
  let currency = 'USD';
  let controller;
  let seq = 0;

  els.sort.value = state.sort;
  els.inStock.checked = state.inStock;

  function query() {
    const range = priceFilter(state.prices);
    return {
      q: state.q,
      categories: [...state.categories],
      brands: [...state.brands],
      minPrice: range.min || null,
      maxPrice: range.max,
      inStock: state.inStock,
      sort: state.sort,
      pageSize: PAGE_SIZE,
      pageToken: tokens.at(-1),
    };
  }

  async function run({ focus = false } = {}) {
    controller?.abort();
    controller = new AbortController();
    const mine = ++seq;
    els.results.setAttribute('aria-busy', 'true');
    toUrl(state);
    try {
      const response = await api.search(query(), controller.signal);
      if (mine !== seq) return;
      hideProblem(els.error);
      render(response);
      if (focus) els.results.focus();
    } catch (error) {
      if (error.name === 'AbortError' || mine !== seq) return;
      showProblem(els.error, error, tokens.length > 1 ? 'Paging was reset; try again.' : undefined);
      if (tokens.length > 1) tokens = [''];
      fill(els.hits);
      els.count.textContent = '';
      pager();
    } finally {
      if (mine === seq) els.results.removeAttribute('aria-busy');
    }
  }

  function render(response) {
    const hits = response.hits ?? [];
    const total = Number(response.totalHits ?? 0);
    nextToken = response.nextPageToken ?? '';
    if (hits[0]) currency = currencyOf(hits[0].product.price) || currency;
    const first = (tokens.length - 1) * PAGE_SIZE + 1;
    els.count.textContent = total === 0 ? 'No results'
      : `${count.format(total)} result${total === 1 ? '' : 's'}` +
        (hits.length ? ` · showing ${count.format(first)}–${count.format(first + hits.length - 1)}` : '');
    fill(els.hits, hits.length
      ? hits.map((hit) => hitItem(hit.product))
      : h('li', { class: 'empty' }, 'No products match. Try other words or fewer filters.'));
    renderFacets(response.facets ?? []);
    pager();
  }

  function pager() {
    els.prev.disabled = tokens.length <= 1;
    els.next.disabled = !nextToken;
    els.page.textContent = `Page ${tokens.length}`;
  }

  function renderFacets(facets) {
    const active = document.activeElement;
    const refocus = active?.dataset?.facet ? [active.dataset.facet, active.value] : null;
    const byName = new Map(facets.map((f) => [f.name, f.values ?? []]));
    // A checked bucket stays listed (count 0) when no product falls in it, so it can be unchecked.
    const price = byName.get('price') ?? [];
    for (const label of state.prices) {
      if (!price.some((v) => v.value === label)) price.push({ value: label, count: 0 });
    }
    priceBuckets = price.map((v) => v.value).filter(priceRange)
      .sort((a, b) => priceRange(a).min - priceRange(b).min);
    byName.set('price', priceBuckets.map((label) => price.find((v) => v.value === label)));
    fill(els.facets, FACETS.filter((f) => byName.get(f.name)?.length).map((facet) =>
      h('fieldset', { class: 'facet' },
        h('legend', {}, facet.title),
        byName.get(facet.name).map((v) => facetOption(facet.name, v)))));
    if (refocus) {
      const selector = `input[data-facet="${refocus[0]}"][value="${CSS.escape(refocus[1])}"]`;
      (els.facets.querySelector(selector) ?? els.facets.querySelector('input'))?.focus();
    }
  }

  function facetOption(name, { value, count: n }) {
    const checked = name === 'category' ? state.categories.has(value)
      : name === 'brand' ? state.brands.has(value) : state.prices.has(value);
    return h('label', { class: 'check' },
      h('input', { type: 'checkbox', value, checked, dataset: { facet: name } }),
      ' ', name === 'price' ? priceLabel(value) : value,
      ' ', h('span', { class: 'count' }, `(${count.format(Number(n))})`));
  }

  function priceLabel(label) {
    const { min, max } = priceRange(label);
    if (!min) return `Under ${formatWhole((max + 1) / 100, currency)}`;
    if (max == null) return `${formatWhole(min / 100, currency)} and up`;
    return `${formatWhole(min / 100, currency)} – ${formatWhole((max + 1) / 100, currency)}`;
  }

  function restart(options) {
    tokens = [''];
    run(options);
  }

  els.facets.addEventListener('change', (event) => {
    const input = event.target;
    const { facet } = input.dataset;
    if (facet === 'category') toggle(state.categories, input.value, input.checked);
    else if (facet === 'brand') toggle(state.brands, input.value, input.checked);
    else if (facet === 'price') state.prices = togglePrice(state.prices, input.value, input.checked, priceBuckets);
    restart();
  });
  els.inStock.addEventListener('change', () => {
    state.inStock = els.inStock.checked;
    restart();
  });
  els.sort.addEventListener('change', () => {
    state.sort = els.sort.value;
    restart();
  });
  els.clear.addEventListener('click', () => {
    state.categories.clear();
    state.brands.clear();
    state.prices = new Set();
    state.inStock = els.inStock.checked = false;
    restart();
  });
  els.next.addEventListener('click', () => {
    if (!nextToken) return;
    tokens.push(nextToken);
    run({ focus: true });
  });
  els.prev.addEventListener('click', () => {
    if (tokens.length <= 1) return;
    tokens.pop();
    run({ focus: true });
  });

  // Live prices: a deal or a saved edit updates the matching result in place.
  document.addEventListener('polyshop:price', ({ detail }) => {
    for (const item of els.hits.querySelectorAll('li[data-product-id]')) {
      if (item.dataset.productId !== detail.productId) continue;
      const priceEl = item.querySelector('.price');
      if (detail.oldPrice) {
        fill(priceEl, h('del', {}, formatMoney(detail.oldPrice)), ' ', h('ins', {}, formatMoney(detail.price)));
      } else {
        priceEl.textContent = formatMoney(detail.price);
      }
      if (detail.stock != null) stockLine(item.querySelector('.stock'), detail.stock);
    }
  });

  run();
  return {
    /** A new query (from the search box or a picked suggestion). */
    submit(q) {
      state.q = q.trim();
      restart({ focus: false });
    },
    get query() {
      return state.q;
    },
  };
}

function hitItem(product) {
  return h('li', { class: 'hit', dataset: { productId: product.id } },
    h('article', {},
      h('h3', {}, h('a', { href: `#/product/${product.id}`, class: 'hit-link' }, product.name)),
      h('p', { class: 'hit-meta' }, [product.brand, product.category].filter(Boolean).join(' · ')),
      h('p', { class: 'price' }, formatMoney(product.price)),
      stockLine(h('p', { class: 'stock' }), product.stock)));
}

function stockLine(el, stock) {
  const n = Number(stock ?? 0);
  el.textContent = n > 0 ? `In stock (${count.format(n)})` : 'Out of stock';
  el.classList.toggle('out', n <= 0);
  return el;
}

function toggle(set, value, on) {
  if (on) set.add(value);
  else set.delete(value);
}
