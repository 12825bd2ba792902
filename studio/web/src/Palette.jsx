import NodeIcon from './NodeIcon.jsx';
import React, { useMemo, useState } from 'react';
import { PanelTitle } from './Inspector.jsx';

export default function Palette({ nodes, onAdd, onHide }) {
  const [q, setQ] = useState('');
  const [open, setOpen] = useState(null);
  const groups = useMemo(() => {
    const needle = q.trim().toLowerCase();
    const g = {};
    for (const n of nodes) {
      const hay = `${n.name} ${n.id} ${n.category} ${n.shortDescription}`.toLowerCase();
      if (needle && !hay.includes(needle)) continue;
      (g[n.category] ||= []).push(n);
    }
    return Object.entries(g).sort(([a], [b]) => a.localeCompare(b));
  }, [nodes, q]);

  return (
    <aside className="palette">
      <PanelTitle text="Nodes" onHide={onHide} fold="‹" />
      <input className="search" type="search" placeholder="Search nodes…" value={q} onChange={(e) => setQ(e.target.value)} data-testid="palette-search" />
      <div className="palette-list">
        {groups.length === 0 && <div className="muted pad">No node matches “{q}”.</div>}
        {groups.map(([cat, list]) => (
          <div key={cat} className="palette-group">
            <div className="palette-cat">{cat}</div>
            {list.map((n) => (
              <div
                key={n.id}
                className="palette-item"
                draggable
                data-testid={`palette-item-${n.id}`}
                onDragStart={(e) => {
                  e.dataTransfer.setData('application/emflow-node', n.id);
                  e.dataTransfer.effectAllowed = 'move';
                }}
                onDoubleClick={() => onAdd(n.id)}
                title="Drag onto the canvas (or double-click)"
              >
                <div className="palette-row">
                  <NodeIcon f={n} />
                  <span className="palette-name">{n.name}</span>
                  <button className="info" onClick={() => setOpen(open === n.id ? null : n.id)} title="Full description">i</button>
                </div>
                <div className="palette-desc">{n.shortDescription}</div>
                {open === n.id && <pre className="palette-full">{n.description}</pre>}
              </div>
            ))}
          </div>
        ))}
      </div>
    </aside>
  );
}
