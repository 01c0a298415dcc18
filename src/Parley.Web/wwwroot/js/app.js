// Parley's dashboard: a hash router over the views. Every number comes from the REST API.
import { api } from './api.js';
import { fill, h, message } from './dom.js';
import { scenariosView } from './views/scenarios.js';
import { editorView } from './views/editor.js';
import { runView } from './views/run.js';
import { historyView } from './views/history.js';
import { compareView } from './views/compare.js';
import { diffView } from './views/diff.js';

const app = document.getElementById('app');

const routes = [
  [/^#?\/?$/, () => scenariosView(), 'scenarios'],
  [/^#\/scenarios\/new$/, () => editorView({}), 'scenarios'],
  [/^#\/scenarios\/(\d+)$/, (m) => editorView({ id: Number(m[1]) }), 'scenarios'],
  [/^#\/scenarios\/(\d+)\/v\/(\d+)$/, (m) => editorView({ id: Number(m[1]), version: Number(m[2]) }), 'scenarios'],
  [/^#\/scenarios\/(\d+)\/diff$/, (m, q) => diffView(Number(m[1]), Number(q.get('from')), Number(q.get('to'))), 'scenarios'],
  [/^#\/runs\/(\d+)$/, (m) => runView(Number(m[1])), 'history'],
  [/^#\/history$/, () => historyView(), 'history'],
  [/^#\/compare$/, (m, q) => compareView(q.get('a'), q.get('b')), 'compare'],
];

let current = null;

async function route() {
  const [path, query] = (location.hash || '#/').split('?');
  const params = new URLSearchParams(query ?? '');
  for (const [pattern, view, nav] of routes) {
    const match = path.match(pattern);
    if (!match) continue;
    document.querySelectorAll('[data-nav]').forEach((a) => a.classList.toggle('active', a.dataset.nav === nav));
    current?.dispose?.();
    current = null;
    fill(app, h('p', { class: 'loading' }, 'Loading…'));
    try {
      current = await view(match, params);
      fill(app, current.element);
      current.shown?.();
    } catch (error) {
      fill(app, message('error', error.message ?? String(error)));
    }
    return;
  }
  fill(app, message('error', `No page ${path}.`));
}

window.addEventListener('hashchange', route);
route();
api.version().then((v) => { document.getElementById('version').textContent = `Parley ${v.parley_version}`; }, () => {});
