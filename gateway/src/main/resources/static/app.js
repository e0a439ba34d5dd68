// Polyshop storefront: plain ES modules, no build step, same-origin API only.
import { $ } from './dom.js';
import { initSearch } from './search.js';
import { initSuggest } from './suggest.js';
import { initProduct } from './product.js';
import { initAdmin } from './admin.js';
import { initTicker } from './ticker.js';

const input = $('#q');
const search = initSearch();
input.value = search.query;

const suggestions = initSuggest({
  input,
  listbox: $('#suggestions'),
  status: $('#suggest-status'),
  onPick(suggestion) {
    search.submit(suggestion.text);
    if (suggestion.productId) location.hash = `#/product/${suggestion.productId}`;
  },
});

$('#search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  suggestions.close();
  search.submit(input.value);
});

const products = initProduct();
initAdmin(products);
initTicker();

// On a phone the filters start folded so the results come first.
if (matchMedia('(max-width: 720px)').matches) $('#filters').open = false;
