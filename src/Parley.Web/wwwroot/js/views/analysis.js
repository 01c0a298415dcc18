// The run page's analysis panels, over the core's advice and explanation (POST /api/advice, POST /api/explain):
// the advice for a chosen actor, and why each actor moved in an iterative model's run of an issue.
import { api } from '../api.js';
import { fill, h, message, num } from '../dom.js';

const percent = (share) => (typeof share === 'number' ? `${Math.round(share * 100)}%` : '—');
const short = (value) => (typeof value === 'number' ? String(Math.round(value * 1000) / 1000) : '—');

function problem(error) {
  return [message('error', error.message ?? String(error)),
    error.diagnostics?.length ? h('ul', { class: 'diagnostics' }, error.diagnostics.map((d) => h('li', { class: d.severity }, d.text))) : null];
}

/**
 * The advice panel: pick an actor (and an issue, or every issue), ask the server's advice search, follow its
 * progress, and read the best move, its gain and robustness, the alternatives and whom to persuade.
 * `context` gives the run, its scenario document, the actors' names, the issue shown, the what-if edits and
 * `onAdvice(job)`, told of each search that succeeds on the run's own inputs (for the report download).
 */
export function advicePanel(context) {
  const { run, doc, names } = context;
  const actorSelect = h('select', { id: 'advice-actor' }, h('option', { value: '' }, 'Choose an actor…'), doc.actors.map((a) => h('option', { value: a.id }, a.name)));
  const issueSelect = h('select', { id: 'advice-issue' });
  const draws = h('input', { id: 'advice-draws', type: 'number', min: 0, max: 100000, step: 1, value: Math.min(run.draws, 200), class: 'num' });
  const button = h('button', { class: 'button primary', id: 'advise' }, 'Advise');
  const bar = h('div', { class: 'bar', id: 'advice-progress' });
  const progress = h('div', { class: 'progress', hidden: true }, bar, h('span', { class: 'label' }, 'searching the moves…'));
  const status = h('div', { class: 'status', id: 'advice-status' });
  const result = h('div', { class: 'advice-result', id: 'advice-result' });

  function issuesOf(actorId) {
    const actor = doc.actors.find((a) => a.id === actorId);
    return doc.issues.filter((i) => !actor || actor.stances?.[i.id]);
  }

  function renderIssues() {
    const held = issuesOf(actorSelect.value);
    const chosen = held.some((i) => i.id === context.issue()) ? context.issue() : held[0]?.id ?? '';
    fill(issueSelect, held.map((i) => h('option', { value: i.id, selected: i.id === chosen }, i.name)), h('option', { value: '' }, 'every issue it holds a stance on'));
  }

  actorSelect.addEventListener('change', renderIssues);
  renderIssues();

  button.addEventListener('click', async () => {
    if (!actorSelect.value) { fill(status, message('error', 'Choose the actor to advise.')); return; }
    const edits = context.edits();
    const request = {
      scenario: run.scenario, version: run.version, actor: actorSelect.value, issue: issueSelect.value || undefined,
      draws: Number(draws.value), seed: run.seed, rounds: run.rounds ?? undefined, parameters: run.parameters, whatif: [...run.whatif, ...edits],
    };
    button.disabled = true;
    fill(result);
    fill(status, `Advising ${names[request.actor] ?? request.actor}${edits.length ? ` under the what-if ${edits.join(', ')}` : ''}…`);
    progress.hidden = false;
    bar.style.width = '0%';
    try {
      let job = await api.advise(request);
      while (job.status === 'queued' || job.status === 'running') {
        await new Promise((resolve) => { setTimeout(resolve, 300); });
        job = await api.advice(job.id);
        bar.style.width = `${Math.round((job.progress?.fraction ?? 0) * 100)}%`;
      }
      if (job.status === 'succeeded') {
        // Advice on the run's own inputs goes into the report; advice under slider edits is about another scenario.
        const inReport = edits.length === 0 && context.onAdvice;
        if (inReport) context.onAdvice(job);
        fill(status, `Advice for ${job.result.actor_name}: model ${job.result.model}, ${job.result.draws} input draws, seed ${job.result.seed}.`,
          inReport ? ' It is added to the report download.' : edits.length ? ' Made under the slider edits, so it is not added to the run\'s report.' : '');
        fill(result, renderAdvice(job.result, names));
      } else {
        fill(status, message('error', `The advice search ${job.status}${job.error ? `: ${job.error}` : '.'}`));
      }
    } catch (error) {
      fill(status, problem(error));
    } finally {
      button.disabled = false;
      progress.hidden = true;
    }
  });

  return h('div', { class: 'advice-panel', id: 'advice' },
    h('p', { class: 'hint' }, 'The position to announce and the salience to commit that bring the forecast (scholz2011, the median over the input draws) closest to the actor\'s ideal — its position as written — as ',
      h('code', {}, 'parley advise'), ' finds it; with the slider edits above, if any.'),
    h('div', { class: 'toolbar' }, h('label', {}, 'Actor ', actorSelect), h('label', {}, 'Issue ', issueSelect), h('label', {}, 'Draws ', draws), button),
    progress, status, result);
}

function renderAdvice(advice, names) {
  const salience = (s) => (advice.salience_scale === 'percent' ? num(s, 0) : short(s));
  return advice.issues.map((issue) => h('div', { class: 'advice-issue', dataset: { issue: issue.issue } },
    h('h3', {}, issue.issue_name),
    h('p', {}, `Ideal ${short(issue.ideal)}, salience ${salience(issue.salience)}: as written the forecast is ${num(issue.base_forecast)}, ${num(issue.base_distance)} from the ideal.`),
    issue.best
      ? h('p', { class: 'best-move', dataset: { issue: issue.issue, position: issue.best.position, salience: issue.best.salience } },
        h('strong', {}, 'Best move: '), `announce ${short(issue.best.position)} and commit salience ${salience(issue.best.salience)}. `,
        `The forecast moves to ${num(issue.best.forecast)}, ${num(issue.best.gain)} nearer the ideal${issue.best.gain_share != null ? ` (${percent(issue.best.gain_share)} of the distance)` : ''}.`,
        issue.best.robustness != null ? ` It helps in ${percent(issue.best.robustness)} of the draws and hurts in ${percent(issue.best.hurts)}.` : '')
      : h('p', { class: 'best-move none', dataset: { issue: issue.issue } }, h('strong', {}, 'No better move: '), 'nothing searched brings the forecast nearer the ideal than the stance as written.'),
    issue.alternatives.length
      ? h('table', { class: 'list alternatives' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Alternative: position'), h('th', { class: 'num' }, 'Salience'), h('th', { class: 'num' }, 'Forecast'), h('th', { class: 'num' }, 'Gain'), h('th', { class: 'num' }, 'Helps in'))),
        h('tbody', {}, issue.alternatives.map((m) => h('tr', {}, h('td', { class: 'num' }, short(m.position)), h('td', { class: 'num' }, salience(m.salience)),
          h('td', { class: 'num' }, num(m.forecast)), h('td', { class: 'num' }, num(m.gain)), h('td', { class: 'num' }, percent(m.robustness))))))
      : null,
    issue.persuade.some((p) => p.gain > 0)
      ? h('table', { class: 'list persuade' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Whom to persuade'), h('th', { class: 'num' }, 'Moved'), h('th', { class: 'num' }, 'Forecast'), h('th', { class: 'num' }, 'Gain'), h('th', { class: 'num' }, 'Helps in'))),
        h('tbody', {}, issue.persuade.filter((p) => p.gain > 0).map((p) => h('tr', {}, h('td', {}, names[p.actor] ?? p.actor),
          h('td', { class: 'num' }, `${short(p.from)} → ${short(p.to)}`), h('td', { class: 'num' }, num(p.forecast)), h('td', { class: 'num' }, num(p.gain)), h('td', { class: 'num' }, percent(p.robustness))))))
      : h('p', { class: 'hint' }, 'Persuading no single actor toward the ideal brings the forecast nearer it.')));
}

const explained = new Map();

/** Why each actor moved: the explanation of `model`'s run of `issue` (as run, with the run's own what-if edits), asked once and kept. */
export function explainBox(run, issue, model, names) {
  const box = h('div', { class: 'chart-box moves', id: 'explain' }, h('h3', {}, `Why each actor moved (${model}, round by round)`), h('p', { class: 'hint' }, 'Asking the model why…'));
  const key = `${run.id}/${issue}/${model}`;
  if (!explained.has(key)) {
    explained.set(key, api.explain({ scenario: run.scenario, version: run.version, issue, model, seed: run.seed, rounds: run.rounds ?? undefined, parameters: run.parameters, whatif: run.whatif }));
  }
  explained.get(key).then((explanation) => fill(box, h('h3', {}, `Why each actor moved (${model}, round by round)`), renderExplanation(explanation, names)),
    (error) => { explained.delete(key); fill(box, h('h3', {}, `Why each actor moved (${model})`), problem(error)); });
  return box;
}

function cause(c, names) {
  const who = (id) => names[id] ?? id;
  if (c.kind === 'bargain') return `bargain between ${who(c.from)} and ${who(c.to)}${c.value != null ? ` (value ${num(c.value, 3)})` : ''}`;
  return `${c.kind} offer from ${who(c.from)}${c.eu_receiver != null ? ` (EU ${num(c.eu_receiver, 3)} / ${num(c.eu_proposer, 3)})` : ''}`;
}

function renderExplanation(e, names) {
  const rows = e.rounds.flatMap((round) => round.moves.filter((m) => m.moved || m.cause).map((m) => h('tr', {},
    h('td', { class: 'num' }, round.round),
    h('td', {}, names[m.actor] ?? m.actor),
    h('td', { class: 'num' }, `${num(m.from)} → ${num(m.to)}`),
    h('td', {}, m.cause ? cause(m.cause, names) : m.note ?? 'moved'),
    h('td', { class: 'num' }, m.refused.length ? String(m.refused.length) : '—'))));
  return [
    h('p', {}, `Forecast ${num(e.forecast)} after ${e.rounds_run} round${e.rounds_run === 1 ? '' : 's'} (${e.stop.replaceAll('_', ' ')}).`, e.note ? ` ${e.note}` : ''),
    rows.length
      ? h('table', { class: 'list', id: 'moves' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Round'), h('th', {}, 'Actor'), h('th', { class: 'num' }, 'Moved'), h('th', {}, 'Because of'), h('th', { class: 'num' }, 'Offers refused'))),
        h('tbody', {}, rows))
      : h('p', { class: 'hint' }, 'No actor moved.'),
    e.totals.length ? h('p', { class: 'hint' }, 'Offers made (taken): ', e.totals.map((t) => `${t.kind} ${t.count} (${t.taken})`).join(', '), '. EU: the expected utilities seen by the actor that moved (its own / the proposer\'s).') : null,
    e.coalitions.length ? h('p', { class: 'hint', id: 'coalitions' }, 'Coalitions at the end: ', e.coalitions.map((c) => `${c.members.map((a) => names[a] ?? a).join(', ')} (${num(c.low)}–${num(c.high)})`).join('; '), '.') : null,
  ];
}
