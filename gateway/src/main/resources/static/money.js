// Money is minor units + ISO 4217 code. REST says `currency`, proto3 JSON says `currencyCode`,
// and int64 amounts arrive as strings in proto3 JSON: accept all of them.

const formatters = new Map();

function formatter(currency) {
  let f = formatters.get(currency);
  if (!f) {
    f = new Intl.NumberFormat(undefined, { style: 'currency', currency });
    formatters.set(currency, f);
  }
  return f;
}

export function currencyOf(price) {
  return price?.currencyCode || price?.currency || '';
}

/** Digits after the decimal point for a currency (2 for USD, 0 for JPY, 3 for KWD). */
export function fractionDigits(currency) {
  try {
    return formatter(currency).resolvedOptions().maximumFractionDigits;
  } catch {
    return 2;
  }
}

/** "$1,299.99" from {amountMinor: 129999, currency: "USD"}. */
export function formatMoney(price) {
  const currency = currencyOf(price);
  if (!price || !currency) return '';
  return formatMinor(price.amountMinor, currency);
}

export function formatMinor(amountMinor, currency) {
  const minor = Number(amountMinor ?? 0);
  try {
    return formatter(currency).format(minor / 10 ** fractionDigits(currency));
  } catch {
    return `${minor} ${currency} (minor units)`;
  }
}

/** "1299.99" for an input field (no grouping, '.' as separator). */
export function minorToDecimal(amountMinor, currency) {
  const digits = fractionDigits(currency);
  const minor = BigInt(amountMinor ?? 0);
  if (digits === 0) return minor.toString();
  const sign = minor < 0n ? '-' : '';
  const abs = (minor < 0n ? -minor : minor).toString().padStart(digits + 1, '0');
  return `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
}

/**
 * Parses what a person typed ("12", "12.5", "12,50", "1 299.99") into minor units without
 * floating point; returns null when it is not a non-negative amount with at most the currency's
 * decimals.
 */
export function decimalToMinor(text, currency) {
  const digits = fractionDigits(currency);
  const cleaned = String(text).trim().replace(/[\s\u00a0\u202f']/g, '');
  const match = /^(\d+)(?:[.,](\d*))?$/.exec(cleaned);
  if (!match) return null;
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return null;
  return Number(BigInt(match[1]) * 10n ** BigInt(digits) + BigInt(fraction.padEnd(digits, '0') || '0'));
}

/** "$25" / "$1,500": whole major units, for labels such as price buckets. */
export function formatWhole(amountMajor, currency) {
  try {
    return new Intl.NumberFormat(undefined, {
      style: 'currency', currency, minimumFractionDigits: 0, maximumFractionDigits: 0,
    }).format(amountMajor);
  } catch {
    return `${amountMajor} ${currency}`;
  }
}
