// The dashboard talks to the server through these calls only: the REST API under /api.

/** An error from the API, with its status and diagnostics. */
export class ApiError extends Error {
  constructor(status, title, diagnostics = []) {
    super(title);
    this.status = status;
    this.diagnostics = diagnostics;
  }
}

async function answer(response) {
  const type = response.headers.get('content-type') ?? '';
  const body = type.includes('json') ? await response.json() : await response.text();
  if (!response.ok) {
    const title = body && body.title ? body.title : `${response.status} ${response.statusText}`;
    throw new ApiError(response.status, title, body && body.diagnostics ? body.diagnostics : []);
  }
  return body;
}

export async function get(path) {
  return answer(await fetch(path, { headers: { accept: 'application/json' } }));
}

export async function postJson(path, value) {
  return answer(await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(value) }));
}

/** Sends a scenario text (YAML, JSON, CSV, XML) with its content type. */
export async function sendScenario(method, path, text, contentType) {
  return answer(await fetch(path, { method, headers: { 'content-type': contentType }, body: text }));
}

/** The content type of a scenario file by its name. */
export function contentTypeOf(fileName) {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.json')) return 'application/json';
  if (lower.endsWith('.csv')) return 'text/csv';
  if (lower.endsWith('.xml')) return 'application/xml';
  return 'application/yaml';
}

/** The scenario document as the JSON text the server reads. */
export function documentText(doc) {
  return JSON.stringify(doc, null, 2);
}

export const api = {
  version: () => get('/api/version'),
  models: () => get('/api/models'),
  examples: () => get('/api/examples'),
  example: (name) => get(`/api/examples/${encodeURIComponent(name)}`),
  scenarios: () => get('/api/scenarios'),
  scenario: (id) => get(`/api/scenarios/${id}`),
  scenarioVersion: (id, version) => get(`/api/scenarios/${id}/versions/${version}`),
  versions: (id) => get(`/api/scenarios/${id}/versions`),
  diff: (id, from, to) => get(`/api/scenarios/${id}/diff?from=${from}&to=${to}`),
  validate: (text, contentType, name) => sendScenario('POST', `/api/validate?name=${encodeURIComponent(name)}`, text, contentType),
  create: (text, contentType, comment) => sendScenario('POST', `/api/scenarios${comment ? `?comment=${encodeURIComponent(comment)}` : ''}`, text, contentType),
  update: (id, text, contentType, comment) => sendScenario('PUT', `/api/scenarios/${id}${comment ? `?comment=${encodeURIComponent(comment)}` : ''}`, text, contentType),
  startRun: (request) => postJson('/api/runs', request),
  runAndWait: (request) => postJson('/api/runs?wait=true', request),
  run: (id, withResult = true) => get(`/api/runs/${id}${withResult ? '' : '?result=false'}`),
  runs: (limit = 100) => get(`/api/runs?limit=${limit}`),
  cancel: (id) => postJson(`/api/runs/${id}/cancel`, {}),
  advise: (request) => postJson('/api/advice', request),
  advice: (id) => get(`/api/advice/${id}`),
  cancelAdvice: (id) => postJson(`/api/advice/${id}/cancel`, {}),
  explain: (request) => postJson('/api/explain', request),
};

/** Follows a run's progress: calls onEvent with each event; resolves with the last (final) one. */
export function follow(runId, onEvent) {
  return new Promise((resolve) => {
    const source = new EventSource(`/api/runs/${runId}/events`);
    const handle = (message) => {
      const data = JSON.parse(message.data);
      onEvent(data);
      if (message.type === 'status') {
        source.close();
        resolve(data);
      }
    };
    source.addEventListener('progress', handle);
    source.addEventListener('status', handle);
    source.onerror = () => {
      // The stream broke (server gone): ask once where the run stands.
      source.close();
      api.run(runId, false).then((run) => resolve({ id: runId, status: run.status, error: run.error }), () => resolve({ id: runId, status: 'unknown' }));
    };
  });
}
