// Small DOM helpers: building elements, showing problems, formatting, progress bars and line charts.

/** h('div', {class: 'x', onclick: f}, child, ...): an element; strings become text, never HTML. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) el.addEventListener(name.slice(2), value);
    else if (name === 'class') el.className = value;
    else if (name in el && typeof value !== 'string') el[name] = value;
    else el.setAttribute(name, value === true ? '' : value);
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

export function replace(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

const errors = () => document.getElementById('errors');

/** Shows an error: a problem+json names its field, and the control of that field is marked and focused. */
export function showError(error) {
  clearError();
  const problem = error && error.problem;
  const field = error && error.field;
  const detail = problem ? (problem.detail || problem.title) : (error && error.message) || String(error);
  replace(errors(), problem && problem.title ? `${problem.title}: ` : 'Error: ',
    field ? h('span', { class: 'field' }, `${field}`) : null, field ? ' — ' : null, detail);
  if (field) {
    const base = field.replace(/\[\d+\]$/, '');
    const control = document.querySelector(`[data-field="${CSS.escape(field)}"]`)
      || document.querySelector(`[data-field="${CSS.escape(base)}"]`);
    if (control) {
      control.setAttribute('aria-invalid', 'true');
      control.setAttribute('aria-describedby', 'errors');
      control.focus();
    }
  }
}

export function clearError() {
  replace(errors());
  document.querySelectorAll('[aria-invalid="true"]').forEach((el) => el.removeAttribute('aria-invalid'));
}

/** Runs an async action, showing its error; returns its result or undefined. */
export async function attempt(action) {
  try {
    clearError();
    return await action();
  } catch (e) {
    if (e && e.name === 'AbortError') return undefined;
    showError(e);
    return undefined;
  }
}

export function badge(state) {
  return h('span', { class: `badge ${state || ''}` }, state || '—');
}

export function progressBar(done, total, label) {
  const share = total > 0 ? Math.max(0, Math.min(1, done / total)) : 0;
  const bar = h('div', { class: 'progress', role: 'progressbar', 'aria-valuemin': '0', 'aria-valuemax': '100',
    'aria-valuenow': String(Math.round(share * 100)), 'aria-label': label || 'progress' }, h('div'));
  bar.firstChild.style.width = `${(share * 100).toFixed(1)}%`;
  return bar;
}

export function duration(seconds) {
  if (seconds === undefined || seconds === null || !isFinite(seconds)) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.round((s % 3600) / 60)} min`;
}

export function when(iso) {
  return iso ? new Date(iso).toLocaleString() : '—';
}

export function number(value, digits = 4) {
  return typeof value === 'number' ? value.toFixed(digits) : '—';
}

export function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs.filter(([, v]) => v !== undefined && v !== null)
    .map(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]));
}

const COLORS = ['#2456c7', '#c2410c', '#15803d', '#7c3aed', '#b91c1c', '#0e7490', '#a16207', '#4b5563'];

/** An SVG line chart of named series of [x, y] points, with a legend; a series with no points is left out. */
export function lineChart(series, { width = 640, height = 220, label = 'chart' } = {}) {
  const shown = series.filter((s) => s.points.length > 0);
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('class', 'chart');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', label);
  const pad = { l: 48, r: 10, t: 10, b: 22 };
  const xs = shown.flatMap((s) => s.points.map((p) => p[0]));
  const ys = shown.flatMap((s) => s.points.map((p) => p[1])).filter(isFinite);
  if (!xs.length || !ys.length) return h('p', { class: 'hint' }, 'No points yet.');
  let [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  if (x1 === x0) x1 = x0 + 1;
  if (y1 === y0) { y1 += 1; y0 -= 1; }
  const X = (x) => pad.l + ((x - x0) / (x1 - x0)) * (width - pad.l - pad.r);
  const Y = (y) => height - pad.b - ((y - y0) / (y1 - y0)) * (height - pad.t - pad.b);
  const text = (x, y, s, anchor) => {
    const t = document.createElementNS(ns, 'text');
    t.setAttribute('x', x); t.setAttribute('y', y); t.setAttribute('text-anchor', anchor); t.textContent = s;
    svg.append(t);
  };
  text(pad.l - 4, Y(y1) + 4, y1.toPrecision(3), 'end');
  text(pad.l - 4, Y(y0), y0.toPrecision(3), 'end');
  text(X(x0), height - 6, String(x0), 'start');
  text(X(x1), height - 6, String(x1), 'end');
  const axis = document.createElementNS(ns, 'path');
  axis.setAttribute('d', `M${pad.l},${pad.t}V${height - pad.b}H${width - pad.r}`);
  axis.setAttribute('stroke', '#d7dce2'); axis.setAttribute('fill', 'none');
  svg.append(axis);
  shown.forEach((s, i) => {
    const path = document.createElementNS(ns, 'path');
    path.setAttribute('d', s.points.filter((p) => isFinite(p[1]))
      .map((p, j) => `${j ? 'L' : 'M'}${X(p[0]).toFixed(1)},${Y(p[1]).toFixed(1)}`).join(''));
    path.setAttribute('stroke', COLORS[i % COLORS.length]);
    path.setAttribute('fill', 'none');
    path.setAttribute('stroke-width', '1.5');
    svg.append(path);
  });
  const legend = h('div', { class: 'legend' }, shown.map((s, i) => {
    const item = h('span', {}, s.name);
    item.style.setProperty('--c', COLORS[i % COLORS.length]);
    return item;
  }));
  return h('div', {}, svg, legend);
}

/** Repeats fn every ms until stop() (and once at once); errors are shown, not thrown. */
export function every(ms, fn) {
  let timer = null;
  let stopped = false;
  const tick = async () => {
    if (stopped) return;
    try { await fn(); } catch (e) { if (!stopped && e.name !== 'AbortError') showError(e); }
    if (!stopped) timer = setTimeout(tick, ms);
  };
  tick();
  return () => { stopped = true; clearTimeout(timer); };
}

/** A <select> of options [value, label]; the first is selected unless `selected` names one. */
export function select(attrs, options, selected) {
  return h('select', attrs, options.map(([value, label]) => h('option', { value, selected: value === selected }, label)));
}

/** Downloads a blob under a file name. */
export function download(blobValue, name) {
  const url = URL.createObjectURL(blobValue);
  const a = h('a', { href: url, download: name });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
