// One run: the forecast per issue and model with its interval and reading, charts (forecast and
// intervals, paths, distribution over the draws, drivers), why each actor moved, what-if sliders
// that rerun and redraw live, the advice for a chosen actor, the notes, and the report for download.
import { api, follow } from '../api.js';
import { debounce, fill, h, interval, message, num, when } from '../dom.js';
import { driversChart, forecastChart, histogramChart, pathChart } from '../charts.js';
import { salienceMax, scaleOf } from '../scenario-doc.js';
import { advicePanel, explainBox } from './analysis.js';

export async function runView(id) {
  let run = await api.run(id);
  const root = h('section', { class: 'page run' });
  if (run.status === 'queued' || run.status === 'running') {
    const bar = h('div', { class: 'bar', id: 'run-progress' });
    const label = h('span', { class: 'label' }, run.status);
    fill(root, h('h1', {}, `Run ${id}`), h('div', { class: 'progress' }, bar, label),
      h('button', { class: 'button', onclick: () => api.cancel(id) }, 'Cancel'));
    follow(id, (e) => {
      bar.style.width = `${Math.round((e.progress?.fraction ?? 0) * 100)}%`;
      label.textContent = e.progress ? `${e.progress.stage.replace('_', ' ')} ${e.progress.done}/${e.progress.total}` : e.status;
    }).then(() => window.dispatchEvent(new HashChangeEvent('hashchange')));
    return { element: root };
  }

  // The report download; advice found below on the run's own inputs is added to it (?advice=JOB,…).
  const reportLink = h('a', { class: 'button primary', id: 'download-report', href: `/api/runs/${run.id}/report`, download: `parley-run-${run.id}.html` }, 'Download report');
  const reportAdvice = new Map();
  const addAdvice = (job) => {
    reportAdvice.set(job.asked.actor, job);
    const jobs = [...reportAdvice.values()];
    reportLink.href = `/api/runs/${run.id}/report?advice=${jobs.map((j) => j.id).join(',')}`;
    reportLink.textContent = `Download report (with advice for ${jobs.map((j) => j.result.actor_name).join(', ')})`;
  };
  const header = h('div', { class: 'run-header' },
    h('h1', {}, `Run ${run.id}: ${run.scenario_title ?? 'scenario ' + run.scenario}`),
    h('p', { class: 'meta' },
      `scenario ${run.scenario} version ${run.version} · ${run.status} · models ${run.models.join(', ')} · ${run.draws} draws · seed ${run.seed} · `,
      `${num(run.run_ms, 0)} ms · Parley ${run.parley_version} · ${when(run.created_at)}`),
    run.whatif.length ? h('p', { class: 'whatif-note' }, 'What if: ', run.whatif.join(', ')) : null,
    h('div', { class: 'toolbar' },
      run.status === 'succeeded' ? reportLink : null,
      h('a', { class: 'button', href: `#/scenarios/${run.scenario}/v/${run.version}` }, 'Open the scenario'),
      h('a', { class: 'button', href: `#/compare?a=${run.id}` }, 'Compare with another run')));
  if (run.status !== 'succeeded') {
    fill(root, header, message('error', `This run ${run.status}${run.error ? `: ${run.error}` : '.'}`));
    return { element: root };
  }

  const result = run.result;
  const scenario = await api.scenarioVersion(run.scenario, run.version);
  const doc = scenario.document;
  const actorNames = result.actors;
  const state = { issue: result.issues[0].id, model: null, whatif: null, edits: new Map(), busy: false, again: false };

  // ----- summary: the forecast in words per issue and model -----
  const headline = (issue) => (issue.models.best ? 'best' : Object.keys(issue.models)[0]);
  const summary = h('table', { class: 'list', id: 'summary' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Issue'), h('th', {}, 'Model'), h('th', {}, 'Forecast'), h('th', {}, '80% interval'), h('th', {}, 'Reading'))),
    h('tbody', {}, result.issues.map((issue) => {
      const model = headline(issue);
      const r = issue.models[model];
      return h('tr', { dataset: { issue: issue.id, model } },
        h('td', {}, issue.name), h('td', {}, model), h('td', { class: 'num' }, num(r.forecast)),
        h('td', { class: 'num' }, interval((r.interval ?? r.sensitivity)?.['80'])),
        h('td', {}, r.reading, r.flags.map((f) => h('span', { class: 'flag' }, f.replace('_', ' ')))));
    })));
  const modelNames = [...new Set(result.issues.flatMap((i) => Object.keys(i.models)))];
  const matrix = h('table', { class: 'list matrix', id: 'matrix' },
    h('thead', {}, h('tr', {}, h('th', {}, 'Issue'), modelNames.map((m) => h('th', { class: 'num' }, m)))),
    h('tbody', {}, result.issues.map((issue) => h('tr', {}, h('td', {}, issue.name), modelNames.map((m) => {
      const r = issue.models[m];
      return h('td', { class: 'num', title: r?.reading ?? '' }, r ? `${num(r.forecast, 0)} (${interval((r.interval ?? r.sensitivity)?.['80'])})` : '—');
    })))));

  // ----- per issue: charts -----
  const tabs = h('div', { class: 'tabs', id: 'issue-tabs' });
  const forecastCanvas = h('canvas', { id: 'forecast-chart' });
  const pathCanvas = h('canvas', { id: 'path-chart' });
  const histogramCanvas = h('canvas', { id: 'histogram-chart' });
  const driversCanvas = h('canvas', { id: 'drivers-chart' });
  const modelSelect = h('select', { id: 'model-select', onchange: (e) => { state.model = e.target.value; drawDetails(); } });
  const details = h('div', { class: 'details' });
  const whatifHost = h('div', { class: 'whatif', id: 'whatif' });
  const whatifStatus = h('div', { class: 'status', id: 'whatif-status' });
  const whatifTable = h('table', { class: 'list', id: 'whatif-table' });

  function issueOf(r) { return r.issues.find((i) => i.id === state.issue); }

  function renderTabs() {
    fill(tabs, result.issues.map((issue) => h('button', {
      class: `tab${issue.id === state.issue ? ' active' : ''}`, dataset: { issue: issue.id },
      onclick: () => { state.issue = issue.id; renderTabs(); drawIssue(); renderSliders(); },
    }, issue.name)));
  }

  function drawIssue() {
    const issue = issueOf(result);
    forecastChart(forecastCanvas, issue, state.whatif ? issueOf(state.whatif) : null);
    const models = Object.keys(issue.models);
    if (!state.model || !models.includes(state.model)) state.model = models.includes('best') ? 'best' : models[0];
    fill(modelSelect, models.map((m) => h('option', { value: m, selected: m === state.model }, m)));
    drawDetails();
    renderWhatifTable();
  }

  function drawDetails() {
    const issue = issueOf(result);
    const r = issue.models[state.model];
    const hasPath = r.rounds.length > 1;
    const pathBox = h('div', { class: 'chart-box' }, h('h3', {}, `Positions round by round (${state.model})`), hasPath ? h('div', { class: 'canvas-wrap' }, pathCanvas) : h('p', { class: 'hint' }, `${state.model} is a one-step model: no path.`));
    const histBox = h('div', { class: 'chart-box' }, h('h3', {}, `Distribution over the ${result.draws} input draws`), r.histogram ? h('div', { class: 'canvas-wrap short' }, histogramCanvas) : h('p', { class: 'hint' }, 'No input draws in this run.'));
    const drvBox = h('div', { class: 'chart-box' }, h('h3', {}, 'Who drives it'), r.drivers.length ? h('div', { class: 'canvas-wrap' }, driversCanvas) : h('p', { class: 'hint' }, 'No drivers in this run.'),
      r.shares ? h('p', { class: 'hint' }, 'Shares of the outcome: ', Object.entries(r.shares).sort((a, b) => b[1] - a[1]).map(([a, s]) => `${actorNames[a] ?? a} ${(s * 100).toFixed(0)}%`).join(', ')) : null);
    // Why each actor moved: the core's explanation of this model's run of the issue (iterative models only).
    const why = hasPath ? explainBox(run, state.issue, state.model, actorNames) : null;
    fill(details, h('p', { class: 'reading' }, r.reading), pathBox, histBox, drvBox, why);
    if (hasPath) pathChart(pathCanvas, issue, state.model, actorNames);
    if (r.histogram) histogramChart(histogramCanvas, issue, state.model);
    if (r.drivers.length) driversChart(driversCanvas, issue, state.model, actorNames);
  }

  // ----- what-if sliders -----
  function editKey(actor, issue, field) { return issue ? `${actor}.${issue}.${field}` : `${actor}.${field}`; }

  function renderSliders() {
    const issueId = state.issue;
    const scale = scaleOf(doc, issueId);
    const max = salienceMax(doc);
    const rows = doc.actors.filter((a) => a.stances?.[issueId]).map((actor) => {
      const s = actor.stances[issueId];
      const slider = (field, value, min, top, step, issue) => {
        const key = editKey(actor.id, issue, field);
        const current = state.edits.has(key) ? state.edits.get(key) : value;
        const shown = h('span', { class: 'value' }, String(Math.round(current * 100) / 100));
        const input = h('input', {
          type: 'range', min, max: top, step, value: current, class: 'slider', dataset: { edit: key }, 'aria-label': `${actor.name} ${field}`,
          oninput: (e) => { shown.textContent = e.target.value; setEdit(key, Number(e.target.value), value); },
        });
        return h('td', {}, input, shown);
      };
      const capTop = Math.max(1, Math.ceil(actor.capability * 3));
      return h('tr', {}, h('td', {}, actor.name),
        slider('position', s.position, scale.min, scale.max, (scale.max - scale.min) / 100, issueId),
        slider('salience', s.salience, 0, max, max / 100, issueId),
        slider('capability', actor.capability, 0, capTop, capTop / 150, null));
    });
    fill(whatifHost,
      h('table', { class: 'sliders' }, h('thead', {}, h('tr', {}, h('th', {}, 'Actor'), h('th', {}, 'Position'), h('th', {}, 'Salience'), h('th', {}, 'Capability (all issues)'))), h('tbody', {}, rows)),
      h('div', { class: 'toolbar' }, h('button', { class: 'button', id: 'whatif-reset', onclick: () => { state.edits.clear(); state.whatif = null; renderSliders(); drawIssue(); fill(whatifStatus); } }, 'Reset the what-if')),
      whatifStatus);
  }

  function currentEdits() { return [...state.edits.entries()].map(([k, v]) => `${k}=${v}`); }

  function setEdit(key, value, original) {
    if (value === original) state.edits.delete(key);
    else state.edits.set(key, value);
    rerun();
  }

  const rerun = debounce(async () => {
    if (state.busy) { state.again = true; return; }
    state.busy = true;
    const edits = currentEdits();
    fill(whatifStatus, edits.length ? `What if ${edits.join(', ')}: running…` : 'Back to the run as it was.');
    try {
      if (edits.length === 0) {
        state.whatif = null;
      } else {
        const started = performance.now();
        const answer = await api.runAndWait({ scenario: run.scenario, version: run.version, models: run.models, draws: run.draws, seed: run.seed, rounds: run.rounds, parameters: run.parameters, whatif: [...run.whatif, ...edits], drivers: false });
        if (answer.status === 'succeeded') {
          state.whatif = answer.result;
          fill(whatifStatus, `What if ${edits.join(', ')}: answered in ${Math.round(performance.now() - started)} ms (run ${answer.id}).`);
        } else {
          fill(whatifStatus, message('error', `The what-if run ${answer.status}${answer.error ? `: ${answer.error}` : ''}`));
        }
      }
      drawIssue();
    } catch (error) {
      fill(whatifStatus, message('error', error.message), error.diagnostics?.length ? h('ul', { class: 'diagnostics' }, error.diagnostics.map((d) => h('li', {}, d.text))) : null);
    } finally {
      state.busy = false;
      if (state.again) { state.again = false; rerun(); }
    }
  }, 150);

  function renderWhatifTable() {
    const base = issueOf(result);
    const other = state.whatif ? issueOf(state.whatif) : null;
    fill(whatifTable,
      h('thead', {}, h('tr', {}, h('th', {}, 'Model'), h('th', {}, 'Forecast'), h('th', {}, 'What-if forecast'), h('th', {}, 'Change'), h('th', {}, 'What-if 80% interval'))),
      h('tbody', {}, Object.entries(base.models).map(([model, r]) => {
        const w = other?.models[model];
        return h('tr', {}, h('td', {}, model), h('td', { class: 'num' }, num(r.forecast)),
          h('td', { class: 'num whatif-forecast', dataset: { model } }, w ? num(w.forecast) : '—'),
          h('td', { class: 'num' }, w ? `${w.forecast - r.forecast >= 0 ? '+' : ''}${num(w.forecast - r.forecast)}` : '—'),
          h('td', { class: 'num' }, w ? interval((w.interval ?? w.sensitivity)?.['80']) : '—'));
      })));
  }

  // ----- notes -----
  const notes = result.notes.length || result.failed_models.length
    ? h('ul', { class: 'notes' }, result.notes.map((n) => h('li', {}, h('span', { class: 'flag' }, n.kind.replace('_', ' ')), n.message)),
      result.failed_models.map((f) => h('li', {}, h('span', { class: 'flag' }, 'cannot run'), `${f.model}: ${f.problems.join(' ')}`)))
    : h('p', { class: 'hint' }, 'No notes.');

  fill(root, header,
    h('h2', {}, 'The forecast in words'), summary,
    h('h3', {}, 'Every model: forecast (80% interval)'), matrix,
    h('h2', {}, 'By issue'), tabs,
    h('div', { class: 'issue-view' },
      h('div', { class: 'chart-box wide' }, h('h3', {}, 'Forecast and intervals per model'), h('div', { class: 'canvas-wrap tall' }, forecastCanvas)),
      h('div', { class: 'whatif-box' }, h('h3', {}, 'What if… (move a slider: the models rerun on this server)'), whatifHost, whatifTable)),
    h('div', { class: 'toolbar' }, h('label', {}, 'Details for model ', modelSelect)),
    details,
    h('h2', {}, 'Advice for an actor'), advicePanel({ run, doc, names: actorNames, issue: () => state.issue, edits: currentEdits, onAdvice: addAdvice }),
    h('h2', {}, 'Notes and flags'), notes);
  renderTabs();
  renderSliders();
  return { element: root, shown: () => drawIssue() };
}
