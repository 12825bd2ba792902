// Conversion between the React Flow graph and the server's workflow JSON (the INI model).

export function edgeId(source, sourceHandle, target, targetHandle) {
  return `${source}.${sourceHandle}->${target}.${targetHandle}`;
}

export function toWorkflow(meta, nodes, edges) {
  return {
    name: meta.name || '',
    description: meta.description || '',
    variables: meta.variables || {},
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
  };
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
  return { meta: { name: wf.name, description: wf.description, variables: wf.variables || {} }, nodes, edges };
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
