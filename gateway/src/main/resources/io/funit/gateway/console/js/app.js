// The console's shell: sign-in with an API key, and a hash router over the pages. Each page gets a lifecycle
// (an AbortSignal for its requests and streams, onLeave for its timers) that ends when the user navigates away.

import * as api from './api.js';
import { h, replace, attempt, clearError } from './ui.js';
import * as font from './pages/font.js';
import * as translate from './pages/translate.js';
import * as trainings from './pages/trainings.js';
import * as datasets from './pages/datasets.js';
import * as evaluations from './pages/evaluations.js';
import * as jobs from './pages/jobs.js';

const PAGES = { font, translate, trainings, datasets, evaluations, jobs };
const main = document.getElementById('main');
const nav = document.getElementById('nav');
let current = null;

function signIn() {
  nav.hidden = true;
  const key = h('input', { type: 'password', id: 'api-key', autocomplete: 'off', required: true, 'data-field': 'key',
    placeholder: 'fk_…' });
  const form = h('form', { class: 'card', id: 'sign-in-form' }, h('h2', {}, 'Sign in'),
    h('label', { for: 'api-key' }, 'API key'), key,
    h('p', { class: 'hint' }, './funit up prints one (and keeps it in funit-data/api-key). It stays in this tab only.'),
    h('button', { type: 'submit', id: 'sign-in' }, 'Sign in'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    attempt(async () => {
      api.session.signIn(key.value.trim());
      try {
        await api.get('/v1/models');
      } catch (error) {
        api.session.signOut();
        if (error.status === 401) error.field = 'key';
        throw error;
      }
      route();
    });
  });
  replace(main, form);
  key.focus();
}

async function route() {
  if (current) current.leave();
  clearError();
  if (!api.session.key) {
    signIn();
    return;
  }
  nav.hidden = false;
  const [name, id] = (location.hash.replace(/^#\/?/, '') || 'font').split('/');
  const page = PAGES[name] ? name : 'font';
  nav.querySelectorAll('a').forEach((a) => a.toggleAttribute('aria-current', a.getAttribute('href') === `#/${page}`));
  nav.querySelectorAll('a[aria-current]').forEach((a) => a.setAttribute('aria-current', 'page'));
  const controller = new AbortController();
  const leaving = [];
  current = { leave: () => { controller.abort(); leaving.forEach((fn) => fn()); } };
  const lifecycle = { signal: controller.signal, onLeave: (fn) => leaving.push(fn) };
  replace(main, h('p', { class: 'status' }, 'Loading…'));
  await attempt(() => PAGES[page].render(main, { id: id ? decodeURIComponent(id) : null }, lifecycle));
  main.focus({ preventScroll: true });
}

document.getElementById('sign-out').addEventListener('click', () => {
  api.session.signOut();
  location.hash = '#/font';
  route();
});
window.addEventListener('hashchange', route);
route();
