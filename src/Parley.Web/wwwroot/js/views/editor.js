// The scenario editor: an actors × issues grid (position, salience, uncertainty, capability), the
// rationale of every number, a source pane to attach a sentence to a number, and validation in
// place while typing — from the server's validator, the same as `parley validate`.
import { api, documentText, follow } from '../api.js';
import { debounce, fill, h, message } from '../dom.js';
import * as docs from '../scenario-doc.js';
import { diagnosticsList } from './scenarios.js';

const FILE = 'scenario.json';

export async function editorView({ id, version }) {
  let record = null;
  let doc;
  if (id) {
    record = version ? await api.scenarioVersion(id, version) : await api.scenario(id);
    if (!record.document) {
      return { element: h('section', { class: 'page' }, h('h1', {}, record.title), message('error', 'This version no longer reads as a scenario:'), diagnosticsList(record.diagnostics), h('pre', {}, record.content)) };
    }
    doc = structuredClone(record.document);
  } else {
    doc = docs.blankDocument();
  }

  const state = { dirty: !id, valid: true, diagnostics: [], selected: null, checking: 0 };
  const sourceKey = `parley.source.${id ?? 'new'}`;
  const root = h('section', { class: 'page editor' });
  const gridHost = h('div', { class: 'grid-host' });
  const headerHost = h('div', { class: 'scenario-header' });
  const issuesHost = h('div', { class: 'issues-host' });
  const diagnosticsHost = h('div', { class: 'diagnostics-host', id: 'diagnostics' });
  const statusLine = h('div', { class: 'status', id: 'editor-status' });
  const rationaleHost = h('div', { class: 'rationale-pane', id: 'rationale-pane' });
  const progress = h('div', { class: 'progress', hidden: true }, h('div', { class: 'bar', id: 'run-progress' }), h('span', { class: 'label' }));
  const sourceText = h('textarea', { id: 'source-text', rows: 16, placeholder: 'Paste the source text here (an article, a column). Select a sentence, then attach it to the selected number as its rationale.' });
  sourceText.value = localStorage.getItem(sourceKey) ?? '';
  sourceText.addEventListener('input', () => localStorage.setItem(sourceKey, sourceText.value));

  const validate = debounce(runValidation, 250);

  function changed({ rerender = false } = {}) {
    state.dirty = true;
    if (rerender) renderAll();
    updateStatus();
    validate();
  }

  // ----- header: title, description, salience scale, sources -----
  function renderHeader() {
    fill(headerHost,
      h('label', {}, 'Title ', h('input', { id: 'title', class: 'wide', value: doc.title ?? '', oninput: (e) => { doc.title = e.target.value; changed(); } })),
      h('label', {}, 'Saliences on ', h('select', {
        id: 'salience-scale',
        onchange: (e) => { doc.salience_scale = e.target.value; changed({ rerender: true }); },
      }, h('option', { value: 'unit', selected: doc.salience_scale !== 'percent' }, '0–1'), h('option', { value: 'percent', selected: doc.salience_scale === 'percent' }, '0–100'))),
      h('label', { class: 'block' }, 'Description', h('textarea', { id: 'description', rows: 2, oninput: (e) => { setOptional(doc, 'description', e.target.value); changed(); } }, doc.description ?? '')),
      h('label', { class: 'block' }, 'Sources (one per line)', h('textarea', {
        id: 'sources', rows: 2,
        oninput: (e) => { const lines = e.target.value.split('\n').map((l) => l.trim()).filter((l) => l); if (lines.length) doc.sources = lines; else delete doc.sources; changed(); },
      }, (doc.sources ?? []).join('\n'))));
  }

  // ----- issues: id, name, scale, anchors -----
  function renderIssues() {
    fill(issuesHost, h('table', { class: 'issues' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Issue id'), h('th', {}, 'Name'), h('th', {}, 'Scale min'), h('th', {}, 'max'), h('th', {}, 'Named points (value: label, one per line)'), h('th', {}))),
      h('tbody', {}, doc.issues.map((issue) => {
        issue.scale = issue.scale ?? {};
        return h('tr', { dataset: { issueRow: issue.id } },
          h('td', {}, h('input', { class: 'id', value: issue.id, onchange: (e) => { docs.renameIssue(doc, issue.id, e.target.value.trim()); changed({ rerender: true }); } })),
          h('td', {}, h('input', { value: issue.name, oninput: (e) => { issue.name = e.target.value; changed(); } })),
          h('td', {}, numberInput(issue.scale.min ?? 0, (v) => { issue.scale.min = v; changed(); })),
          h('td', {}, numberInput(issue.scale.max ?? 100, (v) => { issue.scale.max = v; changed(); })),
          h('td', {}, h('textarea', { rows: 2, class: 'anchors', oninput: (e) => { issue.scale.anchors = docs.parseAnchors(e.target.value); changed(); } }, docs.anchorsText(issue.scale))),
          h('td', {}, h('button', { class: 'small', title: 'Remove this issue', onclick: () => { docs.removeIssue(doc, issue.id); changed({ rerender: true }); } }, '×')));
      }))),
      h('button', { class: 'button', id: 'add-issue', onclick: () => { docs.addIssue(doc); changed({ rerender: true }); } }, 'Add issue'));
  }

  // ----- the grid: actors × issues -----
  function renderGrid() {
    const max = docs.salienceMax(doc);
    const head = h('tr', {},
      h('th', {}, 'Actor'), h('th', {}, 'Capability ±sd'),
      doc.issues.map((issue) => h('th', { class: 'issue-head', dataset: { issueHead: issue.id } }, issue.name, h('div', { class: 'hint' }, `position ±sd · salience (0–${max})`))));
    const rows = doc.actors.map((actor) => {
      actor.stances = actor.stances ?? {};
      const actorCell = h('td', { class: 'actor', dataset: { actorRow: actor.id }, onclick: () => select({ actor: actor.id }) },
        h('input', { class: 'id', value: actor.id, title: 'Actor id', onchange: (e) => { actor.id = e.target.value.trim(); changed({ rerender: true }); } }),
        h('input', { class: 'name', value: actor.name, title: 'Actor name', oninput: (e) => { actor.name = e.target.value; changed(); } }),
        h('button', { class: 'small', title: 'Remove this actor', onclick: () => { docs.removeActor(doc, actor.id); changed({ rerender: true }); } }, '×'));
      const capabilityCell = h('td', { class: 'capability', dataset: { capabilityOf: actor.id }, onfocusin: () => select({ actor: actor.id }) },
        numberInput(actor.capability, (v) => { actor.capability = v; changed(); }, { name: 'capability', min: 0 }),
        numberInput(actor.capability_sd, (v) => { setOptional(actor, 'capability_sd', v); changed(); }, { name: 'capability_sd', min: 0, placeholder: '±', optional: true }));
      const cells = doc.issues.map((issue) => {
        const s = actor.stances[issue.id];
        const cell = h('td', { class: 'cell', dataset: { actor: actor.id, issue: issue.id }, onfocusin: () => select({ actor: actor.id, issue: issue.id }) });
        if (!s) {
          cell.append(h('button', {
            class: 'small add', title: 'Give this actor a stance on this issue',
            onclick: () => { const sc = docs.scaleOf(doc, issue.id); actor.stances[issue.id] = { position: (sc.min + sc.max) / 2, salience: max / 2 }; changed({ rerender: true }); },
          }, '+ stance'));
          return cell;
        }
        cell.append(
          numberInput(s.position, (v) => { s.position = v; changed(); }, { name: 'position' }),
          numberInput(s.position_sd, (v) => { setOptional(s, 'position_sd', v); changed(); }, { name: 'position_sd', min: 0, placeholder: '±', optional: true }),
          numberInput(s.salience, (v) => { s.salience = v; changed(); }, { name: 'salience', min: 0, max, step: max === 1 ? 0.05 : 5 }),
          h('button', { class: `small rationale-mark${s.rationale ? ' has' : ''}`, title: s.rationale ?? 'No rationale yet', onclick: () => select({ actor: actor.id, issue: issue.id }) }, s.rationale ? '“”' : '+why'),
          h('button', { class: 'small', title: 'Remove this stance', onclick: () => { delete actor.stances[issue.id]; changed({ rerender: true }); } }, '×'));
        return cell;
      });
      return h('tr', {}, actorCell, capabilityCell, cells);
    });
    fill(gridHost, h('table', { class: 'grid', id: 'grid' }, h('thead', {}, head), h('tbody', {}, rows)),
      h('button', { class: 'button', id: 'add-actor', onclick: () => { docs.addActor(doc); changed({ rerender: true }); } }, 'Add actor'));
    markSelection();
  }

  // ----- the rationale pane -----
  function select(target) {
    state.selected = target;
    markSelection();
    renderRationale();
  }

  function markSelection() {
    root.querySelectorAll('.selected').forEach((el) => el.classList.remove('selected'));
    const t = state.selected;
    if (!t) return;
    const el = t.issue
      ? root.querySelector(`td.cell[data-actor="${CSS.escape(t.actor)}"][data-issue="${CSS.escape(t.issue)}"]`)
      : root.querySelector(`td.actor[data-actor-row="${CSS.escape(t.actor)}"]`);
    el?.classList.add('selected');
  }

  function renderRationale() {
    const t = state.selected;
    if (!t) {
      fill(rationaleHost, h('p', { class: 'hint' }, 'Select a number in the grid to see or write its rationale.'));
      return;
    }
    const actor = doc.actors.find((a) => a.id === t.actor);
    if (!actor) return;
    const target = t.issue ? actor.stances?.[t.issue] : actor;
    if (!target) return;
    const key = t.issue ? 'rationale' : 'description';
    const label = t.issue ? `Why ${actor.name} stands at ${target.position} (salience ${target.salience}) on ${t.issue}` : `About ${actor.name} and its capability ${actor.capability}`;
    const area = h('textarea', { id: 'rationale', rows: 5, oninput: (e) => { setOptional(target, key, e.target.value); changed(); refreshMark(); } }, target[key] ?? '');
    fill(rationaleHost,
      h('h3', {}, label),
      area,
      h('button', {
        class: 'button', id: 'attach-sentence',
        onclick: () => {
          const text = sourceText.value;
          let sentence = text.slice(sourceText.selectionStart, sourceText.selectionEnd).trim();
          if (!sentence) sentence = docs.sentenceAround(text, sourceText.selectionStart);
          if (!sentence) return;
          const quoted = `“${sentence.replace(/^[“"]+|[”"]+$/g, '')}”`;
          const current = target[key] ? `${target[key]} ` : '';
          target[key] = current + quoted;
          area.value = target[key];
          changed();
          refreshMark();
        },
      }, 'Attach the selected sentence'));
  }

  function refreshMark() {
    const t = state.selected;
    if (!t?.issue) return;
    const cell = root.querySelector(`td.cell[data-actor="${CSS.escape(t.actor)}"][data-issue="${CSS.escape(t.issue)}"] .rationale-mark`);
    const s = docs.stance(doc, t.actor, t.issue);
    if (cell && s) {
      cell.classList.toggle('has', !!s.rationale);
      cell.textContent = s.rationale ? '“”' : '+why';
      cell.title = s.rationale ?? 'No rationale yet';
    }
  }

  // ----- validation, in place -----
  async function runValidation() {
    const ticket = ++state.checking;
    let verdict;
    try {
      verdict = await api.validate(documentText(doc), 'application/json', FILE);
    } catch (error) {
      verdict = { valid: false, diagnostics: error.diagnostics ?? [], errors: 1 };
    }
    if (ticket !== state.checking) return; // a newer check is on its way
    state.valid = verdict.valid;
    state.diagnostics = verdict.diagnostics;
    showDiagnostics();
    updateStatus();
  }

  function showDiagnostics() {
    root.querySelectorAll('.diag').forEach((el) => el.remove());
    root.querySelectorAll('.invalid').forEach((el) => el.classList.remove('invalid'));
    const general = [];
    for (const d of state.diagnostics) {
      if (d.severity === 'note') continue;
      let place = null;
      if (d.actor && d.issue) place = root.querySelector(`td.cell[data-actor="${CSS.escape(d.actor)}"][data-issue="${CSS.escape(d.issue)}"]`);
      if (!place && d.actor) place = root.querySelector(/capabilit/i.test(d.message) ? `td.capability[data-capability-of="${CSS.escape(d.actor)}"]` : `td.actor[data-actor-row="${CSS.escape(d.actor)}"]`);
      if (!place && d.issue) place = root.querySelector(`tr[data-issue-row="${CSS.escape(d.issue)}"] td:nth-child(2)`) ?? root.querySelector(`th[data-issue-head="${CSS.escape(d.issue)}"]`);
      if (place) {
        place.classList.add('invalid');
        place.append(h('div', { class: `diag ${d.severity}`, role: 'alert' }, d.message));
      } else {
        general.push(d);
      }
    }
    const errors = state.diagnostics.filter((d) => d.severity === 'error').length;
    fill(diagnosticsHost,
      state.diagnostics.length === 0 ? h('p', { class: 'ok' }, 'Valid: no problems.') : h('p', {}, `${errors} error${errors === 1 ? '' : 's'}; every problem, as 'parley validate' reports it:`),
      diagnosticsList(state.diagnostics));
  }

  function updateStatus() {
    const where = record ? `scenario ${record.id}, version ${record.version}${record.version !== record.latest_version ? ` (latest is ${record.latest_version})` : ''}` : 'not saved yet';
    fill(statusLine, `${where}${state.dirty ? ' · unsaved changes' : ' · saved'}${state.valid ? '' : ' · invalid'}`);
  }

  // ----- save, run, export, import -----
  const comment = h('input', { id: 'comment', placeholder: 'What changed (optional)' });
  const draws = h('input', { id: 'draws', type: 'number', min: 0, max: 100000, value: 1000, title: 'Input draws' });
  const seed = h('input', { id: 'seed', type: 'number', min: 0, placeholder: 'seed', title: 'Seed (empty: the default)' });
  const notice = h('div', { class: 'notice' });

  async function save() {
    await runValidation();
    if (!state.valid) {
      fill(notice, message('error', 'The scenario has errors; fix them first (they are marked in the grid).'));
      return null;
    }
    try {
      const saved = record ? await api.update(record.id, documentText(doc), 'application/json', comment.value) : await api.create(documentText(doc), 'application/json', comment.value);
      if (!record) localStorage.setItem(`parley.source.${saved.id}`, sourceText.value);
      record = await api.scenarioVersion(saved.id, saved.version);
      state.dirty = false;
      comment.value = '';
      history.replaceState(null, '', `#/scenarios/${saved.id}`);
      fill(notice, message('ok', `Saved as version ${saved.version}.`));
      updateStatus();
      renderVersions();
      return record;
    } catch (error) {
      fill(notice, message('error', error.message), diagnosticsList(error.diagnostics));
      return null;
    }
  }

  async function run() {
    const saved = state.dirty || !record ? await save() : record;
    if (!saved) return;
    const request = { scenario: saved.id, version: saved.version, draws: Number(draws.value || 0) };
    if (seed.value !== '') request.seed = Number(seed.value);
    try {
      const created = await api.startRun(request);
      progress.hidden = false;
      const bar = progress.querySelector('.bar');
      const label = progress.querySelector('.label');
      const last = await follow(created.id, (e) => {
        const fraction = e.progress?.fraction ?? (e.status === 'succeeded' ? 1 : 0);
        bar.style.width = `${Math.round(fraction * 100)}%`;
        bar.setAttribute('aria-valuenow', String(Math.round(fraction * 100)));
        label.textContent = e.progress ? `${e.progress.stage.replace('_', ' ')} ${e.progress.done}/${e.progress.total}` : e.status;
      });
      if (last.status === 'succeeded') location.hash = `#/runs/${created.id}`;
      else fill(notice, message('error', `The run ${last.status}${last.error ? `: ${last.error}` : '.'}`));
    } catch (error) {
      fill(notice, message('error', error.message), diagnosticsList(error.diagnostics));
    }
  }

  const versionsHost = h('div', { class: 'versions' });
  async function renderVersions() {
    if (!record) {
      fill(versionsHost);
      return;
    }
    const versions = await api.versions(record.id);
    fill(versionsHost, h('h3', {}, 'Versions'), h('ul', {}, versions.slice().reverse().map((v) => h('li', {},
      h('a', { href: `#/scenarios/${record.id}/v/${v.version}` }, `v${v.version}`), ` ${v.comment ?? ''} `,
      v.version > 1 ? h('a', { href: `#/scenarios/${record.id}/diff?from=${v.version - 1}&to=${v.version}`, class: 'diff-link' }, `changes from v${v.version - 1}`) : null))),
    h('p', {}, 'Export this version: ',
      ['yaml', 'json', 'ktab-csv'].map((f) => h('a', { class: 'export', href: `/api/scenarios/${record.id}/versions/${record.version}/export?format=${f}`, download: '' }, f.toUpperCase().replace('-', ' '), ' '))));
  }

  const importInput = h('input', {
    type: 'file', accept: '.yaml,.yml,.json,.csv,.xml', id: 'editor-import',
    onchange: async () => {
      const file = importInput.files[0];
      if (!file) return;
      const { contentTypeOf } = await import('../api.js');
      const verdict = await api.validate(await file.text(), contentTypeOf(file.name), file.name);
      if (verdict.valid && verdict.document) {
        doc = verdict.document;
        changed({ rerender: true });
        fill(notice, message('ok', `Imported ${file.name} (${verdict.actors} actors × ${verdict.issues} issues); save to keep it.`));
      } else {
        fill(notice, message('error', `${file.name} is not a valid scenario:`), diagnosticsList(verdict.diagnostics));
      }
    },
  });

  const sourceFile = h('input', {
    type: 'file', accept: '.txt,.md', id: 'source-file',
    onchange: async () => {
      const file = sourceFile.files[0];
      if (file) {
        sourceText.value = await file.text();
        localStorage.setItem(sourceKey, sourceText.value);
      }
    },
  });

  function renderAll() {
    renderHeader();
    renderIssues();
    renderGrid();
    renderRationale();
    showDiagnostics();
  }

  fill(root,
    h('div', { class: 'editor-top' },
      h('h1', {}, record ? record.title : 'New scenario'),
      statusLine,
      h('div', { class: 'toolbar' },
        comment,
        h('button', { class: 'button', id: 'save', onclick: save }, 'Save'),
        h('span', { class: 'sep' }),
        h('label', {}, 'Draws ', draws), h('label', {}, 'Seed ', seed),
        h('button', { class: 'button primary', id: 'run', onclick: run }, 'Run'),
        h('span', { class: 'sep' }),
        h('label', { class: 'button', for: 'editor-import' }, 'Import…'), importInput,
        record ? h('a', { class: 'button', href: `#/history` }, 'History') : null),
      progress, notice),
    h('div', { class: 'editor-body' },
      h('div', { class: 'editor-main' }, headerHost, h('h2', {}, 'Issues'), issuesHost, h('h2', {}, 'Actors × issues'), gridHost, h('h2', {}, 'Validation'), diagnosticsHost),
      h('aside', { class: 'editor-side' },
        h('h2', {}, 'Rationale'), rationaleHost,
        h('h2', {}, 'Source text'), sourceText, h('label', { class: 'button small-button', for: 'source-file' }, 'Load a text file…'), sourceFile,
        versionsHost)));

  renderAll();
  updateStatus();
  renderVersions();
  runValidation();
  return { element: root };
}

/** A number input that reports finite numbers (or null when emptied, for optional fields). */
function numberInput(value, onValue, { name, min, max, step = 'any', placeholder, optional = false } = {}) {
  return h('input', {
    type: 'number', class: `num ${name ?? ''}`, name, step, min, max, placeholder, value: value ?? '',
    oninput: (e) => {
      const text = e.target.value;
      if (text === '' && optional) onValue(null);
      else if (text !== '' && Number.isFinite(Number(text))) onValue(Number(text));
    },
  });
}

/** Sets `key` on `target`, or removes it for an empty value. */
function setOptional(target, key, value) {
  if (value === null || value === undefined || value === '') delete target[key];
  else target[key] = value;
}
