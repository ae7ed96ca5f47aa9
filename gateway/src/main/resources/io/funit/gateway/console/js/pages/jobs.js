// Jobs of every type: a filtered list, and a page per job with its live event stream and webhook deliveries.

import * as api from '../api.js';
import { h, replace, attempt, badge, when, every, facts, select } from '../ui.js';

const TYPES = [['', 'any type'], ['translate', 'translate'], ['train', 'train'], ['eval', 'eval'], ['dataset', 'dataset'],
  ['probe', 'probe']];
const STATES = [['', 'any state'], ['queued', 'queued'], ['running', 'running'], ['succeeded', 'succeeded'],
  ['failed', 'failed'], ['canceled', 'canceled']];

export async function render(main, params, page) {
  return params.id ? detail(main, params.id, page) : list(main, page);
}

async function list(main, page) {
  const type = select({ id: 'job-type', 'data-field': 'type' }, TYPES);
  const state = select({ id: 'job-state', 'data-field': 'status' }, STATES);
  const rows = h('tbody', { id: 'job-rows' });
  const more = h('button', { type: 'button', class: 'secondary', id: 'more-jobs', hidden: true }, 'More');
  let cursor = null;
  const load = (append) => attempt(async () => {
    const query = new URLSearchParams({ limit: '50' });
    if (type.value) query.set('type', type.value);
    if (state.value) query.set('status', state.value);
    if (append && cursor) query.set('cursor', cursor);
    const page1 = await api.get(`/v1/jobs?${query}`, { signal: page.signal });
    cursor = page1.next_cursor || null;
    more.hidden = !cursor;
    const items = page1.items.map((j) => h('tr', {}, h('td', {}, h('a', { href: `#/jobs/${j.id}` }, j.id.slice(0, 8))),
      h('td', {}, j.type), h('td', {}, badge(j.state)), h('td', {}, j.progress && j.progress.message ? j.progress.message : '—'),
      h('td', {}, when(j.created_at))));
    if (append) rows.append(...items);
    else replace(rows, items.length ? items : h('tr', {}, h('td', { colspan: '5' }, 'No jobs.')));
  });
  type.addEventListener('change', () => load(false));
  state.addEventListener('change', () => load(false));
  more.addEventListener('click', () => load(true));
  replace(main, h('h2', {}, 'Jobs'), h('form', { class: 'card row', onsubmit: (e) => e.preventDefault() },
    h('div', {}, h('label', { for: 'job-type' }, 'Type'), type), h('div', {}, h('label', { for: 'job-state' }, 'State'), state)),
  h('section', { class: 'card' }, h('div', { class: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, ['Job', 'Type', 'State', 'Progress', 'Created'].map((c) => h('th', {}, c)))), rows)), more));
  await load(false);
}

async function detail(main, id, page) {
  const head = h('div', { id: 'job-head' });
  const log = h('pre', { class: 'log', id: 'job-events', 'aria-live': 'polite' });
  const deliveries = h('div', { id: 'deliveries' });
  const cancel = h('button', { type: 'button', class: 'secondary', id: 'cancel-job' }, 'Cancel');
  replace(main, h('h2', {}, `Job ${id.slice(0, 8)}`), h('section', { class: 'card' }, head, cancel),
    h('section', { class: 'card' }, h('h3', {}, 'Events'), log),
    h('section', { class: 'card' }, h('h3', {}, 'Webhook deliveries'), deliveries));
  cancel.addEventListener('click', () => attempt(() => api.post(`/v1/jobs/${id}/cancel`)));
  const show = (j) => {
    cancel.hidden = ['succeeded', 'failed', 'canceled'].includes(j.state);
    replace(head, h('p', {}, badge(j.state), ' ', j.type), facts([['Id', j.id], ['Attempt', j.attempt], ['Worker', j.worker_id],
      ['Progress', j.progress && j.progress.message], ['Queue position', j.queue_position], ['Error', j.error && j.error.message],
      ['Created', when(j.created_at)], ['Updated', when(j.updated_at)]]),
    h('details', {}, h('summary', {}, 'Request and result'), h('pre', { class: 'log' }, JSON.stringify({ request: j.request, result: j.result }, null, 2))));
  };
  show(await api.get(`/v1/jobs/${id}`));
  page.onLeave(every(5000, async () => showDeliveries(id, deliveries, page)));
  api.followJob(id, (j) => {
    log.append(`${new Date().toLocaleTimeString()}  ${j.state}${j.progress && j.progress.message ? ` — ${j.progress.message}` : ''}\n`);
    show(j);
  }, page.signal).catch(() => {});
}

async function showDeliveries(id, target, page) {
  const log = await api.get(`/v1/jobs/${id}/deliveries`, { signal: page.signal });
  replace(target, log.items.length ? h('div', { class: 'table-wrap' }, h('table', {},
    h('thead', {}, h('tr', {}, ['Event', 'State', 'Attempts', 'URL', ''].map((c) => h('th', {}, c)))),
    h('tbody', {}, log.items.map((d) => h('tr', {}, h('td', {}, d.event), h('td', {}, badge(d.state)),
      h('td', {}, (d.attempts || []).length), h('td', {}, d.url),
      h('td', {}, h('button', { type: 'button', class: 'secondary', onclick: () => attempt(async () => {
        await api.post(`/v1/jobs/${id}/deliveries/${encodeURIComponent(d.webhook_id)}/redeliver`);
        await showDeliveries(id, target, page);
      }) }, 'Redeliver'))))))) : h('p', { class: 'hint' }, 'This job has no webhook.'));
}
