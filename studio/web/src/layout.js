// Automatic layout of a workflow: layers from left to right along the connections (dagre's layered
// layout, the Sugiyama method node editors use), so that no edge runs behind a node.
import dagre from '@dagrejs/dagre';

const DEFAULT_SIZE = { width: 190, height: 90 };

/** New positions {id: {x, y}} for `nodes` (React Flow nodes, measured when drawn) connected by `edges`. */
export function layeredPositions(nodes, edges) {
  const g = new dagre.graphlib.Graph();
  g.setGraph({ rankdir: 'LR', nodesep: 40, ranksep: 90, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const n of nodes) {
    g.setNode(n.id, { width: n.measured?.width || DEFAULT_SIZE.width, height: n.measured?.height || DEFAULT_SIZE.height });
  }
  for (const e of edges) g.setEdge(e.source, e.target);
  dagre.layout(g);
  const out = {};
  for (const n of nodes) {
    const p = g.node(n.id); // dagre gives centres; React Flow places by the top-left corner
    out[n.id] = { x: Math.round(p.x - p.width / 2), y: Math.round(p.y - p.height / 2) };
  }
  return out;
}
