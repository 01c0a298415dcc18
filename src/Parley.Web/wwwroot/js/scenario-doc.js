// Helpers on a scenario document: the scenario in Parley's JSON format (the keys of the YAML format).

export function blankDocument() {
  return {
    title: 'New scenario',
    salience_scale: 'unit',
    issues: [{ id: 'issue1', name: 'First issue', scale: { min: 0, max: 100, anchors: [] } }],
    actors: [
      { id: 'actor1', name: 'First actor', capability: 10, stances: { issue1: { position: 20, salience: 0.5 } } },
      { id: 'actor2', name: 'Second actor', capability: 10, stances: { issue1: { position: 80, salience: 0.5 } } },
    ],
  };
}

export function scaleOf(doc, issueId) {
  const issue = doc.issues.find((i) => i.id === issueId);
  const scale = issue?.scale ?? {};
  return { min: scale.min ?? 0, max: scale.max ?? 100, anchors: scale.anchors ?? [] };
}

export function salienceMax(doc) {
  return doc.salience_scale === 'percent' ? 100 : 1;
}

export function stance(doc, actorId, issueId) {
  return doc.actors.find((a) => a.id === actorId)?.stances?.[issueId] ?? null;
}

/** A fresh id like `actor3` that no actor (or issue) has. */
export function freshId(existing, prefix) {
  let n = existing.length + 1;
  while (existing.includes(`${prefix}${n}`)) n += 1;
  return `${prefix}${n}`;
}

export function addActor(doc) {
  const id = freshId(doc.actors.map((a) => a.id), 'actor');
  const stances = {};
  for (const issue of doc.issues) {
    const s = scaleOf(doc, issue.id);
    stances[issue.id] = { position: (s.min + s.max) / 2, salience: salienceMax(doc) / 2 };
  }
  doc.actors.push({ id, name: `Actor ${id.slice(5)}`, capability: 10, stances });
  return id;
}

export function addIssue(doc) {
  const id = freshId(doc.issues.map((i) => i.id), 'issue');
  doc.issues.push({ id, name: `Issue ${id.slice(5)}`, scale: { min: 0, max: 100, anchors: [] } });
  for (const actor of doc.actors) {
    actor.stances = actor.stances ?? {};
    actor.stances[id] = { position: 50, salience: salienceMax(doc) / 2 };
  }
  return id;
}

export function removeActor(doc, actorId) {
  doc.actors = doc.actors.filter((a) => a.id !== actorId);
}

export function removeIssue(doc, issueId) {
  doc.issues = doc.issues.filter((i) => i.id !== issueId);
  for (const actor of doc.actors) {
    if (actor.stances) delete actor.stances[issueId];
    if (actor.capability_by_issue) delete actor.capability_by_issue[issueId];
  }
}

export function renameIssue(doc, from, to) {
  const issue = doc.issues.find((i) => i.id === from);
  if (!issue || from === to) return;
  issue.id = to;
  for (const actor of doc.actors) {
    for (const key of ['stances', 'capability_by_issue']) {
      if (actor[key] && from in actor[key]) {
        actor[key] = Object.fromEntries(Object.entries(actor[key]).map(([k, v]) => [k === from ? to : k, v]));
      }
    }
  }
}

/** Anchors as editable lines `value: label`. */
export function anchorsText(scale) {
  return (scale.anchors ?? []).map((a) => `${a.value}: ${a.label}`).join('\n');
}

export function parseAnchors(text) {
  return text.split('\n').map((line) => line.trim()).filter((line) => line.length > 0).map((line) => {
    const colon = line.indexOf(':');
    const value = Number(colon < 0 ? line : line.slice(0, colon));
    return { value: Number.isFinite(value) ? value : line, label: colon < 0 ? '' : line.slice(colon + 1).trim() };
  });
}

/** The sentence of `text` around position `at` (for attaching a rationale with no selection). */
export function sentenceAround(text, at) {
  const ends = /[.!?]["”’)]?\s/g;
  let start = 0;
  let match;
  while ((match = ends.exec(text)) !== null) {
    const end = match.index + match[0].length;
    if (end > at) return text.slice(start, end).trim();
    start = end;
  }
  return text.slice(start).trim();
}
