// The scenario list: open one, start from an example, import a file, or start blank.
import { api, contentTypeOf } from '../api.js';
import { h, message, when } from '../dom.js';

export async function scenariosView() {
  const [scenarios, examples] = await Promise.all([api.scenarios(), api.examples()]);
  const status = h('div', { class: 'status' });

  async function saveText(text, contentType, name) {
    try {
      const saved = await api.create(text, contentType, `imported from ${name}`);
      location.hash = `#/scenarios/${saved.id}`;
    } catch (error) {
      status.replaceChildren(message('error', error.message), diagnosticsList(error.diagnostics));
    }
  }

  const fileInput = h('input', {
    type: 'file', accept: '.yaml,.yml,.json,.csv,.xml', id: 'import-file',
    onchange: async () => {
      const file = fileInput.files[0];
      if (file) await saveText(await file.text(), contentTypeOf(file.name), file.name);
    },
  });

  const list = scenarios.length === 0
    ? h('p', { class: 'empty' }, 'No scenarios yet: start from an example, import a file, or start a new one.')
    : h('table', { class: 'list', id: 'scenario-list' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Scenario'), h('th', {}, 'Version'), h('th', {}, 'Actors × issues'), h('th', {}, 'Saved'))),
      h('tbody', {}, scenarios.map((s) => h('tr', {},
        h('td', {}, h('a', { href: `#/scenarios/${s.id}` }, s.title)),
        h('td', { class: 'num' }, `v${s.version}`),
        h('td', { class: 'num' }, `${s.actors} × ${s.issues}`),
        h('td', {}, when(s.updated_at))))));

  const element = h('section', { class: 'page' },
    h('h1', {}, 'Scenarios'),
    h('div', { class: 'toolbar' },
      h('a', { class: 'button primary', href: '#/scenarios/new', id: 'new-scenario' }, 'New scenario'),
      examples.map((e) => h('button', {
        class: 'button', dataset: { example: e.name },
        onclick: async () => {
          const example = await api.example(e.name);
          await saveText(example.content, contentTypeOf(`x.${example.format === 'json' ? 'json' : 'yaml'}`), e.name);
        },
      }, `Start from ${e.name} (${e.actors} × ${e.issues})`)),
      h('label', { class: 'button', for: 'import-file' }, 'Import YAML, JSON or KTAB CSV…'), fileInput),
    status,
    list);
  return { element };
}

/** A list of diagnostics as the command line prints them. */
export function diagnosticsList(diagnostics = []) {
  if (!diagnostics.length) return null;
  return h('ul', { class: 'diagnostics' }, diagnostics.map((d) => h('li', { class: d.severity }, d.text)));
}
