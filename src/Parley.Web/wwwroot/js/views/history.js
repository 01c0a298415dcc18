// The run history: every run kept in the database, newest first; pick two to compare.
import { api } from '../api.js';
import { h, num, when } from '../dom.js';

export async function historyView() {
  const runs = await api.runs(200);
  const chosen = new Set();
  const compare = h('button', {
    class: 'button primary', id: 'compare-runs', disabled: true,
    onclick: () => { const [a, b] = [...chosen]; location.hash = `#/compare?a=${a}&b=${b}`; },
  }, 'Compare the two chosen runs');
  const rows = runs.map((r) => h('tr', { dataset: { run: r.id } },
    h('td', {}, h('input', {
      type: 'checkbox', 'aria-label': `choose run ${r.id}`,
      onchange: (e) => { if (e.target.checked) chosen.add(r.id); else chosen.delete(r.id); compare.disabled = chosen.size !== 2; },
    })),
    h('td', {}, h('a', { href: `#/runs/${r.id}` }, `Run ${r.id}`)),
    h('td', {}, when(r.created_at)),
    h('td', {}, h('a', { href: `#/scenarios/${r.scenario}/v/${r.version}` }, `${r.scenario_title ?? r.scenario} (v${r.version})`)),
    h('td', {}, r.models.join(', ')),
    h('td', { class: 'num' }, r.draws),
    h('td', { class: 'num' }, r.seed),
    h('td', {}, r.whatif.join(', ')),
    h('td', { class: `status-${r.status}` }, r.status),
    h('td', { class: 'num' }, r.run_ms ? `${num(r.run_ms, 0)} ms` : '')));
  const element = h('section', { class: 'page' },
    h('h1', {}, 'Run history'),
    runs.length === 0 ? h('p', { class: 'empty' }, 'No runs yet.') : h('div', {},
      h('div', { class: 'toolbar' }, compare),
      h('table', { class: 'list', id: 'history' },
        h('thead', {}, h('tr', {}, h('th', {}), h('th', {}, 'Run'), h('th', {}, 'When'), h('th', {}, 'Scenario'), h('th', {}, 'Models'), h('th', {}, 'Draws'), h('th', {}, 'Seed'), h('th', {}, 'What if'), h('th', {}, 'Status'), h('th', {}, 'Time'))),
        h('tbody', {}, rows))));
  return { element };
}
