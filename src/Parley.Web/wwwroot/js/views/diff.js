// Two versions of a scenario: which actors, issues and numbers changed.
import { api } from '../api.js';
import { h } from '../dom.js';

export async function diffView(id, from, to) {
  const diff = await api.diff(id, from, to);
  return {
    element: h('section', { class: 'page' },
      h('h1', {}, `Scenario ${id}: version ${diff.from} → ${diff.to}`),
      h('p', {}, h('a', { href: `#/scenarios/${id}/v/${diff.from}` }, `open v${diff.from}`), ' · ', h('a', { href: `#/scenarios/${id}/v/${diff.to}` }, `open v${diff.to}`)),
      h('p', {}, `Actors changed: ${diff.actors.join(', ') || 'none'} · issues changed: ${diff.issues.join(', ') || 'none'}`),
      changesTable(diff)),
  };
}

export function changesTable(diff) {
  if (diff.changes.length === 0) return h('p', { class: 'hint' }, 'The two versions hold the same scenario.');
  return h('table', { class: 'list', id: 'diff-table' },
    h('thead', {}, h('tr', {}, h('th', {}, 'What'), h('th', {}, 'Where'), h('th', {}, 'Before'), h('th', {}, 'After'), h('th', {}, 'Change'))),
    h('tbody', {}, diff.changes.map((c) => h('tr', { class: c.kind },
      h('td', {}, c.kind), h('td', {}, h('code', {}, c.path)), h('td', {}, c.before ?? ''), h('td', {}, c.after ?? ''),
      h('td', { class: 'num' }, typeof c.delta === 'number' ? `${c.delta >= 0 ? '+' : ''}${Math.round(c.delta * 1000) / 1000}` : '')))));
}
