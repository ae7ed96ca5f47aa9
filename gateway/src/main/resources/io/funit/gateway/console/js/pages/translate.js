// Translate images: content images × K class images, results beside their inputs.

import * as api from '../api.js';
import { h, replace, attempt } from '../ui.js';
import { modelPicker } from './models.js';

export async function render(main, _params, page) {
  const content = h('input', { type: 'file', id: 'content', accept: 'image/*', multiple: true, 'data-field': 'content' });
  const classes = h('input', { type: 'file', id: 'class', accept: 'image/*', multiple: true, 'data-field': 'class' });
  const format = h('select', { id: 'output-format', 'data-field': 'output_format' },
    h('option', { value: 'png' }, 'PNG'), h('option', { value: 'jpeg' }, 'JPEG'));
  const picker = await modelPicker({ id: 'translate-model' });
  const status = h('p', { class: 'status', id: 'translate-status', role: 'status', 'aria-live': 'polite' });
  const go = h('button', { type: 'submit', id: 'translate' }, 'Translate');
  const results = h('div', { id: 'translate-results' });
  const form = h('form', { class: 'card' }, picker.element,
    h('label', { for: 'content' }, 'Content images'), content,
    h('label', { for: 'class' }, 'Class images (K)'), classes,
    h('label', { for: 'output-format' }, 'Output format'), format, go, status);
  replace(main, h('h2', {}, 'Translate images'), form, results);

  form.addEventListener('submit', (e) => {
    e.preventDefault();
    attempt(async () => {
      go.disabled = true;
      try {
        const body = new FormData();
        if (picker.value()) body.append('model', picker.value());
        body.append('output_format', format.value);
        const contents = Array.from(content.files);
        const classImages = Array.from(classes.files);
        contents.forEach((f) => body.append('content', f, f.name));
        classImages.forEach((f) => body.append('class', f, f.name));
        status.textContent = 'Translating…';
        let view = await api.postForm('/v1/translations', body, { headers: { Prefer: 'wait=60' }, signal: page.signal });
        if (view.status !== 'succeeded') {
          const ended = await api.followJob(view.id, (job) => { status.textContent = job.state; }, page.signal);
          view = await api.get(`/v1/translations/${view.id}`);
          if (!ended || view.status !== 'succeeded') throw new Error(`the translation ${view.status}`);
        }
        const outputs = await Promise.all(view.outputs.map((o) => api.blobUrl(o.url)));
        const extension = view.output_format === 'jpeg' ? 'jpg' : 'png';
        const row = (o, i) => h('tr', {},
          h('td', {}, h('div', { class: 'thumbs' },
            h('img', { src: URL.createObjectURL(contents[i]), alt: `content ${contents[i].name}` }))),
          h('td', {}, h('div', { class: 'thumbs' },
            h('img', { src: outputs[i], alt: `translation of ${contents[i].name}` })),
          h('a', { href: outputs[i], download: `translation-${i}.${extension}` }, 'download')));
        const table = h('table', {},
          h('thead', {}, h('tr', {}, h('th', {}, 'Content'), h('th', {}, 'Translation'))),
          h('tbody', {}, view.outputs.map(row)));
        replace(results, h('section', { class: 'card' },
          h('h3', {}, `Class images (K = ${view.k})`),
          h('div', { class: 'thumbs' }, classImages.map((f) => h('img', { src: URL.createObjectURL(f), alt: `class ${f.name}` }))),
          h('div', { class: 'table-wrap' }, table)));
        status.textContent = `Done: ${view.outputs.length} translation(s)`;
      } finally {
        go.disabled = false;
      }
    });
  });
}
