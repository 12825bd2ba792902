// Conversion between the React Flow graph and the server's workflow JSON (the INI model).

export function edgeId(source, sourceHandle, target, targetHandle) {
  return `${source}.${sourceHandle}->${target}.${targetHandle}`;
}

/** The canvas comments' JSON form ({text, x, y, width, height}), as the workflow file's [comment.N] sections hold them. */
function commentsJson(comments) {
  return comments.map((c) => ({
    text: c.text || '', x: Math.round(c.x), y: Math.round(c.y), width: Math.round(c.width), height: Math.round(c.height),
  }));
}

export function toWorkflow(meta, nodes, edges, comments = []) {
  return {
    name: meta.name || '',
    description: meta.description || '',
    variables: meta.variables || {},
    // the [slurm] section (cluster resources), kept as the file has it
    slurm: meta.slurm || {},
    nodes: nodes.map((n) => {
      const inputs = {};
      for (const e of edges) {
        if (e.target === n.id) inputs[e.targetHandle] = `${e.source}.${e.sourceHandle}`;
      }
      return {
        id: n.id,
        type: n.data.type,
        x: Math.round(n.position.x),
        y: Math.round(n.position.y),
        settings: n.data.settings || {},
        inputs,
      };
    }),
    comments: commentsJson(comments),
  };
}

/** Comments on the page: the file's, each with an id of this page's (`c1`, `c2`, ...). */
export function commentsFrom(list) {
  return (list || []).map((c, i) => ({
    id: `c${i + 1}`, text: c.text || '', x: c.x || 0, y: c.y || 0, width: c.width || 220, height: c.height || 120,
  }));
}

/** An id for a new comment among `comments`. */
export function freshCommentId(comments) {
  const taken = new Set(comments.map((c) => c.id));
  for (let i = comments.length + 1; ; i++) if (!taken.has(`c${i}`)) return `c${i}`;
}

export function fromWorkflow(wf, catalog) {
  const nodes = wf.nodes.map((n) => ({
    id: n.id,
    type: 'emflow',
    position: { x: n.x, y: n.y },
    data: { type: n.type, settings: { ...n.settings } },
  }));
  const edges = [];
  for (const n of wf.nodes) {
    for (const [port, src] of Object.entries(n.inputs || {})) {
      const dot = src.indexOf('.');
      const source = src.slice(0, dot);
      const sourceHandle = src.slice(dot + 1);
      edges.push(makeEdge(source, sourceHandle, n.id, port, catalog, wf.nodes));
    }
  }
  return { meta: { name: wf.name, description: wf.description, variables: wf.variables || {}, slurm: wf.slurm || {} }, nodes, edges, comments: commentsFrom(wf.comments) };
}

export function portOf(catalog, type, side, name) {
  const f = catalog[type];
  if (!f) return null;
  return (side === 'out' ? f.outputs : f.inputs).find((p) => p.name === name) || null;
}

export function makeEdge(source, sourceHandle, target, targetHandle, catalog, wfNodes) {
  const src = wfNodes.find((n) => n.id === source);
  const srcType = src?.data ? src.data.type : src?.type;
  const port = portOf(catalog, srcType, 'out', sourceHandle);
  const color = port?.color || '#888';
  return {
    id: edgeId(source, sourceHandle, target, targetHandle),
    source, sourceHandle, target, targetHandle,
    style: { stroke: color, strokeWidth: 2.5 },
    data: { portType: port?.type },
  };
}

/** A fresh instance id for a node of type `type`: the type id, then type-2, type-3, ... */
export function freshId(type, nodes) {
  const taken = new Set(nodes.map((n) => n.id));
  if (!taken.has(type)) return type;
  for (let i = 2; ; i++) if (!taken.has(`${type}-${i}`)) return `${type}-${i}`;
}

/** Required inputs of a node that no edge feeds. */
export function missingInputs(node, edges, catalog) {
  const f = catalog[node.data.type];
  if (!f) return [];
  return f.inputs.filter((p) => !p.optional && !edges.some((e) => e.target === node.id && e.targetHandle === p.name)).map((p) => p.name);
}

/** `file` (workspace-relative) as seen from the folder of `workflowPath`, for path settings. */
export function relativeTo(workflowPath, file) {
  const base = workflowPath && workflowPath.includes('/') ? workflowPath.slice(0, workflowPath.lastIndexOf('/')).split('/') : [];
  const parts = file.split('/');
  let i = 0;
  while (i < base.length && i < parts.length - 1 && base[i] === parts[i]) i++;
  return [...Array(base.length - i).fill('..'), ...parts.slice(i)].join('/');
}

/**
 * Copies of clipboard nodes (workflow JSON nodes, as toWorkflow makes them) for pasting among `existing`: fresh ids,
 * the same settings, shifted by `offset`, selected; the connections among the copies are kept, those from nodes
 * outside the copied set are not (as KNIME pastes).
 */
export function pasteNodes(clipNodes, existing, catalog, offset = 40) {
  const taken = existing.map((n) => ({ id: n.id }));
  const idOf = {};
  const nodes = clipNodes.map((n) => {
    const id = freshId(n.type, taken);
    taken.push({ id });
    idOf[n.id] = id;
    return { id, type: 'emflow', selected: true, position: { x: n.x + offset, y: n.y + offset }, data: { type: n.type, settings: { ...n.settings } } };
  });
  const edges = [];
  for (const n of clipNodes) {
    for (const [port, src] of Object.entries(n.inputs || {})) {
      const dot = src.indexOf('.');
      const source = idOf[src.slice(0, dot)];
      if (source) edges.push(makeEdge(source, src.slice(dot + 1), idOf[n.id], port, catalog, nodes));
    }
  }
  return { nodes, edges };
}

/**
 * Undo and redo over snapshots of the workflow (its JSON text). Each edit is one step, except that edits of the same
 * setting in a row (typing a value) make one step; a drag is recorded when it ends.
 */
export class EditHistory {
  constructor(limit = 200) {
    this.limit = limit;
    this.reset(null);
  }

  /** Starts over from `snapshot` (a file opened, a new workflow). */
  reset(snapshot) {
    this.past = [];
    this.future = [];
    this.current = snapshot;
    this.lastKey = null;
  }

  /** The workflow is now `snapshot`; `mergeKey` names the setting an edit typed into, so that a value is one step. */
  record(snapshot, mergeKey = null) {
    if (this.current === null) { this.current = snapshot; return; }
    if (snapshot === this.current) return;
    if (!(mergeKey && mergeKey === this.lastKey && this.past.length)) {
      this.past.push(this.current);
      if (this.past.length > this.limit) this.past.shift();
    }
    this.future = [];
    this.current = snapshot;
    this.lastKey = mergeKey;
  }

  /** The snapshot before the current one (after recording `latest`, an edit not yet recorded), or null. */
  undo(latest) {
    this.record(latest);
    if (!this.past.length) return null;
    this.future.push(this.current);
    this.current = this.past.pop();
    this.lastKey = null;
    return this.current;
  }

  redo() {
    if (!this.future.length) return null;
    this.past.push(this.current);
    this.current = this.future.pop();
    this.lastKey = null;
    return this.current;
  }
}
