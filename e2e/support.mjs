// Shared by the browser tests: Debian's Chromium driven by playwright-core (never a downloaded
// browser), and a page that records console errors, page errors and CSP violations.
import { chromium } from 'playwright-core';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const ARTIFACTS = fileURLToPath(new URL('../target/e2e/', import.meta.url));

export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A fresh context (own sessionStorage) and page; `problems` collects what must stay empty. */
export async function openPage(browser, { width = 1280, height = 900 } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, locale: 'en-US', timezoneId: 'UTC' });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (message) => {
    // HTTP error answers are asserted where they are expected; CSP violations and script errors
    // are never expected.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(`console: ${message.text()}`);
    }
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  return { context, page, problems };
}

export async function artifactPath(name) {
  await mkdir(ARTIFACTS, { recursive: true });
  return `${ARTIFACTS}${name}`;
}

/** "$1,299.99" the way the page formats USD minor units with locale en-US. */
export function usd(amountMinor) {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(amountMinor / 100);
}
