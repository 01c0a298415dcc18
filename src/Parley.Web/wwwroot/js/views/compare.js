// Two runs side by side: each issue and model's forecast in both, and the change; when the runs
// are of two versions of one scenario, what changed between the versions.
import { api } from '../api.js';
import { fill, h, interval, message, num } from '../dom.js';
import { changesTable } from './diff.js';

export async function compareView(a, b) {
  const root = h('section', { class: 'page' }, h('h1', {}, 'Compare two runs'));
  const runs = await api.runs(200);
  const pick = (name, value) => h('select', { id: `compare-${name}`, onchange: go },
    h('option', { value: '' }, '— choose a run —'),
    runs.filter((r) => r.status === 'succeeded').map((r) => h('option', { value: r.id, selected: String(r.id) === String(value) }, `Run ${r.id}: ${r.scenario_title ?? r.scenario} v${r.version}${r.whatif.length ? ' (what if)' : ''}`)));
  const left = pick('a', a);
  const right = pick('b', b);
  function go() { location.hash = `#/compare?a=${left.value}&b=${right.value}`; }
  const body = h('div', { id: 'comparison' });
  root.append(h('div', { class: 'toolbar' }, left, ' with ', right), body);
  if (!a || !b) {
    body.append(h('p', { class: 'hint' }, 'Choose two runs (or tick two in the history).'));
    return { element: root };
  }
  const [ra, rb] = await Promise.all([api.run(a), api.run(b)]);
  if (!ra.result || !rb.result) {
    body.append(message('error', 'Both runs must have succeeded.'));
    return { element: root };
  }
  const rows = [];
  for (const issue of ra.result.issues) {
    const other = rb.result.issues.find((i) => i.id === issue.id);
    for (const [model, r] of Object.entries(issue.models)) {
      const o = other?.models[model];
      rows.push(h('tr', {}, h('td', {}, issue.name), h('td', {}, model),
        h('td', { class: 'num' }, num(r.forecast)), h('td', { class: 'num' }, interval((r.interval ?? r.sensitivity)?.['80'])),
        h('td', { class: 'num' }, o ? num(o.forecast) : '—'), h('td', { class: 'num' }, o ? interval((o.interval ?? o.sensitivity)?.['80']) : '—'),
        h('td', { class: 'num' }, o ? `${o.forecast - r.forecast >= 0 ? '+' : ''}${num(o.forecast - r.forecast)}` : '—')));
    }
  }
  const describe = (r) => `Run ${r.id}: scenario ${r.scenario} v${r.version}, ${r.models.length} models, ${r.draws} draws, seed ${r.seed}${r.whatif.length ? `, what if ${r.whatif.join(', ')}` : ''}`;
  fill(body,
    h('p', {}, 'A: ', h('a', { href: `#/runs/${ra.id}` }, describe(ra))),
    h('p', {}, 'B: ', h('a', { href: `#/runs/${rb.id}` }, describe(rb))),
    h('table', { class: 'list', id: 'compare-table' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Issue'), h('th', {}, 'Model'), h('th', {}, 'A'), h('th', {}, 'A 80%'), h('th', {}, 'B'), h('th', {}, 'B 80%'), h('th', {}, 'B − A'))),
      h('tbody', {}, rows)));
  if (ra.scenario === rb.scenario && ra.version !== rb.version) {
    const diff = await api.diff(ra.scenario, Math.min(ra.version, rb.version), Math.max(ra.version, rb.version));
    body.append(h('h2', {}, `What changed from version ${diff.from} to ${diff.to}`), changesTable(diff));
  }
  return { element: root };
}
