// Datasets: the list, building a font dataset, uploading a class-folder archive (with upload progress and the
// file-by-file import report), and a page per dataset with its contact sheet.

import * as api from '../api.js';
import { h, replace, attempt, badge, progressBar, when, every, facts, select } from '../ui.js';

const FONT_PRESETS = [['ci', 'ci (a few fonts, seconds)'], ['starter300', 'starter300'],
  ['starter300-faces', 'starter300-faces'], ['all-latin', 'all-latin']];

export async function render(main, params, page) {
  return params.id ? detail(main, params.id, page) : list(main, page);
}

async function list(main, page) {
  const rows = h('tbody', { id: 'dataset-rows' });
  const name = h('input', { type: 'text', id: 'fonts-name', 'data-field': 'name', placeholder: 'optional' });
  const preset = select({ id: 'fonts-preset', 'data-field': 'preset' }, FONT_PRESETS);
  const size = h('input', { type: 'number', id: 'fonts-size', min: '16', max: '256', value: '32', 'data-field': 'size' });
  const build = h('form', { class: 'card', id: 'fonts-form' }, h('h3', {}, 'Build a font dataset'),
    h('label', { for: 'fonts-name' }, 'Name'), name, h('label', { for: 'fonts-preset' }, 'Fonts'), preset,
    h('label', { for: 'fonts-size' }, 'Glyph size (px)'), size, h('button', { type: 'submit', id: 'build-fonts' }, 'Build'));
  build.addEventListener('submit', (e) => {
    e.preventDefault();
    attempt(async () => {
      const request = { kind: 'fonts', preset: preset.value, size: Number(size.value) };
      if (name.value.trim()) request.name = name.value.trim();
      const dataset = await api.post('/v1/datasets', request);
      location.hash = `#/datasets/${dataset.id}`;
    });
  });
  const file = h('input', { type: 'file', id: 'archive', accept: '.zip,.tar,.tgz,.tar.gz', 'data-field': 'file' });
  const uploadName = h('input', { type: 'text', id: 'archive-name', 'data-field': 'name', placeholder: 'optional' });
  const uploadProgress = h('div', { id: 'upload-progress' });
  const upload = h('form', { class: 'card', id: 'upload-form' }, h('h3', {}, 'Upload class folders'),
    h('p', { class: 'hint' }, 'A zip or tar(.gz) with one folder of images per class.'),
    h('label', { for: 'archive' }, 'Archive'), file, h('label', { for: 'archive-name' }, 'Name'), uploadName,
    h('button', { type: 'submit', id: 'upload-archive' }, 'Upload'), uploadProgress);
  upload.addEventListener('submit', (e) => {
    e.preventDefault();
    attempt(async () => {
      const form = new FormData();
      if (file.files[0]) form.append('file', file.files[0], file.files[0].name);
      if (uploadName.value.trim()) form.append('name', uploadName.value.trim());
      const dataset = await api.upload('/v1/datasets', form, (sent, total) => replace(uploadProgress,
        progressBar(sent, total, 'upload progress'), `${Math.round((100 * sent) / total)} % of ${(total / 1e6).toFixed(1)} MB`));
      location.hash = `#/datasets/${dataset.id}`;
    });
  });
  replace(main, h('h2', {}, 'Datasets'), h('div', { class: 'row' }, build, upload),
    h('section', { class: 'card' }, h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, ['Dataset', 'State', 'Kind', 'Classes (train / test)', 'Images', 'Created'].map((c) => h('th', {}, c)))), rows))));
  page.onLeave(every(4000, async () => {
    const datasets = (await api.get('/v1/datasets?limit=50', { signal: page.signal })).items;
    replace(rows, datasets.length ? datasets.map((d) => h('tr', {},
      h('td', {}, h('a', { href: `#/datasets/${d.id}` }, d.name || d.id.slice(0, 8))), h('td', {}, badge(d.status)),
      h('td', {}, d.kind || '—'), h('td', {}, d.classes ? `${d.classes.train} / ${d.classes.test}` : '—'),
      h('td', {}, d.images ?? '—'), h('td', {}, when(d.created_at)))) : h('tr', {}, h('td', { colspan: '6' }, 'No datasets yet.')));
  }));
}

async function detail(main, id, page) {
  const head = h('div', { id: 'dataset-head' });
  const sheet = h('div', { id: 'contact-sheet' });
  const report = h('div', { id: 'import-report' });
  replace(main, h('h2', {}, 'Dataset'), h('section', { class: 'card' }, head),
    h('section', { class: 'card' }, h('h3', {}, 'Contact sheet'), sheet),
    h('section', { class: 'card' }, h('h3', {}, 'Import report'), report));
  let done = false;
  const stop = every(2500, async () => {
    if (done) return;
    const d = await api.get(`/v1/datasets/${id}`, { signal: page.signal });
    const p = d.progress || {};
    replace(head, h('p', {}, badge(d.status), ' ', d.name || d.id), p.total ? progressBar(p.done, p.total, 'build progress') : null,
      facts([['Id', d.id], ['Kind', d.kind], ['Progress', p.message], ['Classes', d.classes ? `${d.classes.train} training, ${d.classes.test} held out` : null],
        ['Images', d.images], ['Image size', d.image_size ? `${d.image_size} px` : null], ['Skipped', d.skipped],
        ['Error', d.error && d.error.message], ['Created', when(d.created_at)]]));
    if (['succeeded', 'failed', 'canceled'].includes(d.status)) {
      done = true;
      if (d.links.contact_sheet) replace(sheet, h('img', { class: 'sheet', src: await api.blobUrl(d.links.contact_sheet), alt: 'contact sheet: random classes by images' }));
      else replace(sheet, h('p', { class: 'hint' }, 'None.'));
      const link = d.links.import_report || d.links.report;
      replace(report, link ? importReport(await api.get(link)) : h('p', { class: 'hint' }, 'None.'));
    }
  });
  page.onLeave(stop);
}

function importReport(r) {
  const skipped = r.skipped || [];
  return h('div', {}, facts([['Entries', r.entries], ['Images accepted', r.accepted_images], ['Classes', r.classes],
    ['Skipped', skipped.length]]),
  skipped.length ? h('div', { class: 'table-wrap' }, h('table', {}, h('thead', {}, h('tr', {}, h('th', {}, 'Path'), h('th', {}, 'Kind'), h('th', {}, 'Reason'))),
    h('tbody', {}, skipped.slice(0, 500).map((s) => h('tr', {}, h('td', {}, s.path), h('td', {}, s.kind), h('td', {}, s.reason)))))) : null,
  r.entries === undefined ? h('pre', { class: 'log' }, JSON.stringify(r, null, 2)) : null);
}
