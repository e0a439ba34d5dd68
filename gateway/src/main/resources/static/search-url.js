// The search state in the page URL (?q=&category=&brand=&price=&inStock=&sort=), so a search can
// be shared and survives a reload. Page tokens stay out of it: they expire with the index.
import { priceRange } from './prices.js';

export function fromUrl() {
  const p = new URLSearchParams(location.search);
  const sort = p.get('sort');
  return {
    q: p.get('q') ?? '',
    categories: new Set(p.getAll('category')),
    brands: new Set(p.getAll('brand')),
    prices: new Set(p.getAll('price').filter(priceRange)),
    inStock: p.get('inStock') === 'true',
    sort: ['relevance', 'price_asc', 'price_desc', 'newest'].includes(sort) ? sort : 'relevance',
  };
}

export function toUrl(state) {
  const p = new URLSearchParams();
  if (state.q) p.set('q', state.q);
  for (const c of state.categories) p.append('category', c);
  for (const b of state.brands) p.append('brand', b);
  for (const l of state.prices) p.append('price', l);
  if (state.inStock) p.set('inStock', 'true');
  if (state.sort !== 'relevance') p.set('sort', state.sort);
  const search = p.size ? `?${p}` : '';
  if (search !== location.search) history.replaceState(history.state, '', `${location.pathname}${search}${location.hash}`);
}
