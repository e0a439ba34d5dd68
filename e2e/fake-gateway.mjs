// A stand-in for the gateway's HTTP API (documented shapes, see gateway/README.md) that serves the
// real storefront files. It lets the UI tests cover what is hard to provoke on the real system
// (a dropped event stream, a 412, paging edges) in seconds and without Java.
// Run alone: node e2e/fake-gateway.mjs [port]   (then open http://localhost:<port>/)
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const STATIC = fileURLToPath(new URL('../gateway/src/main/resources/static/', import.meta.url));
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
const CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
export const TOKEN = 'fake-token';

const BRANDS = ['Acme', 'Zephyr', 'Nimbus'];
const CATEGORIES = ['laptops', 'headphones', 'watches'];
const KINDS = { laptops: 'Laptop', headphones: 'Headphones', watches: 'Watch' };
const PRICE_BUCKETS = [['<25', 0, 2499], ['25-50', 2500, 4999], ['50-100', 5000, 9999], ['100-500', 10000, 49999], ['500+', 50000, Infinity]];

function catalog() {
  const products = new Map();
  for (let n = 1; n <= 30; n++) {
    const category = CATEGORIES[n % 3];
    const brand = BRANDS[n % BRANDS.length === 0 ? 0 : (n * 7) % 3];
    const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    const time = new Date(Date.UTC(2026, 0, 1, 0, n)).toISOString();
    products.set(id, {
      id, sku: `DEMO-${String(n).padStart(6, '0')}`, name: `${brand} ${category === 'laptops' ? 'Gaming ' : ''}${KINDS[category]} ${100 + n}`,
      description: `A ${KINDS[category].toLowerCase()} from ${brand}.`, category, brand,
      price: { amountMinor: 1999 + n * 4000, currency: 'USD' }, stock: n % 5 === 0 ? 0 : n * 3,
      attributes: { warranty: `${1 + (n % 3)} years` }, createdAt: time, updatedAt: time, version: 1,
    });
  }
  return products;
}

/** Starts the fake on `port` (0 = any); resolves to {url, close, publishDeal, dropStreams, requests}. */
export async function startFakeGateway(port = 0) {
  const products = catalog();
  const streams = new Set();
  const requests = []; // {method, path, headers} of API calls, for assertions
  const events = []; // {id, type, data} of the deals topic
  let nextEvent = 1;

  function protoProduct(p) {
    const { price, createdAt, updatedAt, ...rest } = p;
    return { ...rest, price: { amountMinor: String(price.amountMinor), currencyCode: price.currency }, stock: String(p.stock), createTime: createdAt, updateTime: updatedAt, version: String(p.version) };
  }

  function search(params) {
    const q = (params.get('q') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    const cats = params.getAll('category').flatMap((v) => v.split(','));
    const brands = params.getAll('brand').flatMap((v) => v.split(','));
    const min = Number(params.get('minPrice') ?? 0);
    const max = params.has('maxPrice') ? Number(params.get('maxPrice')) : Infinity;
    const inStock = params.get('inStock') === 'true';
    const sort = params.get('sort') ?? 'relevance';
    const pageSize = Number(params.get('pageSize') || 20);
    const offset = Number(params.get('pageToken') ? Buffer.from(params.get('pageToken'), 'base64url').toString() : 0);
    const text = (p) => q.every((t) => `${p.name} ${p.description}`.toLowerCase().includes(t));
    const keep = { category: (p) => !cats.length || cats.includes(p.category), brand: (p) => !brands.length || brands.includes(p.brand), price: (p) => p.price.amountMinor >= min && p.price.amountMinor <= max };
    const base = [...products.values()].filter((p) => text(p) && (!inStock || p.stock > 0));
    const all = base.filter((p) => keep.category(p) && keep.brand(p) && keep.price(p));
    const order = { price_asc: (a, b) => a.price.amountMinor - b.price.amountMinor, price_desc: (a, b) => b.price.amountMinor - a.price.amountMinor, newest: (a, b) => b.createdAt.localeCompare(a.createdAt) }[sort] ?? (() => 0);
    all.sort((a, b) => order(a, b) || a.id.localeCompare(b.id));
    const facet = (name, value) => {
      const counts = new Map();
      for (const p of base.filter((p) => Object.entries(keep).every(([k, f]) => k === name || f(p)))) {
        const v = value(p);
        if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
      }
      return { name, values: [...counts].map(([value, count]) => ({ value, count: String(count) })) };
    };
    const page = all.slice(offset, offset + pageSize);
    return {
      hits: page.map((p) => ({ product: protoProduct(p), score: 1 })),
      totalHits: String(all.length),
      facets: [facet('category', (p) => p.category), facet('brand', (p) => p.brand),
        facet('price', (p) => PRICE_BUCKETS.find(([, lo, hi]) => p.price.amountMinor >= lo && p.price.amountMinor <= hi)[0])],
      nextPageToken: offset + pageSize < all.length ? Buffer.from(String(offset + pageSize)).toString('base64url') : '',
    };
  }

  function problem(res, status, title, detail, extra = {}) {
    res.writeHead(status, { 'Content-Type': 'application/problem+json' });
    res.end(JSON.stringify({ type: 'about:blank', title, status, detail, ...extra }));
  }

  function json(res, body, headers = {}) {
    res.writeHead(200, { 'Content-Type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  }

  function sendEvent(res, e) {
    res.write(`id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify({ id: e.id, topic: 'deals', type: e.type, time: new Date().toISOString(), data: e.data })}\n\n`);
  }

  async function handle(req, res) {
    const url = new URL(req.url, 'http://fake');
    const path = url.pathname;
    if (path.startsWith('/api/')) requests.push({ method: req.method, path: `${path}${url.search}`, headers: req.headers });
    if (path === '/api/search') return json(res, search(url.searchParams));
    if (path === '/api/suggest') {
      const prefix = (url.searchParams.get('prefix') ?? '').toLowerCase();
      const limit = Number(url.searchParams.get('limit') || 8);
      const matches = [...products.values()].filter((p) => p.name.toLowerCase().split(' ').some((w) => w.startsWith(prefix)) || p.name.toLowerCase().startsWith(prefix));
      return json(res, { suggestions: matches.slice(0, limit).map((p) => ({ text: p.name, productId: p.id })) });
    }
    if (path === '/api/events') {
      const lastId = req.headers['last-event-id'] || url.searchParams.get('lastEventId') || '';
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
      res.write(':heartbeat\n\n');
      const stream = { res, topics: (url.searchParams.get('topics') ?? '').split(','), lastId };
      streams.add(stream);
      req.on('close', () => streams.delete(stream));
      if (stream.topics.includes('deals') && lastId) {
        for (const e of events.filter((e) => Number(e.id.slice(2)) > Number(lastId.slice(2)))) sendEvent(res, e);
      }
      return undefined;
    }
    const match = /^\/api\/products\/([^/]+)$/.exec(path);
    if (match) {
      const product = products.get(match[1]);
      if (!product) return problem(res, 404, 'Not Found', 'No product with that id.');
      if (req.method === 'GET') return json(res, product, { ETag: `"${product.version}"` });
      if (req.method === 'PATCH') {
        if (req.headers.authorization !== `Bearer ${TOKEN}`) return problem(res, 401, 'Unauthorized', 'A valid bearer token is needed.');
        if (!req.headers['if-match']) return problem(res, 428, 'Precondition Required', 'Send If-Match.');
        if (req.headers['if-match'] !== `"${product.version}"`) return problem(res, 412, 'Precondition Failed', `The product is at version ${product.version}.`);
        let body = '';
        for await (const chunk of req) body += chunk;
        const patch = JSON.parse(body);
        if (patch.stock !== undefined && !(patch.stock >= 0 && patch.stock <= 1_000_000)) {
          return problem(res, 400, 'Bad Request', 'The product is not valid.', { errors: [{ field: 'stock', message: 'must be between 0 and 1000000' }] });
        }
        const old = product.price.amountMinor;
        Object.assign(product, patch.stock !== undefined ? { stock: patch.stock } : {});
        if (patch.price) product.price = { ...product.price, ...patch.price };
        product.version++;
        product.updatedAt = new Date().toISOString();
        if (product.price.amountMinor <= old * 0.9) {
          publishDeal({ productId: product.id, name: product.name, category: product.category, oldPrice: { amountMinor: old, currencyCode: 'USD' }, newPrice: { amountMinor: product.price.amountMinor, currencyCode: 'USD' }, dropPercent: Math.floor(((old - product.price.amountMinor) * 10000) / old) / 100 });
        }
        return json(res, product, { ETag: `"${product.version}"` });
      }
    }
    if (path.startsWith('/api/')) return problem(res, 404, 'Not Found', `No route ${path}`);
    const file = normalize(join(STATIC, path === '/' ? 'index.html' : path));
    if (!file.startsWith(STATIC)) return problem(res, 404, 'Not Found', 'No such file');
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Content-Security-Policy': CSP });
      return res.end(body);
    } catch {
      return problem(res, 404, 'Not Found', 'No such file');
    }
  }

  function publishDeal(data) {
    const e = { id: `c-${nextEvent++}`, type: 'price.dropped', data };
    events.push(e);
    for (const s of streams) if (s.topics.includes('deals')) sendEvent(s.res, e);
    return e.id;
  }

  /** Cuts every open event stream, like a network blip. */
  function dropStreams() {
    for (const s of streams) s.res.destroy();
    streams.clear();
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch((error) => problem(res, 500, 'Internal Server Error', String(error)));
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    products,
    requests,
    publishDeal,
    dropStreams,
    streamCount: () => streams.size,
    close: () => new Promise((resolve) => { dropStreams(); server.closeAllConnections(); server.close(resolve); }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const fake = await startFakeGateway(Number(process.argv[2] ?? 8090));
  console.log(`fake gateway on ${fake.url} (token: ${TOKEN})`);
}
