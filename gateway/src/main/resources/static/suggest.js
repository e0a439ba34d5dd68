// As-you-type suggestions: the ARIA 1.2 combobox pattern (list autocomplete, focus stays in the
// input, the active option is aria-activedescendant). Debounced; stale answers are dropped.
import * as api from './api.js';
import { h, fill, debounce } from './dom.js';

const LIMIT = 8;
const DELAY_MS = 150;

/** onPick({text, productId}) runs when a suggestion is chosen (Enter or click). */
export function initSuggest({ input, listbox, status, onPick }) {
  let items = [];
  let active = -1;
  let controller;
  let seq = 0;

  const fetchSuggestions = debounce(async (prefix) => {
    controller?.abort();
    controller = new AbortController();
    const mine = ++seq;
    try {
      const suggestions = await api.suggest(prefix, LIMIT, controller.signal);
      if (mine !== seq || input.value.trim() !== prefix || document.activeElement !== input) return;
      show(suggestions);
    } catch (error) {
      if (error.name !== 'AbortError' && mine === seq) close();
    }
  }, DELAY_MS);

  function show(suggestions) {
    items = suggestions;
    active = -1;
    input.removeAttribute('aria-activedescendant');
    if (!items.length) {
      close();
      status.textContent = 'No suggestions';
      return;
    }
    fill(listbox, items.map((s, i) => h('li', {
      id: `suggestion-${i}`, role: 'option', 'aria-selected': 'false', class: 'suggestion',
      dataset: { productId: s.productId ?? '' },
    }, s.text)));
    listbox.hidden = false;
    input.setAttribute('aria-expanded', 'true');
    status.textContent = `${items.length} suggestion${items.length === 1 ? '' : 's'}. Use the up and down arrows to choose.`;
  }

  function close() {
    fetchSuggestions.cancel();
    seq++; // an answer still in flight must not reopen the list
    listbox.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
    active = -1;
  }

  function isOpen() {
    return !listbox.hidden;
  }

  function move(to) {
    const options = listbox.querySelectorAll('[role="option"]');
    if (!options.length) return;
    active = to < -1 ? options.length - 1 : to >= options.length ? -1 : to;
    options.forEach((option, i) => option.setAttribute('aria-selected', String(i === active)));
    if (active >= 0) {
      input.setAttribute('aria-activedescendant', options[active].id);
      options[active].scrollIntoView({ block: 'nearest' });
    } else {
      input.removeAttribute('aria-activedescendant');
    }
  }

  function pick(i) {
    const suggestion = items[i];
    if (!suggestion) return;
    input.value = suggestion.text;
    close();
    onPick(suggestion);
  }

  input.addEventListener('input', () => {
    const prefix = input.value.trim();
    if (!prefix) {
      close();
      return;
    }
    fetchSuggestions(prefix.slice(0, 64));
  });

  input.addEventListener('keydown', (event) => {
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        if (!isOpen()) {
          if (items.length && input.value.trim()) show(items);
          else if (input.value.trim()) fetchSuggestions(input.value.trim().slice(0, 64));
          return;
        }
        move(active + 1);
        break;
      case 'ArrowUp':
        if (!isOpen()) return;
        event.preventDefault();
        move(active - 1);
        break;
      case 'Enter':
        if (isOpen() && active >= 0) {
          event.preventDefault();
          pick(active);
        } else {
          close();
        }
        break;
      case 'Escape':
        if (isOpen()) {
          event.preventDefault();
          close();
        }
        break;
      case 'Tab':
        close();
        break;
      default:
    }
  });

  input.addEventListener('blur', () => close());
  // mousedown would move focus out of the input (and close the list) before click picks.
  listbox.addEventListener('mousedown', (event) => event.preventDefault());
  listbox.addEventListener('click', (event) => {
    const option = event.target.closest('[role="option"]');
    if (option) pick([...listbox.children].indexOf(option));
  });

  return { close };
}
