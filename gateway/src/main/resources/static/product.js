// The product panel: #/product/<id> opens it with GET /api/products/{id}. While it is open it
// follows the product's own topic, so a change made elsewhere reloads it (and its ETag).
import * as api from './api.js';
import { h, fill, $ } from './dom.js';
import { formatMoney } from './money.js';
import { showProblem } from './problem.js';

const ROUTE = /^#\/product\/([0-9A-Za-z-]{1,64})$/;
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const count = new Intl.NumberFormat();

/** The open product: {product, etag} or null. */
let current = null;

export function currentProduct() {
  return current;
}

export function initProduct() {
  const panel = $('#product-panel');
  const body = $('#product');
  let openId = null;
  let controller;
  let events;

  async function open(id, { focus = true, quiet = false } = {}) {
    if (id !== openId) follow(id);
    openId = id;
    panel.hidden = false;
    if (!quiet) fill(body, h('p', { class: 'muted' }, 'Loading…'));
    controller?.abort();
    controller = new AbortController();
    try {
      const loaded = await api.getProduct(id, controller.signal);
      if (openId !== id) return;
      show(loaded);
      if (focus) $('#product-title')?.focus();
    } catch (error) {
      if (error.name === 'AbortError') return;
      if (openId !== id) return;
      current = null;
      const problem = h('div', { class: 'problem', role: 'alert' });
      showProblem(problem, error, error.status === 404 ? 'It may have been deleted.' : undefined);
      fill(body, h('h2', { id: 'product-title', tabindex: '-1' }, 'Product unavailable'), problem);
    }
  }

  function close() {
    const wasOpen = openId;
    openId = null;
    current = null;
    controller?.abort();
    follow(null);
    panel.hidden = true;
    fill(body);
    const hit = wasOpen && document.querySelector(`#hits li[data-product-id="${CSS.escape(wasOpen)}"] a`);
    hit?.focus();
  }

  /** Renders a product and tells the rest of the page (admin form, results). */
  function show({ product, etag }, note) {
    current = { product, etag };
    const attributes = Object.entries(product.attributes ?? {});
    const stock = Number(product.stock ?? 0);
    fill(body,
      h('h2', { id: 'product-title', tabindex: '-1' }, product.name),
      h('p', { class: 'hit-meta' }, [product.brand, product.category].filter(Boolean).join(' · ')),
      h('p', { class: 'price big', id: 'product-price' }, formatMoney(product.price)),
      h('p', { class: `stock${stock > 0 ? '' : ' out'}`, id: 'product-stock' },
        stock > 0 ? `In stock (${count.format(stock)})` : 'Out of stock'),
      note && h('p', { class: 'note', role: 'status' }, note),
      product.description && h('p', { class: 'description' }, product.description),
      h('dl', { class: 'specs' },
        spec('SKU', product.sku),
        attributes.map(([k, v]) => spec(label(k), v)),
        spec('Version', String(product.version)),
        product.updatedAt && spec('Updated', dateTime.format(new Date(product.updatedAt)))));
    document.dispatchEvent(new CustomEvent('polyshop:product', { detail: current }));
  }

  /** Live updates for the open product; the ticker has its own (deals) subscription. */
  function follow(id) {
    events?.close();
    events = null;
    if (!id) return;
    const source = new EventSource(api.eventsUrl([`product.${id.toLowerCase()}`]));
    source.addEventListener('product.changed', (event) => {
      const change = JSON.parse(event.data).data ?? {};
      if (openId === id && current && Number(change.version) > Number(current.product.version)) {
        open(id, { focus: false, quiet: true });
      }
    });
    source.addEventListener('product.deleted', () => {
      if (openId === id) open(id, { focus: false });
    });
    events = source;
  }

  function route() {
    const match = ROUTE.exec(location.hash);
    if (match) open(match[1]);
    else if (openId) close();
  }

  window.addEventListener('hashchange', route);
  route();

  return {
    /** After a successful write: show the product the server returned, with its new ETag. */
    saved(loaded) {
      if (openId === loaded.product.id) show(loaded, 'Saved.');
      else current = loaded;
    },
    reload() {
      if (openId) return open(openId, { focus: false, quiet: true });
      return undefined;
    },
  };
}

function spec(term, value) {
  if (value === undefined || value === null || value === '') return null;
  return [h('dt', {}, term), h('dd', {}, value)];
}

/** "refresh-rate" → "Refresh rate" */
function label(key) {
  const words = key.replace(/[-_]+/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
