// Chart.js drawings of a result (the JSON of `parley forecast --format json`): forecast and
// intervals per issue and model, paths of positions per round, the distribution over the draws,
// and the drivers. Every chart is kept on its canvas as canvas.chart, and marks canvas.dataset.drawn.
import { colour } from './dom.js';

const Chart = window.Chart;
Chart.defaults.animation = false;
Chart.defaults.font.family = 'system-ui, sans-serif';

function draw(canvas, config) {
  canvas.chart?.destroy();
  canvas.chart = new Chart(canvas, config);
  canvas.dataset.drawn = 'true';
  return canvas.chart;
}

function intervalOf(result, level) {
  const set = result.interval ?? result.sensitivity;
  return set?.[level] ?? null;
}

/**
 * Forecast and intervals of every model on one issue: floating bars for the 95/80/50% intervals
 * and a marker at the forecast; with `whatif`, the what-if's forecasts and 80% intervals beside.
 */
export function forecastChart(canvas, issue, whatifIssue = null) {
  const models = Object.keys(issue.models);
  const marker = (value) => [value - (issue.max - issue.min) / 250, value + (issue.max - issue.min) / 250];
  const datasets = [
    { label: '95%', data: models.map((m) => intervalOf(issue.models[m], '95')), backgroundColor: '#c6dbef', barPercentage: 0.8, grouped: false, order: 4 },
    { label: '80%', data: models.map((m) => intervalOf(issue.models[m], '80')), backgroundColor: '#9ecae1', barPercentage: 0.6, grouped: false, order: 3 },
    { label: '50%', data: models.map((m) => intervalOf(issue.models[m], '50')), backgroundColor: '#4292c6', barPercentage: 0.4, grouped: false, order: 2 },
    { label: 'forecast', data: models.map((m) => marker(issue.models[m].forecast)), backgroundColor: '#000', barPercentage: 0.9, grouped: false, order: 1 },
  ];
  if (whatifIssue) {
    datasets.push(
      { label: 'what-if 80%', data: models.map((m) => (whatifIssue.models[m] ? intervalOf(whatifIssue.models[m], '80') : null)), backgroundColor: 'rgba(44,160,44,0.35)', barPercentage: 0.25, grouped: false, order: 1 },
      { label: 'what-if forecast', data: models.map((m) => (whatifIssue.models[m] ? marker(whatifIssue.models[m].forecast) : null)), backgroundColor: '#2ca02c', barPercentage: 0.9, grouped: false, order: 0 });
  }
  canvas.dataset.forecasts = JSON.stringify(Object.fromEntries(models.map((m) => [m, issue.models[m].forecast])));
  canvas.dataset.whatif = whatifIssue ? JSON.stringify(Object.fromEntries(models.filter((m) => whatifIssue.models[m]).map((m) => [m, whatifIssue.models[m].forecast]))) : '';
  return draw(canvas, {
    type: 'bar',
    data: { labels: models, datasets },
    options: {
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      scales: { x: { min: issue.min, max: issue.max, title: { display: true, text: 'position on the scale' } } },
      plugins: {
        legend: { position: 'bottom', labels: { boxWidth: 12 } },
        tooltip: {
          callbacks: {
            label: (ctx) => {
              const v = ctx.raw;
              if (!Array.isArray(v)) return '';
              return ctx.dataset.label.includes('forecast') ? `${ctx.dataset.label}: ${((v[0] + v[1]) / 2).toFixed(1)}` : `${ctx.dataset.label}: ${v[0].toFixed(1)}–${v[1].toFixed(1)}`;
            },
          },
        },
      },
    },
  });
}

/** Positions per round of one model on one issue, one line per actor, the weighted mean dashed. */
export function pathChart(canvas, issue, model, actorNames) {
  const rounds = issue.models[model].rounds;
  const actors = Object.keys(rounds[0]?.positions ?? {});
  const datasets = actors.map((a, i) => ({
    label: actorNames[a] ?? a, data: rounds.map((r) => r.positions[a] ?? null), borderColor: colour(i), backgroundColor: colour(i), pointRadius: 2, tension: 0,
  }));
  datasets.push({ label: 'weighted mean', data: rounds.map((r) => r.mean), borderColor: '#000', borderDash: [6, 4], pointRadius: 0, borderWidth: 2 });
  return draw(canvas, {
    type: 'line',
    data: { labels: rounds.map((r) => r.round), datasets },
    options: {
      responsive: true, maintainAspectRatio: false,
      scales: { y: { min: issue.min, max: issue.max, title: { display: true, text: 'position' } }, x: { title: { display: true, text: 'round (0 = input)' } } },
      plugins: { legend: { position: 'right', labels: { boxWidth: 10 } } },
    },
  });
}

/** The forecast over the input draws, as the histogram's bins. */
export function histogramChart(canvas, issue, model) {
  const r = issue.models[model];
  const h = r.histogram;
  if (!h) return null;
  const width = (h.max - h.min) / h.counts.length;
  const labels = h.counts.map((_, i) => `${(h.min + i * width).toFixed(0)}–${(h.min + (i + 1) * width).toFixed(0)}`);
  return draw(canvas, {
    type: 'bar',
    data: { labels, datasets: [{ label: `${model}: draws per bin`, data: h.counts, backgroundColor: '#9ecae1' }] },
    options: { responsive: true, maintainAspectRatio: false, plugins: { legend: { display: false } }, scales: { y: { title: { display: true, text: 'draws' } } } },
  });
}

/** Who drives the forecast: each input's forecast moved down → up, largest swing first. */
export function driversChart(canvas, issue, model, actorNames, count = 10) {
  const drivers = issue.models[model].drivers.slice(0, count);
  if (drivers.length === 0) return null;
  const values = drivers.flatMap((d) => [d.forecast_at_low, d.forecast_at_high]).concat([issue.models[model].forecast]);
  const pad = Math.max((Math.max(...values) - Math.min(...values)) * 0.15, (issue.max - issue.min) / 100);
  return draw(canvas, {
    type: 'bar',
    data: {
      labels: drivers.map((d) => `${actorNames[d.actor] ?? d.actor} · ${d.input}`),
      datasets: [{
        label: 'forecast with the input moved down → up',
        data: drivers.map((d) => [Math.min(d.forecast_at_low, d.forecast_at_high), Math.max(d.forecast_at_low, d.forecast_at_high)]),
        backgroundColor: drivers.map((d) => (d.effect >= 0 ? '#1f77b4' : '#d62728')),
      }],
    },
    options: {
      indexAxis: 'y', responsive: true, maintainAspectRatio: false,
      plugins: { legend: { display: false }, tooltip: { callbacks: { label: (ctx) => { const d = drivers[ctx.dataIndex]; return `${d.input} ${d.low} → ${d.high}: ${d.forecast_at_low.toFixed(1)} → ${d.forecast_at_high.toFixed(1)} (${d.effect >= 0 ? '+' : ''}${d.effect.toFixed(1)})`; } } } },
      scales: { x: { min: Math.max(issue.min, Math.floor(Math.min(...values) - pad)), max: Math.min(issue.max, Math.ceil(Math.max(...values) + pad)), title: { display: true, text: 'forecast' } } },
    },
  });
}
