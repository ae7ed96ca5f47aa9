// Trainings: the list (state, progress, ETA, queue position), a form to start one, and a page per training with
// live loss and validation curves, sample grids, cancel and continue.

import * as api from '../api.js';
import { h, replace, attempt, badge, progressBar, duration, when, number, every, lineChart, facts, select } from '../ui.js';

const PRESETS = [['font-32', 'font-32 (32 px glyphs, CPU-sized)'], ['font-64', 'font-64 (64 px glyphs)'],
  ['animal-128', 'animal-128 (official, for GPUs)']];

export async function render(main, params, page) {
  return params.id ? detail(main, params.id, page) : list(main, page);
}

async function list(main, page) {
  const rows = h('tbody', { id: 'training-rows' });
  const datasets = (await api.get('/v1/datasets?status=succeeded&limit=100')).items;
  const dataset = select({ id: 'train-dataset', 'data-field': 'dataset' },
    datasets.map((d) => [d.id, `${d.name || d.id} (${d.kind}, ${d.classes ? d.classes.train : '?'} training classes)`]));
  const preset = select({ id: 'train-preset', 'data-field': 'preset' }, PRESETS);
  const budget = h('input', { type: 'number', id: 'train-seconds', min: '1', value: '600', 'data-field': 'max_seconds' });
  const iterations = h('input', { type: 'number', id: 'train-iterations', min: '1', placeholder: "the preset's",
    'data-field': 'overrides.iterations' });
  const sampleEvery = h('input', { type: 'number', id: 'train-sample-every', min: '1', placeholder: 'default',
    'data-field': 'sample_every' });
  const start = h('button', { type: 'submit', id: 'start-training' }, 'Start training');
  const form = h('form', { class: 'card', id: 'training-form' }, h('h3', {}, 'Start a training'),
    h('label', { for: 'train-dataset' }, 'Dataset'), dataset,
    h('label', { for: 'train-preset' }, 'Preset'), preset,
    h('label', { for: 'train-seconds' }, 'Time budget (seconds)'), budget,
    h('label', { for: 'train-iterations' }, 'Iterations (optional)'), iterations,
    h('label', { for: 'train-sample-every' }, 'Sample grid every (iterations, optional)'), sampleEvery, start);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    attempt(async () => {
      const request = { dataset: dataset.value, preset: preset.value };
      if (budget.value) request.max_seconds = Number(budget.value);
      if (iterations.value) request.overrides = { iterations: Number(iterations.value) };
      if (sampleEvery.value) request.sample_every = Number(sampleEvery.value);
      const training = await api.post('/v1/trainings', request);
      location.hash = `#/trainings/${training.id}`;
    });
  });
  replace(main, h('h2', {}, 'Trainings'), form, h('section', { class: 'card' }, h('div', { class: 'table-wrap' },
    h('table', {}, h('thead', {}, h('tr', {}, ['Training', 'State', 'Progress', 'ETA', 'Queue', 'Created'].map((c) => h('th', {}, c)))), rows))));
  page.onLeave(every(3000, async () => {
    const trainings = (await api.get('/v1/trainings?limit=50', { signal: page.signal })).items;
    replace(rows, trainings.length ? trainings.map((t) => h('tr', {},
      h('td', {}, h('a', { href: `#/trainings/${t.id}` }, t.id.slice(0, 8))),
      h('td', {}, badge(t.status)),
      h('td', {}, progressBar(t.iteration, t.iterations, `training ${t.id} progress`), `${t.iteration} / ${t.iterations ?? '?'}`),
      h('td', {}, t.status === 'running' ? duration(t.eta_seconds) : '—'),
      h('td', {}, t.queue_position ? `#${t.queue_position}` : '—'),
      h('td', {}, when(t.created_at)))) : h('tr', {}, h('td', { colspan: '6' }, 'No trainings yet.')));
  }));
}

async function detail(main, id, page) {
  const head = h('div', { id: 'training-head' });
  const losses = h('div', { id: 'loss-chart' });
  const validation = h('div', { id: 'validation-chart' });
  const samples = h('div', { class: 'samples', id: 'samples' });
  const actions = h('div', { id: 'training-actions' });
  replace(main, h('h2', {}, `Training ${id.slice(0, 8)}`), h('section', { class: 'card' }, head, actions),
    h('section', { class: 'card' }, h('h3', {}, 'Losses'), losses),
    h('section', { class: 'card' }, h('h3', {}, 'Held-out validation'), validation),
    h('section', { class: 'card' }, h('h3', {}, 'Sample grids'), samples));
  let shownSample = null;
  let lastState = null;
  const refresh = async () => {
    const t = await api.get(`/v1/trainings/${id}`, { signal: page.signal });
    replace(head, h('p', {}, badge(t.status), ' ', `${t.iteration} / ${t.iterations ?? '?'} iterations`),
      progressBar(t.iteration, t.iterations, 'training progress'),
      facts([['ETA', t.status === 'running' ? duration(t.eta_seconds) : null],
        ['Queue position', t.queue_position ? `#${t.queue_position}` : null],
        ['Seconds per iteration', t.seconds_per_iteration ? number(t.seconds_per_iteration, 3) : null],
        ['Dataset', t.request && t.request.dataset], ['Preset', t.request && t.request.preset],
        ['Model', t.model ? h('a', { href: '#/font' }, t.model) : null], ['Error', t.error && t.error.message],
        ['Created', when(t.created_at)]]));
    if (t.status !== lastState) {
      lastState = t.status;
      replace(actions, actionsFor(t, refresh));
    }
    const metrics = await api.get(`/v1/trainings/${id}/metrics?points=200`, { signal: page.signal });
    const series = (prefix, rows) => {
      const names = new Set(rows.flatMap((r) => Object.keys(r.values)).filter((n) => n.startsWith(prefix)));
      return [...names].sort().map((n) => ({ name: n, points: rows.filter((r) => n in r.values).map((r) => [r.iteration, r.values[n]]) }));
    };
    replace(losses, lineChart(series('loss_', metrics.rows), { label: 'losses' }));
    replace(validation, lineChart(series('held_out_l1', metrics.rows), { label: 'held-out L1' }));
    const list = await api.get(`/v1/trainings/${id}/samples`, { signal: page.signal });
    const latest = ['train', 'test'].map((split) => list.items.filter((s) => s.split === split).at(-1)).filter(Boolean);
    const key = latest.map((s) => s.name).join();
    if (key && key !== shownSample) {
      shownSample = key;
      const urls = await Promise.all(latest.map((s) => api.blobUrl(s.url, { signal: page.signal })));
      replace(samples, latest.map((s, i) => h('figure', {}, h('img', { src: urls[i], alt: `${s.split} samples at iteration ${s.iteration}`, class: 'sample' }),
        h('figcaption', { class: 'hint' }, `${s.split} classes, iteration ${s.iteration} (rows: ${list.rows.join(', ')})`))));
    } else if (!key) {
      replace(samples, h('p', { class: 'hint' }, 'No sample grid yet.'));
    }
    return t;
  };
  page.onLeave(every(2500, refresh));
}

function actionsFor(t, refresh) {
  if (!['succeeded', 'failed', 'canceled'].includes(t.status)) {
    return h('button', { type: 'button', class: 'secondary', id: 'cancel-training', onclick: () => attempt(async () => {
      await api.post(`/v1/trainings/${t.id}/cancel`);
      await refresh();
    }) }, 'Cancel');
  }
  const more = h('input', { type: 'number', id: 'continue-iterations', min: String(t.iteration + 1),
    value: String(t.iteration + 100), 'data-field': 'iterations' });
  return h('form', { id: 'continue-form', onsubmit: (e) => {
    e.preventDefault();
    attempt(async () => {
      const next = await api.post(`/v1/trainings/${t.id}/continue`, { iterations: Number(more.value) });
      location.hash = `#/trainings/${next.id}`;
    });
  } }, h('label', { for: 'continue-iterations' }, 'Continue to (total iterations)'), more,
  h('button', { type: 'submit', id: 'continue-training' }, 'Continue'));
}
