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
  // other registered models scored on the same draws (the paper's Table 1 puts StarGAN beside FUNIT); a model trained
  // on an `unfair` dataset saw its K-set of every held-out class, so it is a row at that K only
  const models = picker.models;
  const unfairK = new Map(datasets.filter((d) => d.kind === 'unfair' && d.request)
    .map((d) => [d.id, Number(d.request.k)]));
  const compare = h('select', { id: 'eval-baselines', multiple: true, size: String(Math.min(4, Math.max(2, models.length))),
    'data-field': 'baselines' }, models.map((m) => h('option', { value: m.id },
    `${m.preset || 'model'} · ${m.iterations ?? '?'} it · ${m.id.slice(0, 8)}`
    + (unfairK.has(m.dataset) ? ` · unfair, at K=${unfairK.get(m.dataset)} only` : ''))));
  const shotSets = select({ id: 'eval-shot-sets', 'data-field': 'shot_sets' }, [
    ['per_draw', 'Drawn again for every translation'],
    ['fixed', 'One K-set per class (the images an unfair dataset adds)']]);
  const classify = h('input', { type: 'checkbox', id: 'eval-classification' });
  const classifyK = h('input', { type: 'text', id: 'eval-classification-k', value: '1, 2, 5',
    'data-field': 'classification.k' });
  const classifyN = h('input', { type: 'text', id: 'eval-classification-generated', value: '10, 50, 100',
    'data-field': 'classification.generated' });
  const form = h('form', { class: 'card', id: 'eval-form' }, h('h3', {}, 'Start an evaluation'), picker.element,
    h('label', { for: 'eval-dataset' }, 'Dataset (its held-out classes are the targets)'), dataset,
    h('label', { for: 'eval-k' }, 'K values (comma-separated)'), k,
    h('label', { for: 'eval-contents' }, 'Content images per K'), contents,
    h('label', { for: 'eval-baselines' }, 'Compare with (optional: models scored on the same draws, at every K; '
      + 'a model of an unfair dataset at its K)'), compare,
    h('label', { for: 'eval-shot-sets' }, 'Class images of a held-out class'), shotSets,
    h('fieldset', {}, h('legend', {}, 'Few-shot classification'),
      h('label', {}, classify, 'Classify the held-out classes from K real images, then with N generated ones too')),
    h('label', { for: 'eval-classification-k' }, 'Classification: real images per class (K values)'), classifyK,
    h('label', { for: 'eval-classification-generated' }, 'Classification: generated images per class (N values)'),
    classifyN,
    h('button', { type: 'submit', id: 'start-eval' }, 'Evaluate'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    attempt(async () => {
      const baselines = Array.from(compare.selectedOptions).map((o) => {
        const model = models.find((m) => m.id === o.value);
        const atK = unfairK.get(model.dataset);
        return atK ? { name: rowName(model), model: o.value, k: atK } : { name: rowName(model), model: o.value };
      });
      const request = { model: picker.value(), dataset: dataset.value, k: numbers(k), contents: Number(contents.value),
        baselines, shot_sets: shotSets.value };
      if (classify.checked) request.classification = { k: numbers(classifyK), generated: numbers(classifyN) };
      const evaluation = await api.post('/v1/evaluations', request);
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

/** The numbers of a comma-separated field, as typed: the API names a bad one. */
function numbers(input) {
  return input.value.split(',').map((v) => v.trim()).filter(Boolean).map(Number);
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
