import React, { useEffect, useState } from 'react';
import { get } from './api.js';

function num(v, d = 2) {
  if (v == null || !Number.isFinite(v)) return '—';
  return Math.abs(v) >= 1000 || (Math.abs(v) < 0.01 && v !== 0) ? v.toExponential(2) : v.toFixed(d);
}

export function FscChart({ p }) {
  const W = 460, H = 250, L = 48, R = 14, T = 14, B = 42;
  const k = p.frequency, f = p.fsc;
  const kmax = Math.max(...k) || 1;
  const ymin = Math.min(0, Math.floor(Math.min(...f) * 10) / 10), ymax = 1;
  const x = (v) => L + (v / kmax) * (W - L - R);
  const y = (v) => T + ((ymax - v) / (ymax - ymin)) * (H - T - B);
  const path = k.map((kv, i) => `${i ? 'L' : 'M'}${x(kv).toFixed(1)},${y(f[i]).toFixed(1)}`).join(' ');
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((t) => t * kmax);
  const thresholds = [
    { v: 0.5, res: p.resolution05, color: '#e67e22' },
    { v: 0.143, res: p.resolution0143, color: '#c0392b' },
  ];
  return (
    <div className="fsc" data-testid="fsc-plot">
      <svg width={W} height={H} className="chart">
        <rect x={L} y={T} width={W - L - R} height={H - T - B} className="plot-bg" />
        {[0, 0.25, 0.5, 0.75, 1].map((t) => (
          <g key={t}><line x1={L} x2={W - R} y1={y(t)} y2={y(t)} className="grid" /><text x={L - 6} y={y(t) + 4} textAnchor="end">{t}</text></g>
        ))}
        {ticks.map((t, i) => (
          <g key={i}><line x1={x(t)} x2={x(t)} y1={T} y2={H - B} className="grid" />
            <text x={x(t)} y={H - B + 14} textAnchor="middle">{t === 0 ? '0' : t.toFixed(3)}</text>
            {t > 0 && <text x={x(t)} y={H - B + 26} textAnchor="middle" className="muted-svg">{(1 / t).toFixed(1)} Å</text>}
          </g>
        ))}
        {thresholds.map((th) => (
          <g key={th.v}>
            <line x1={L} x2={W - R} y1={y(th.v)} y2={y(th.v)} stroke={th.color} strokeDasharray="5 4" strokeWidth={1.2} />
            {th.res && <line x1={x(1 / th.res)} x2={x(1 / th.res)} y1={y(th.v)} y2={H - B} stroke={th.color} strokeDasharray="2 3" />}
            {th.res && <circle cx={x(1 / th.res)} cy={y(th.v)} r={3.5} fill={th.color} />}
          </g>
        ))}
        <path d={path} fill="none" style={{ stroke: 'var(--chart-line)' }} strokeWidth={2} data-testid="fsc-line" />
        <text x={(L + W - R) / 2} y={H - 4} textAnchor="middle">spatial frequency (1/Å)</text>
        <text x={12} y={(T + H - B) / 2} textAnchor="middle" transform={`rotate(-90 12 ${(T + H - B) / 2})`}>FSC</text>
      </svg>
      <div className="fsc-legend">
        <div><span className="sw" style={{ background: '#c0392b' }} />FSC = 0.143: <b data-testid="res-0143">{p.resolution0143 ? `${p.resolution0143.toFixed(2)} Å` : 'not reached'}</b></div>
        <div><span className="sw" style={{ background: '#e67e22' }} />FSC = 0.5: <b data-testid="res-05">{p.resolution05 ? `${p.resolution05.toFixed(2)} Å` : 'not reached'}</b></div>
        <div className="muted small">{k.length} shells, Nyquist {(1 / kmax).toFixed(2)} Å</div>
      </div>
    </div>
  );
}

// Numbers with more digits than a reader can use are shown to 6 significant digits (the file keeps them all).
function cell(c) {
  if (c === '' || c == null || !/^[-+]?[0-9.]+(e[-+]?[0-9]+)?$/i.test(c) || c.length <= 10) return c;
  const v = Number(c);
  return Number.isFinite(v) ? String(Number(v.toPrecision(6))) : c;
}

const PAGE = 50;

/**
 * The particle table a node stored, a page at a time from the server (api/results/NODE/PORT/rows): a click on a
 * column's head sorts by it (numbers as numbers), a second click reverses, a third goes back to file order.
 */
function ParticleRows({ node, port, path, version }) {
  const [offset, setOffset] = useState(0);
  const [sort, setSort] = useState({ col: null, desc: false });
  const [page, setPage] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => { setOffset(0); setSort({ col: null, desc: false }); }, [node, port]);
  useEffect(() => {
    let live = true;
    const q = new URLSearchParams({ offset: String(offset), limit: String(PAGE) });
    if (sort.col) { q.set('sort', sort.col); if (sort.desc) q.set('desc', '1'); }
    if (path) q.set('path', path);
    get(`api/results/${encodeURIComponent(node)}/${encodeURIComponent(port)}/rows?${q}`)
      .then((r) => { if (live) { setPage(r); setError(null); } })
      .catch((e) => { if (live) { setPage(null); setError(e.message); } });
    return () => { live = false; };
  }, [node, port, path, offset, sort, version]);
  if (error) return <div className="muted">{error}</div>;
  if (!page) return <div className="muted">Loading the particle table…</div>;
  const by = (c) => {
    setOffset(0);
    setSort((s) => (s.col !== c ? { col: c, desc: false } : !s.desc ? { col: c, desc: true } : { col: null, desc: false }));
  };
  const last = Math.max(0, Math.floor((page.total - 1) / PAGE) * PAGE);
  return (
    <div className="particle-rows">
      <div className="pager">
        <button onClick={() => setOffset(0)} disabled={offset === 0} data-testid="rows-first" title="First page">«</button>
        <button onClick={() => setOffset(Math.max(0, offset - PAGE))} disabled={offset === 0} data-testid="rows-prev" title="Previous page">‹</button>
        <span data-testid="rows-range">rows {page.total ? offset + 1 : 0}–{offset + page.rows.length} of {page.total}</span>
        <button onClick={() => setOffset(offset + PAGE)} disabled={offset + PAGE >= page.total} data-testid="rows-next" title="Next page">›</button>
        <button onClick={() => setOffset(last)} disabled={offset >= last} data-testid="rows-last" title="Last page">»</button>
        {page.sort && <span className="muted small">sorted by {page.sort}{page.desc ? ', descending' : ''}{page.numeric ? ' (numbers)' : ' (text)'}</span>}
      </div>
      <div className="table-wrap">
        <table className="data" data-testid="particle-table">
          <thead><tr>{page.columns.map((c) => (
            <th key={c} className="sortable" onClick={() => by(c)} data-testid={`rows-col-${c}`}
              aria-sort={page.sort === c ? (page.desc ? 'descending' : 'ascending') : 'none'} title="Sort by this column">
              {c}{page.sort === c ? (page.desc ? ' ▼' : ' ▲') : ''}
            </th>
          ))}</tr></thead>
          <tbody>{page.rows.map((r, i) => <tr key={offset + i}>{r.map((c, j) => <td key={j}>{cell(c)}</td>)}</tr>)}</tbody>
        </table>
      </div>
    </div>
  );
}

function TableView({ t }) {
  return (
    <div className="table-wrap">
      <table className="data" data-testid="table-preview">
        <thead><tr>{t.columns.map((c) => <th key={c}>{c}</th>)}</tr></thead>
        <tbody>{t.rows.map((r, i) => <tr key={i}>{r.map((c, j) => <td key={j}>{cell(c)}</td>)}</tr>)}</tbody>
      </table>
      {t.rowCount > t.rows.length && <div className="muted small">{t.rows.length} of {t.rowCount} rows shown</div>}
    </div>
  );
}

/**
 * A map as three slices (XY, XZ, YZ; first axis to the right, second up, as IMOD and ChimeraX show them), each with a
 * slider through its axis (central slice first), and contrast and zoom for all three.
 */
function VolumeView({ p }) {
  const axes = [['xy', 'z', p.nz], ['xz', 'y', p.ny], ['yz', 'x', p.nx]];
  const [at, setAt] = useState({ xy: Math.floor(p.nz / 2), xz: Math.floor(p.ny / 2), yz: Math.floor(p.nx / 2) });
  const [contrast, setContrast] = useState(1);
  const [zoom, setZoom] = useState(1);
  const src = (k) => (at[k] === Math.floor({ xy: p.nz, xz: p.ny, yz: p.nx }[k] / 2) ? p.images[k]
    : p.images[k].replace(`/${k}.png?`, `/${k}-${at[k]}.png?`));
  return (
    <div>
      <div className="volume-tools">
        <label>contrast <input type="range" min="0.5" max="4" step="0.1" value={contrast} data-testid="volume-contrast"
          onChange={(e) => setContrast(Number(e.target.value))} /></label>
        <label>zoom <select value={zoom} onChange={(e) => setZoom(Number(e.target.value))} data-testid="volume-zoom">
          {[1, 2, 3, 4].map((z) => <option key={z} value={z}>{z}×</option>)}
        </select></label>
      </div>
      <div className="slices">
        {axes.map(([k, axis, n]) => (
          <figure key={k} className="slice-figure">
            <div className="slice-frame">
              <img src={src(k)} alt={`${k.toUpperCase()} (${axis} = ${at[k]})`} data-testid={`slice-${k}`}
                style={{ filter: `contrast(${contrast})`, width: 210 * zoom, height: 210 * zoom }} />
            </div>
            <figcaption>
              {k.toUpperCase()} ({axis} = {at[k]})
              <input type="range" min="0" max={n - 1} value={at[k]} data-testid={`slice-${k}-index`} aria-label={`${axis} of the ${k.toUpperCase()} slice`}
                onChange={(e) => setAt((a) => ({ ...a, [k]: Number(e.target.value) }))} />
            </figcaption>
          </figure>
        ))}
      </div>
      <div className="muted small">{p.nx} × {p.ny} × {p.nz}, {num(p.pixelSize, 3)} Å/px · min {num(p.min)} · max {num(p.max)} · mean {num(p.mean)}</div>
    </div>
  );
}

function PreviewView({ p }) {
  switch (p.kind) {
    case 'volume':
      return <VolumeView p={p} />;
    case 'fsc':
      return <div className="fsc-row"><FscChart p={p} />{p.table && <TableView t={p.table} />}</div>;
    case 'table':
      return <TableView t={p} />;
    case 'images':
      return (
        <div className="slices">
          {p.names.map((n) => <figure key={n}><img src={p.images[n]} alt={n} data-testid={`image-${n}`} /><figcaption>{n}</figcaption></figure>)}
          {p.caption && <div className="muted small">{p.caption}</div>}
        </div>
      );
    case 'image':
      return <img className="file-image" src={p.url} alt={p.name} data-testid="file-image" />;
    case 'text':
      return <pre className="log">{p.text}{p.truncated ? '\n…' : ''}</pre>;
    default:
      return <div className="muted">{p.text}</div>;
  }
}

export default function Results({ nodeId, result, liveLog, height, onClose, path }) {
  const [tab, setTab] = useState(0);
  useEffect(() => setTab(0), [nodeId]);
  if (!nodeId) return null;
  const outs = result?.outputs || [];
  const tabs = [...outs.map((o) => ({ label: o.port, color: o.color, o })), { label: 'Log' }];
  const t = Math.min(tab, tabs.length - 1);
  const cur = tabs[t];
  const log = liveLog?.length ? liveLog : result?.log || [];
  return (
    <section className="results" data-testid="results" style={height ? { height } : undefined}>
      <div className="results-head">
        <span className="panel-title inline">Results · {nodeId}</span>
        {result?.state && <span className={`em-badge badge-${result.state}`}>{result.state}</span>}
        {result?.seconds != null && result.state === 'done' && <span className="muted small">{result.seconds.toFixed(1)} s</span>}
        {result?.folder && <span className="muted small mono">{result.folder}/</span>}
        <div className="tabs">
          {tabs.map((x, i) => (
            <button key={x.label} className={i === t ? 'tab active' : 'tab'} onClick={() => setTab(i)} data-testid={`tab-${x.label}`}>
              {x.color && <span className="dot" style={{ background: x.color }} />}{x.label}
            </button>
          ))}
        </div>
        <button className="close" onClick={onClose} title="Close">×</button>
      </div>
      <div className="results-body">
        {!result && <div className="muted">No results yet: run the workflow (or “Run up to here”).</div>}
        {result?.error && <div className="error-text">{result.error}</div>}
        {cur?.o && (
          <div>
            <div className="muted small" data-testid="port-summary">{cur.o.summary}</div>
            {!cur.o.preview ? <div className="muted">Not computed.</div>
              : cur.o.preview.kind !== 'summary' ? <PreviewView p={cur.o.preview} /> : null}
            {cur.o.preview && cur.o.type === 'particles' && <ParticleRows node={nodeId} port={cur.o.port} path={path} version={result} />}
          </div>
        )}
        {!cur?.o && result !== undefined && (
          <pre className="log" data-testid="node-log">{log.length ? log.join('\n') : '(no log lines)'}</pre>
        )}
      </div>
    </section>
  );
}
