// search-service's price buckets ("<25", "25-50", "50-100", "100-500", "500+": major units of a
// two-decimal currency) as minor-unit ranges. The API takes one min/max range, so the checked
// buckets are always kept contiguous: what is checked is exactly what is filtered.

/** @returns {{min: number, max: number|null}|null} inclusive minor-unit range */
export function priceRange(label) {
  let m;
  if ((m = /^<(\d+)$/.exec(label))) return { min: 0, max: m[1] * 100 - 1 };
  if ((m = /^(\d+)-(\d+)$/.exec(label))) return { min: m[1] * 100, max: m[2] * 100 - 1 };
  if ((m = /^(\d+)\+$/.exec(label))) return { min: m[1] * 100, max: null };
  return null;
}

/** The range that covers every checked bucket ({min: 0, max: null} when none is). */
export function priceFilter(labels) {
  let min = null;
  let max;
  for (const label of labels) {
    const r = priceRange(label);
    if (!r) continue;
    min = min == null ? r.min : Math.min(min, r.min);
    max = max === undefined ? r.max : (max == null || r.max == null ? null : Math.max(max, r.max));
  }
  return { min: min ?? 0, max: max ?? null };
}

/**
 * Checking a bucket also checks those between it and the checked ones; unchecking one in the
 * middle also unchecks those above it. `buckets` is every known label, ordered by price.
 */
export function togglePrice(labels, label, on, buckets) {
  const order = buckets.includes(label) ? buckets : [...buckets, label];
  const checked = order.map((l) => (l === label ? on : labels.has(l)));
  const first = checked.indexOf(true);
  const last = checked.lastIndexOf(true);
  const at = order.indexOf(label);
  return new Set(order.filter((_, i) => {
    if (first < 0) return false;
    if (on) return i >= first && i <= last;
    return at > first ? i >= first && i < at : i > at && i <= last;
  }));
}
