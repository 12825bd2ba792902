import React, { useEffect, useMemo, useRef, useState } from 'react';
import NodeIcon from './NodeIcon.jsx';

/** The node types whose name, id, description or replaced program hold every word of `q`, best first. */
export function searchNodes(nodes, q) {
  const words = q.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const scored = [];
  for (const n of nodes) {
    const name = `${n.name} ${n.id}`.toLowerCase();
    const rest = `${n.shortDescription || ''} ${n.description || ''} ${n.replaces || ''}`.toLowerCase();
    if (!words.every((w) => name.includes(w) || rest.includes(w))) continue;
    const score = words.reduce((s, w) => s + (name.startsWith(w) ? 3 : name.includes(w) ? 2 : (n.replaces || '').toLowerCase().includes(w) ? 1 : 0), 0);
    scored.push({ n, score });
  }
  return scored.sort((a, b) => b.score - a.score || a.n.name.localeCompare(b.n.name)).map((x) => x.n);
}

/**
 * The search box a double-click on empty canvas opens at `at` (pixels in the canvas): typing filters the node
 * types, arrows move, Enter or a click adds the one picked there, Escape or a click elsewhere closes.
 */
export default function NodeSearch({ nodes, at, onPick, onClose }) {
  const [q, setQ] = useState('');
  const [i, setI] = useState(0);
  const box = useRef(null);
  const found = useMemo(() => searchNodes(nodes, q), [nodes, q]);
  useEffect(() => setI(0), [q]);
  useEffect(() => {
    const away = (e) => { if (box.current && !box.current.contains(e.target)) onClose(); };
    window.addEventListener('mousedown', away, true);
    return () => window.removeEventListener('mousedown', away, true);
  }, [onClose]);
  const key = (e) => {
    if (e.key === 'Escape') { e.preventDefault(); onClose(); }
    else if (e.key === 'ArrowDown') { e.preventDefault(); setI((k) => Math.min(found.length - 1, k + 1)); }
    else if (e.key === 'ArrowUp') { e.preventDefault(); setI((k) => Math.max(0, k - 1)); }
    else if (e.key === 'Enter') { e.preventDefault(); if (found[i]) onPick(found[i].id); }
  };
  return (
    <div className="node-search" ref={box} style={{ left: at.x, top: at.y }} data-testid="node-search">
      <input autoFocus type="search" placeholder="Add a node: type to search…" value={q} onChange={(e) => setQ(e.target.value)}
        onKeyDown={key} data-testid="node-search-input" aria-label="Search node types" />
      <div className="node-search-list" role="listbox">
        {found.length === 0 && <div className="muted pad">No node matches “{q}”.</div>}
        {found.slice(0, 12).map((n, k) => (
          <div key={n.id} role="option" aria-selected={k === i} className={k === i ? 'node-search-item active' : 'node-search-item'}
            onMouseEnter={() => setI(k)} onClick={() => onPick(n.id)} data-testid={`node-search-item-${n.id}`}>
            <div className="palette-row"><NodeIcon f={n} /><span className="palette-name">{n.name}</span><span className="muted small">{n.category}</span></div>
            <div className="palette-desc">{n.shortDescription}{n.replaces ? <span className="replaces"> · replaces {n.replaces}</span> : null}</div>
          </div>
        ))}
      </div>
    </div>
  );
}
