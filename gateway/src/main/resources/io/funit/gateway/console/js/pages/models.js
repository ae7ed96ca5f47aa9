// The model picker: registered models (the default first), with the chosen model's card summary and held-out score.

import * as api from '../api.js';
import { h, replace, attempt, number } from '../ui.js';

/** {element, value(), models}: a labelled <select> of models, the summary of the selected one, and the models listed. */
export async function modelPicker({ textOnly = false, id = 'model' } = {}) {
  const list = await api.get('/v1/models');
  const models = list.items.filter((m) => !textOnly || m.draws_text)
    .sort((a, b) => (b.default ? 1 : 0) - (a.default ? 1 : 0));
  const chooser = h('select', { id, 'data-field': 'model' }, models.map((m) => h('option', { value: m.id },
    `${m.default ? '★ ' : ''}${m.dataset_name || m.preset || 'model'} · ${m.iterations ?? '?'} it · ${m.id.slice(0, 8)}`)));
  const summary = h('div', { id: `${id}-card`, class: 'hint', 'aria-live': 'polite' });
  const show = () => attempt(async () => {
    if (!chooser.value) {
      replace(summary, textOnly ? 'No model draws text yet: train one on a font dataset.' : 'No model is registered yet.');
      return;
    }
    const model = await api.get(`/v1/models/${encodeURIComponent(chooser.value)}`);
    replace(summary, describe(model));
  });
  chooser.addEventListener('change', show);
  await show();
  return {
    element: h('div', {}, h('label', { for: id }, 'Model'), chooser, summary),
    value: () => chooser.value || null,
    models,
  };
}

function describe(model) {
  const card = model.card;
  const held = model.held_out;
  const parts = [`${card.preset || '?'} · ${card.image_size} px · ${card.iterations} iterations`,
    `trained on ${card.dataset_name || card.dataset || '?'} (${(card.classes_seen || []).length} classes)`];
  if (card.content_font) {
    parts.push(`draws text with ${card.content_font.face} (${Array.from(card.content_font.charset).length} characters)`);
  }
  const score = held ? h('span', { class: 'score' }, `held-out L1 ${number(held.model)} on ${held.fonts} unseen fonts at K = ${held.k} `
    + `(copying the content ${number(held.copy_content)}, class mean ${number(held.class_mean)}; lower is better)`) : null;
  return [h('span', {}, parts.join(' · ')), h('br'), score];
}
