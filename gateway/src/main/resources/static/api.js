// The gateway's HTTP API, same origin. Errors are RFC 9457 problems, thrown as ApiError.

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
}

async function request(path, { method = 'GET', headers = {}, body, signal } = {}) {
  let response;
  try {
    response = await fetch(path, { method, headers, body, signal, cache: 'no-store' });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new ApiError(0, { title: 'Network error', detail: 'The shop cannot be reached. Check your connection and try again.' });
  }
  const type = response.headers.get('Content-Type') || '';
  const data = /json/.test(type) ? await response.json().catch(() => null) : null;
  if (!response.ok) {
    throw new ApiError(response.status, data && typeof data === 'object'
      ? data
      : { title: response.statusText || 'Request failed', status: response.status });
  }
  return { data, etag: response.headers.get('ETag'), status: response.status };
}

/**
 * GET /api/search. `query`: {q, categories[], brands[], minPrice, maxPrice, inStock, sort,
 * pageSize, pageToken}; prices in minor units.
 */
export async function search(query, signal) {
  const params = new URLSearchParams();
  if (query.q) params.set('q', query.q);
  for (const c of query.categories ?? []) params.append('category', c);
  for (const b of query.brands ?? []) params.append('brand', b);
  if (query.minPrice != null) params.set('minPrice', String(query.minPrice));
  if (query.maxPrice != null) params.set('maxPrice', String(query.maxPrice));
  if (query.inStock) params.set('inStock', 'true');
  if (query.sort && query.sort !== 'relevance') params.set('sort', query.sort);
  if (query.pageSize) params.set('pageSize', String(query.pageSize));
  if (query.pageToken) params.set('pageToken', query.pageToken);
  return (await request(`/api/search?${params}`, { signal })).data;
}

export async function suggest(prefix, limit, signal) {
  const params = new URLSearchParams({ prefix, limit: String(limit) });
  return (await request(`/api/suggest?${params}`, { signal })).data?.suggestions ?? [];
}

/** @returns {{product, etag}} */
export async function getProduct(id, signal) {
  const { data, etag } = await request(`/api/products/${encodeURIComponent(id)}`, { signal });
  return { product: data, etag };
}

/** JSON Merge Patch with If-Match; @returns {{product, etag}} */
export async function patchProduct(id, patch, { etag, token }) {
  const { data, etag: newEtag } = await request(`/api/products/${encodeURIComponent(id)}`, {
    method: 'PATCH',
    headers: {
      'Content-Type': 'application/merge-patch+json',
      'If-Match': etag,
      Authorization: `Bearer ${token}`,
    },
    body: JSON.stringify(patch),
  });
  return { product: data, etag: newEtag };
}

/** The SSE URL; `lastEventId` resumes when a fresh EventSource replaces a closed one. */
export function eventsUrl(topics, lastEventId) {
  const params = new URLSearchParams({ topics: topics.join(',') });
  if (lastEventId) params.set('lastEventId', lastEventId);
  return `/api/events?${params}`;
}
