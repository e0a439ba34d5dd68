// The admin form: PATCH /api/products/{id} as a JSON Merge Patch of price and stock, with
// If-Match set to the ETag the product was loaded with (412 if someone else saved first).
import * as api from './api.js';
import { $ } from './dom.js';
import { currencyOf, decimalToMinor, minorToDecimal, formatMoney } from './money.js';
import { showProblem, hideProblem } from './problem.js';
import { currentProduct } from './product.js';

const TOKEN_KEY = 'polyshop.token';

/** `products`: the product panel's {saved(loaded), reload()}. */
export function initAdmin(products) {
  const form = $('#admin-form');
  const els = {
    id: $('#admin-id'),
    price: $('#admin-price'),
    currency: $('#admin-currency'),
    stock: $('#admin-stock'),
    token: $('#admin-token'),
    version: $('#admin-version'),
    save: $('#admin-save'),
    forget: $('#admin-forget'),
    result: $('#admin-result'),
    error: $('#admin-error'),
  };
  let loaded = null; // {product, etag} the fields were filled from
  let dirty = false; // price or stock typed since then

  els.token.value = sessionStorage.getItem(TOKEN_KEY) ?? '';
  els.token.addEventListener('input', () => {
    const token = els.token.value.trim();
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    else sessionStorage.removeItem(TOKEN_KEY);
  });
  els.forget.addEventListener('click', () => {
    els.token.value = '';
    sessionStorage.removeItem(TOKEN_KEY);
    els.token.focus();
  });

  for (const input of [els.price, els.stock]) input.addEventListener('input', () => { dirty = true; });

  // A newer version arriving while someone types must not replace what they typed, nor the ETag
  // it is based on: saving then fails with 412 instead of silently overwriting the other change.
  document.addEventListener('polyshop:product', ({ detail }) => {
    if (dirty && loaded?.product.id === detail.product.id && detail.product.version !== loaded.product.version) {
      els.version.textContent = `Version ${detail.product.version} was saved elsewhere while you edited version ${loaded.product.version}; saving will be refused. Reload the product to see it.`;
      return;
    }
    if (!dirty || loaded?.product.id !== detail.product.id) fillFrom(detail);
  });

  function fillFrom(detail) {
    loaded = detail;
    dirty = false;
    const { product } = detail;
    const currency = currencyOf(product.price);
    els.id.value = product.id;
    els.price.value = minorToDecimal(product.price.amountMinor, currency);
    els.currency.textContent = currency ? `(${currency})` : '';
    els.stock.value = String(product.stock);
    els.version.textContent = `Editing version ${product.version}; saving sends If-Match: ${detail.etag}.`;
  }

  /** The product to patch, with its ETag: the loaded one, or fetched when the id was typed. */
  async function target(id) {
    if (loaded?.product.id === id) return loaded;
    const open = currentProduct();
    if (open?.product.id === id) return open;
    const fetched = await api.getProduct(id);
    fillFrom(fetched);
    return null; // the fields now show the stored values: ask before writing over them
  }

  function invalid(input, message) {
    showProblem(els.error, { problem: { title: 'Check the form', detail: message } });
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    hideProblem(els.error);
    els.result.textContent = '';
    for (const input of form.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
    const id = els.id.value.trim();
    const token = els.token.value.trim();
    if (!/^[0-9a-fA-F-]{36}$/.test(id)) return invalid(els.id, 'Enter a product id (open a product to fill it in).');
    if (!token) return invalid(els.token, 'Paste an access token: ./polyshop token prints one.');

    els.save.disabled = true;
    try {
      const base = await target(id);
      if (!base) {
        els.result.textContent = 'Loaded the current values of that product. Change them and save again.';
        return;
      }
      const currency = currencyOf(base.product.price);
      const patch = {};
      const amountMinor = decimalToMinor(els.price.value, currency);
      if (amountMinor === null) {
        return invalid(els.price, `Enter a price like ${minorToDecimal(base.product.price.amountMinor, currency)} (${currency}).`);
      }
      if (amountMinor !== Number(base.product.price.amountMinor)) patch.price = { amountMinor };
      const stockText = els.stock.value.trim();
      if (!/^\d+$/.test(stockText)) return invalid(els.stock, 'Stock is a whole number, 0 or more.');
      if (Number(stockText) !== Number(base.product.stock)) patch.stock = Number(stockText);
      if (!Object.keys(patch).length) {
        els.result.textContent = 'Nothing to save: price and stock are unchanged.';
        return;
      }
      const saved = await api.patchProduct(id, patch, { etag: base.etag, token });
      products.saved(saved);
      fillFrom(saved);
      els.result.textContent = `Saved version ${saved.product.version}: ${formatMoney(saved.product.price)}, stock ${saved.product.stock}.`;
      document.dispatchEvent(new CustomEvent('polyshop:price', {
        detail: { productId: id, price: saved.product.price, stock: saved.product.stock },
      }));
    } catch (error) {
      showProblem(els.error, error, hint(error));
      if (error.status === 412) {
        loaded = null;
        dirty = false;
        await products.reload();
      }
    } finally {
      els.save.disabled = false;
    }
  });
}

function hint(error) {
  switch (error.status) {
    case 401: return 'The token is missing, expired or not valid here. Get a fresh one with ./polyshop token.';
    case 403: return 'The token is valid but lacks the products:write scope.';
    case 404: return 'There is no product with that id.';
    case 412: return 'Someone saved this product after you opened it. The latest version is loaded now: check it and save again.';
    case 429: return 'Too many requests. Wait a moment and try again.';
    default: return undefined;
  }
}
