// Shows an RFC 9457 problem (or any error) readably: title, status, detail, field errors, hint.
import { h, fill } from './dom.js';

export function showProblem(el, error, hint) {
  const problem = error?.problem ?? { title: 'Something went wrong', detail: String(error?.message ?? error) };
  const status = error?.status || problem.status;
  fill(el,
    h('p', { class: 'problem-title' },
      h('strong', {}, problem.title || 'Request failed'),
      status ? ` (HTTP ${status})` : ''),
    problem.detail && h('p', { class: 'problem-detail' }, problem.detail),
    fieldErrors(problem.errors),
    hint && h('p', { class: 'problem-hint' }, hint),
    problem.requestId && h('p', { class: 'problem-meta' }, `Request id: ${problem.requestId}`));
  el.hidden = false;
}

export function hideProblem(el) {
  el.hidden = true;
  el.replaceChildren();
}

function fieldErrors(errors) {
  if (!Array.isArray(errors) || errors.length === 0) return null;
  return h('ul', { class: 'problem-errors' }, errors.map((e) => h('li', {},
    typeof e === 'object' && e
      ? [e.field ? h('code', {}, e.field) : null, e.field ? ': ' : '', e.message ?? e.detail ?? JSON.stringify(e)]
      : String(e))));
}
