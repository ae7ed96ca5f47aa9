// Complete a font: K glyphs of a face (uploaded, or a stored style) in, the model's whole alphabet in that face out
// (an alphabet translation), then any text set from those glyphs as it is typed.

import * as api from '../api.js';
import { h, replace, attempt, number, download } from '../ui.js';
import { sliceGrid, setText } from '../glyphs.js';
import { modelPicker } from './models.js';

export async function render(main, _params, page) {
  const status = h('p', { class: 'status', id: 'font-status', role: 'status', 'aria-live': 'polite' });
  const classThumbs = h('div', { class: 'thumbs', id: 'class-images', 'aria-label': 'class images' });
  const files = h('input', { type: 'file', id: 'glyphs', accept: 'image/*', multiple: true, 'data-field': 'class' });
  const styles = (await api.get('/v1/styles')).items;
  const styleId = h('select', { id: 'style', 'data-field': 'style' }, styles.length
    ? styles.map((st) => h('option', { value: st.id }, `${st.name || st.id.slice(0, 8)} (K = ${st.k})`))
    : h('option', { value: '' }, 'no stored style yet'));
  const fontDatasets = (await api.get('/v1/datasets?status=succeeded&limit=100')).items.filter((d) => d.kind === 'fonts');
  const sourceDataset = h('select', { id: 'source-dataset', 'data-field': 'dataset' },
    fontDatasets.map((d) => h('option', { value: d.id }, d.name || d.id)));
  const sourceClass = h('select', { id: 'source-class', 'data-field': 'class' });
  const sourceK = h('input', { type: 'number', id: 'source-k', min: '1', max: '32', value: '5', 'data-field': 'k' });
  const loadClasses = () => attempt(async () => {
    if (!sourceDataset.value) return;
    const classes = (await api.get(`/v1/datasets/${sourceDataset.value}/classes?split=test`)).items;
    replace(sourceClass, classes.map((c) => h('option', { value: c.name }, `${c.name}${c.style ? ` (${c.style})` : ''}`)));
  });
  sourceDataset.addEventListener('change', loadClasses);
  const drop = h('div', { class: 'drop', id: 'drop' }, h('label', { for: 'glyphs' }, 'Glyph images'),
    'Drop them here, or choose them: ', files);
  const parts = {
    upload: h('div', {}, drop, h('p', { class: 'hint' }, 'Five glyphs of one face work well (K = 5).')),
    style: h('div', { hidden: true }, h('label', { for: 'style' }, 'Stored style'), styleId,
      h('p', { class: 'hint' }, 'A style made with POST /v1/styles: its class images are used.')),
    dataset: h('div', { hidden: true }, h('label', { for: 'source-dataset' }, 'Font dataset'), sourceDataset,
      h('label', { for: 'source-class' }, 'Held-out font (the dataset\'s test split)'), sourceClass,
      h('label', { for: 'source-k' }, 'Glyphs to take (K)'), sourceK),
  };
  const radio = (value, label, checked) => h('label', {},
    h('input', { type: 'radio', name: 'source', value, checked }), label);
  const source = h('fieldset', {}, h('legend', {}, 'Class images'), radio('upload', 'Upload glyphs', true),
    radio('style', 'Stored style', false), radio('dataset', 'Held-out font of a dataset', false),
    parts.upload, parts.style, parts.dataset);
  const sourceKind = () => source.querySelector('input[name=source]:checked').value;
  source.addEventListener('change', (e) => {
    if (e.target.name !== 'source') return;
    Object.entries(parts).forEach(([kind, part]) => { part.hidden = kind !== sourceKind(); });
    if (sourceKind() === 'dataset' && !sourceClass.options.length) loadClasses();
  });
  let chosen = [];
  const showFiles = (list) => {
    chosen = Array.from(list).filter((f) => f.size > 0);
    replace(classThumbs, chosen.map((f) => h('img', { src: URL.createObjectURL(f), alt: `class image ${f.name}` })));
  };
  files.addEventListener('change', () => showFiles(files.files));
  drop.addEventListener('dragover', (e) => { e.preventDefault(); drop.classList.add('over'); });
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (e) => { e.preventDefault(); drop.classList.remove('over'); showFiles(e.dataTransfer.files); });

  const picker = await modelPicker({ textOnly: true });
  const complete = h('button', { type: 'submit', id: 'complete' }, 'Complete the font');
  const form = h('form', { class: 'card', id: 'font-form' }, picker.element, source, complete, status);

  const sheet = h('img', { class: 'sheet', id: 'sheet', alt: 'the alphabet in the new face' });
  const glyphRow = h('div', { class: 'thumbs glyphs', id: 'glyph-list', 'aria-label': 'glyphs, click one to download' });
  const text = h('textarea', { id: 'text', rows: 2, 'data-field': 'text' }, 'Hamburgefonstiv');
  const preview = h('canvas', { class: 'preview', id: 'text-preview', role: 'img', 'aria-label': 'the text in the new face' });
  const missing = h('p', { class: 'hint', id: 'text-missing', 'aria-live': 'polite' });
  const downloadSheet = h('a', { class: 'button', id: 'download-sheet', download: 'alphabet.png' }, 'Download the sheet');
  const downloadZip = h('button', { type: 'button', class: 'secondary', id: 'download-zip' }, 'Download all glyphs (zip)');
  const downloadText = h('button', { type: 'button', class: 'secondary', id: 'download-text' }, 'Download the text');
  const result = h('section', { class: 'card', id: 'result', hidden: true },
    h('h3', {}, 'The alphabet'), sheet, h('div', {}, downloadSheet, downloadZip),
    h('h3', {}, 'Glyphs'), h('p', { class: 'hint' }, 'Select a glyph to download it alone.'), glyphRow,
    h('h3', {}, h('label', { for: 'text' }, 'Type any text')), text, missing, preview, h('div', {}, downloadText));

  replace(main, h('h2', {}, 'Complete a font'),
    h('p', { class: 'hint' }, 'Give a few glyphs of a face the model never saw; get every character it knows in that face.'),
    h('div', { class: 'row' }, h('div', {}, form), h('div', {}, h('section', { class: 'card' },
      h('h3', {}, 'Class images'), classThumbs))), result);

  let glyphs = new Map();
  let size = 0;
  let translation = null;
  const retype = () => {
    if (!glyphs.size) return;
    const lost = setText(preview, text.value, glyphs, size);
    preview.style.width = `${preview.width * 2}px`; // twice the model's size; the CSS caps it at the page's width
    missing.textContent = lost.length ? `Not in the model's charset: ${[...new Set(lost)].join(' ')}` : '';
  };
  text.addEventListener('input', retype);
  downloadZip.addEventListener('click', () => attempt(async () => {
    download(await api.blob(translation.zip_url), `glyphs-${translation.id}.zip`);
  }));
  downloadText.addEventListener('click', () => preview.toBlob((b) => download(b, 'text.png')));

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    attempt(async () => {
      complete.disabled = true;
      try {
        const body = new FormData();
        body.append('charset', 'alphabet');
        if (picker.value()) body.append('model', picker.value());
        if (sourceKind() === 'style') {
          body.append('style', styleId.value);
          await showStyle(styleId.value, classThumbs);
        } else if (sourceKind() === 'dataset') {
          // the held-out font's glyphs become a stored style, then the alphabet is drawn in it
          const style = await api.post('/v1/styles', { dataset: sourceDataset.value, class: sourceClass.value,
            k: Number(sourceK.value) });
          body.append('style', style.id);
          await showStyle(style.id, classThumbs);
        } else {
          chosen.forEach((f) => body.append('class', f, f.name));
        }
        status.textContent = 'Submitting…';
        const submitted = await api.postForm('/v1/translations', body);
        status.textContent = `Queued (${submitted.id})`;
        const ended = await api.followJob(submitted.id, (job) => {
          status.textContent = job.state === 'running' ? 'Translating…' : `${job.state[0].toUpperCase()}${job.state.slice(1)}`;
        }, page.signal);
        if (!ended || ended.state !== 'succeeded') {
          throw new Error(ended && ended.error ? ended.error.message : `the translation ended ${ended ? ended.state : 'without an answer'}`);
        }
        translation = await api.get(`/v1/translations/${submitted.id}`);
        const model = await api.get(`/v1/models/${translation.model}`);
        size = model.card.image_size;
        const url = await api.blobUrl(translation.sheet_url);
        sheet.src = url;
        downloadSheet.href = url;
        await sheet.decode();
        glyphs = sliceGrid(sheet, translation.outputs.map((o) => o.character), size);
        replace(glyphRow, [...glyphs.entries()].map(([character, canvas]) => {
          canvas.tabIndex = 0;
          canvas.setAttribute('role', 'button');
          canvas.setAttribute('aria-label', `download ${character}`);
          const save = () => canvas.toBlob((b) => download(b, `${character.codePointAt(0).toString(16).padStart(4, '0')}.png`));
          canvas.addEventListener('click', save);
          canvas.addEventListener('keydown', (k) => { if (k.key === 'Enter' || k.key === ' ') { k.preventDefault(); save(); } });
          return canvas;
        }));
        result.hidden = false;
        status.textContent = `Done: ${glyphs.size} glyphs in ${number((Date.parse(translation.updated_at) - Date.parse(translation.created_at)) / 1000, 1)} s`;
        retype();
      } finally {
        complete.disabled = false;
      }
    });
  });
}

async function showStyle(id, thumbs) {
  if (!id) return;
  const style = await api.get(`/v1/styles/${encodeURIComponent(id)}`);
  const urls = await Promise.all(style.class_urls.map((u) => api.blobUrl(u)));
  replace(thumbs, urls.map((u, j) => h('img', { src: u, alt: `class image ${j + 1} of style ${style.name || id}` })));
}

