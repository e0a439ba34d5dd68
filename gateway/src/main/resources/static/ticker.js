// The live deals ticker: Server-Sent Events from /api/events?topics=deals.
// EventSource reconnects by itself after a network blip and sends Last-Event-ID, so the server
// resumes after the last deal shown. When the server refuses a connection (e.g. 503 while
// push-service restarts) EventSource gives up for good; then a new one is opened with backoff,
// resuming from the same id (the lastEventId parameter).
import { eventsUrl } from './api.js';
import { h, $ } from './dom.js';
import { formatMoney } from './money.js';

const MAX_DEALS = 12;
const MAX_BACKOFF_MS = 30_000;
const time = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });
const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 1 });

export function initTicker() {
  const stateEl = $('#ticker-state');
  const list = $('#deals');
  const empty = $('#deals-empty');
  const seen = new Set();
  let source;
  let lastEventId = '';
  let backoff = 1000;
  let timer;

  function setState(state, text) {
    stateEl.dataset.state = state;
    stateEl.textContent = text;
  }

  function connect() {
    clearTimeout(timer);
    source?.close();
    const es = new EventSource(eventsUrl(['deals'], lastEventId));
    source = es;
    es.addEventListener('open', () => {
      backoff = 1000;
      setState('live', 'Live');
    });
    es.addEventListener('price.dropped', (event) => {
      lastEventId = event.lastEventId || lastEventId;
      deal(event);
    });
    es.addEventListener('reset', (event) => {
      lastEventId = event.lastEventId || lastEventId;
      note('Some deals were missed while the connection was down.');
    });
    es.addEventListener('error', () => {
      if (es !== source) return;
      if (es.readyState === EventSource.CONNECTING) {
        setState('reconnecting', 'Reconnecting…');
        return;
      }
      es.close();
      setState('offline', `Offline · retrying in ${Math.round(backoff / 1000)} s`);
      timer = setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    });
  }

  function deal(event) {
    if (seen.has(event.lastEventId)) return;
    seen.add(event.lastEventId);
    const envelope = JSON.parse(event.data);
    const d = envelope.data ?? {};
    const when = envelope.time ? new Date(envelope.time) : new Date();
    list.prepend(h('li', { class: 'deal', dataset: { eventId: event.lastEventId, productId: d.productId } },
      h('a', { href: `#/product/${d.productId}` }, d.name),
      ' ', h('span', { class: 'visually-hidden' }, 'was'), ' ', h('del', {}, formatMoney(d.oldPrice)),
      ' ', h('span', { class: 'visually-hidden' }, 'now'), ' ', h('ins', {}, formatMoney(d.newPrice)),
      ' ', h('span', { class: 'drop' }, `−${percent.format(Number(d.dropPercent) / 100)}`),
      ' ', h('time', { datetime: when.toISOString() }, time.format(when))));
    trim();
    document.dispatchEvent(new CustomEvent('polyshop:price', {
      detail: { productId: d.productId, price: d.newPrice, oldPrice: d.oldPrice },
    }));
  }

  function note(text) {
    list.prepend(h('li', { class: 'deal note' }, text));
    trim();
  }

  function trim() {
    empty.hidden = true;
    while (list.children.length > MAX_DEALS) list.lastElementChild.remove();
  }

  // Back online: don't wait for the backoff.
  window.addEventListener('online', () => {
    if (source?.readyState === EventSource.CLOSED) connect();
  });
  window.addEventListener('offline', () => setState('offline', 'Offline'));

  connect();
}
