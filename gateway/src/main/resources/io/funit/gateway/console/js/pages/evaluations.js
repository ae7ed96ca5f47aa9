// Evaluations: start one (a model on a dataset's held-out classes at several K), watch it, read its report here.

import * as api from '../api.js';
import { h, replace, attempt, badge, progressBar, when, every, facts, number, select } from '../ui.js';
import { modelPicker } from './models.js';

export async function render(main, params, page) {
  return params.id ? detail(main, params.id, page) : list(main, page);
}

async function list(main, page) {
  const picker = await modelPicker({ id: 'eval-model' });
  const datasets = (await api.get('/v1/datasets?status=succeeded&limit=100')).items;
  const dataset = select({ id: 'eval-dataset', 'data-field': 'dataset' }, datasets.map((d) => [d.id, d.name || d.id]));
  const k = h('input', { type: 'text', id: 'eval-k', value: '1, 5', 'data-field': 'k' });
  const contents = h('input', { type: 'number', id: 'eval-contents', min: '1', value: '20', 'data-field': 'contents' });
  // other registered models scored on the same draws (the paper's Table 1 puts StarGAN beside FUNIT)
  const models = picker.models;
  const compare = h('select', { id: 'eval-baselines', multiple: true, size: String(Math.min(4, Math.max(2, models.length))),
    'data-field': 'baselines' }, models.map((m) => h('option', { value: m.id },
    `${m.preset || 'model'} · ${m.iterations ?? '?'} it · ${m.id.slice(0, 8)}`)));
  const form = h('form', { class: 'card', id: 'eval-form' }, h('h3', {}, 'Start an evaluation'), picker.element,
    h('label', { for: 'eval-dataset' }, 'Dataset (its held-out classes are the targets)'), dataset,
    h('label', { for: 'eval-k' }, 'K values (comma-separated)'), k,
    h('label', { for: 'eval-contents' }, 'Content images per K'), contents,
    h('label', { for: 'eval-baselines' }, 'Compare with (optional: models scored on the same draws, at every K)'), compare,
    h('button', { type: 'submit', id: 'start-eval' }, 'Evaluate'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    attempt(async () => {
      const ks = k.value.split(',').map((v) => v.trim()).filter(Boolean).map(Number);
      const baselines = Array.from(compare.selectedOptions).map((o) => ({ name: rowName(models.find((m) => m.id === o.value)),
        model: o.value }));
      const evaluation = await api.post('/v1/evaluations', { model: picker.value(), dataset: dataset.value, k: ks,
        contents: Number(contents.value), baselines });
      location.hash = `#/evaluations/${evaluation.id}`;
    });
  });
  const rows = h('tbody', { id: 'eval-rows' });
  replace(main, h('h2', {}, 'Evaluations'), form, h('section', { class: 'card' }, h('div', { class: 'table-wrap' },
    h('table', {}, h('thead', {}, h('tr', {}, ['Evaluation', 'State', 'Model', 'Dataset', 'Created'].map((c) => h('th', {}, c)))), rows))));
  page.onLeave(every(4000, async () => {
    const items = (await api.get('/v1/evaluations?limit=50', { signal: page.signal })).items;
    replace(rows, items.length ? items.map((e) => h('tr', {}, h('td', {}, h('a', { href: `#/evaluations/${e.id}` }, e.id.slice(0, 8))),
      h('td', {}, badge(e.status)), h('td', {}, (e.model || '').slice(0, 8)), h('td', {}, (e.dataset || '').slice(0, 8)),
      h('td', {}, when(e.created_at)))) : h('tr', {}, h('td', { colspan: '5' }, 'No evaluations yet.')));
  }));
}

/** A baseline model's row in the report: its preset and id, in the request's name alphabet (a-z, 0-9, _). */
function rowName(model) {
  const name = `${model.preset || 'model'}_${model.id.slice(0, 8)}`.toLowerCase().replace(/[^a-z0-9_]+/g, '_');
  return (/^[a-z]/.test(name) ? name : `m_${name}`).slice(0, 32);
}

async function detail(main, id, page) {
  const head = h('div', { id: 'eval-head' });
  const report = h('div', { id: 'eval-report' });
  replace(main, h('h2', {}, `Evaluation ${id.slice(0, 8)}`), h('section', { class: 'card' }, head), report);
  const show = async (e) => {
    const p = e.progress || {};
    replace(head, h('p', {}, badge(e.status || e.state)), p.total ? progressBar(p.done, p.total, 'evaluation progress') : null,
      facts([['Progress', p.message], ['Model', e.model], ['Dataset', e.dataset], ['Error', e.error && e.error.message],
        ['FUNIT', e.funit ? e.funit.map((r) => `K=${r.k}: ${Object.entries(r.scores).map(([n, v]) => `${n} ${number(v, 3)}`).join(', ')}`).join(' · ') : null],
        ['Created', when(e.created_at)]]));
  };
  const first = await api.get(`/v1/evaluations/${id}`);
  await show(first);
  if (!['succeeded', 'failed', 'canceled'].includes(first.status)) {
    page.onLeave(every(3000, async () => show(await api.get(`/v1/evaluations/${id}`, { signal: page.signal }))));
    await api.followJob(id, () => {}, page.signal);
  }
  const done = await api.get(`/v1/evaluations/${id}`);
  await show(done);
  if (done.links.report) {
    // the report is a self-contained page: shown in a sandboxed frame, so nothing in it can run
    const url = await api.blobUrl(done.links.report, { signal: page.signal });
    replace(report, h('section', { class: 'card' }, h('h3', {}, 'Report'),
      h('iframe', { class: 'report', id: 'report-frame', src: url, sandbox: '', title: 'evaluation report' }),
      h('a', { class: 'button', href: url, download: `evaluation-${id}.html` }, 'Download the report')));
  }
}
