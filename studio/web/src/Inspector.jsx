import NodeIcon from './NodeIcon.jsx';
import React, { useEffect, useState } from 'react';

function fmt(v) {
  if (v === undefined || v === null) return '';
  return Number.isInteger(v) ? String(v) : String(v);
}

function rangeText(s) {
  if (s.min == null && s.max == null) return '';
  return `${s.min == null ? '−∞' : fmt(s.min)} … ${s.max == null ? '∞' : fmt(s.max)}`;
}

function SettingControl({ s, value, onChange, onBrowse, error }) {
  const v = value ?? '';
  const common = { id: `setting-${s.key}`, 'data-testid': `setting-${s.key}`, className: error ? 'bad' : '' };
  switch (s.type) {
    case 'BOOLEAN': {
      const checked = (v === '' ? s.default : v)?.toString().toLowerCase();
      return (
        <input type="checkbox" {...common} checked={['true', 'yes', '1', 'on'].includes(checked)}
          onChange={(e) => onChange(e.target.checked ? 'true' : 'false')} />
      );
    }
    case 'ENUM':
      return (
        <select {...common} value={v} onChange={(e) => onChange(e.target.value)}>
          <option value="">{s.default ? `default (${s.default})` : '—'}</option>
          {s.choices.map((c) => <option key={c} value={c}>{c}</option>)}
        </select>
      );
    case 'INT':
    case 'DOUBLE':
      return (
        <div className="num-row">
          <input type="text" inputMode="decimal" {...common} value={v} placeholder={s.default ?? ''}
            onChange={(e) => onChange(e.target.value)} />
          {rangeText(s) && <span className="range">{rangeText(s)}</span>}
        </div>
      );
    case 'PATH':
      return (
        <div className="num-row">
          <input type="text" {...common} value={v} placeholder={s.default ?? 'path in the workspace'} onChange={(e) => onChange(e.target.value)} />
          <button onClick={onBrowse} data-testid={`browse-${s.key}`}>Browse…</button>
        </div>
      );
    case 'LIST':
      return <input type="text" {...common} value={v} placeholder={s.default ?? 'item, item, …'} onChange={(e) => onChange(e.target.value)} />;
    default:
      return <input type="text" {...common} value={v} placeholder={s.default ?? ''} onChange={(e) => onChange(e.target.value)} />;
  }
}

function WorkflowPanel({ meta, onMeta, onHide }) {
  const vars = Object.entries(meta.variables || {});
  return (
    <aside className="inspector" data-testid="workflow-panel">
      <PanelTitle text="Workflow" onHide={onHide} />
      <div className="insp-settings">
        <div className="setting">
          <label htmlFor="wf-name"><span className="key">name</span></label>
          <input id="wf-name" type="text" value={meta.name || ''} onChange={(e) => onMeta({ ...meta, name: e.target.value })} />
        </div>
        <div className="setting">
          <label htmlFor="wf-desc"><span className="key">description</span></label>
          <textarea id="wf-desc" rows={3} value={meta.description || ''} onChange={(e) => onMeta({ ...meta, description: e.target.value })} />
        </div>
        <div className="setting">
          <label><span className="key">variables</span><span className="type">used in settings as ${'{'}name{'}'}</span></label>
          {vars.map(([k, v]) => (
            <div className="num-row var-row" key={k}>
              <span className="mono var-key">{k}</span>
              <input type="text" value={v} onChange={(e) => onMeta({ ...meta, variables: { ...meta.variables, [k]: e.target.value } })} />
              <button title="Remove" onClick={() => { const c = { ...meta.variables }; delete c[k]; onMeta({ ...meta, variables: c }); }}>×</button>
            </div>
          ))}
          <button onClick={() => {
            const k = window.prompt('Variable name (letters, digits, _):');
            if (k && /^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) onMeta({ ...meta, variables: { ...meta.variables, [k]: '' } });
          }}>Add variable</button>
        </div>
        <div className="help">Select a node to configure it. Drag nodes from the palette; connect an output port (right) to an input port (left) of the same colour. Double-click a node for its results.</div>
      </div>
    </aside>
  );
}

function NodeId({ id, onRename }) {
  const [v, setV] = useState(id);
  const [err, setErr] = useState(null);
  useEffect(() => { setV(id); setErr(null); }, [id]);
  const commit = () => { if (v !== id) { const e = onRename(v); setErr(e); if (e) setV(id); } };
  return (
    <>
    <div className="node-id-row">
      <label htmlFor="node-id" className="key">id</label>
      <input id="node-id" type="text" className="mono" value={v} onChange={(e) => setV(e.target.value)} onBlur={commit}
        onKeyDown={(e) => { if (e.key === 'Enter') e.target.blur(); }} data-testid="node-id" title="Node id: the section name in the workflow file" />
    </div>
    {err && <div className="setting-error pad-x">{err}</div>}
    </>
  );
}

export default function Inspector({ node, factory, problems, missing, onSetting, onBrowse, onDelete, onRunTo, running, onRename, meta, onMeta,
  picked = [], onCopy, onDuplicate, onDeletePicked, onHide }) {
  if (picked.length > 1) return <SelectionPanel picked={picked} onCopy={onCopy} onDuplicate={onDuplicate} onDelete={onDeletePicked} onHide={onHide} />;
  if (!node) return <WorkflowPanel meta={meta} onMeta={onMeta} onHide={onHide} />;
  if (!factory) {
    return (
      <aside className="inspector">
        <PanelTitle text="Settings" onHide={onHide} />
        <div className="pad error-text">Node type '{node.data.type}' is not installed.</div>
      </aside>
    );
  }
  const byKey = {};
  const general = [];
  for (const p of problems) {
    if (p.key && !p.key.startsWith('in.') && factory.settings.some((s) => s.key === p.key)) (byKey[p.key] ||= []).push(p.message);
    else general.push(p);
  }
  const settings = node.data.settings || {};
  return (
    <aside className="inspector" data-testid="inspector">
      <PanelTitle text="Settings" onHide={onHide} />
      <div className="insp-head">
        <NodeIcon f={factory} />
        <div>
          <div className="insp-name">{factory.name}</div>
          <div className="muted small">{factory.id} · {factory.category}</div>
        </div>
      </div>
      <NodeId id={node.id} onRename={onRename} />
      <div className="insp-short">{factory.shortDescription}</div>
      <details className="insp-desc"><summary>Description</summary><pre>{factory.description}</pre></details>
      {(general.length > 0 || missing.length > 0) && (
        <div className="insp-problems" data-testid="node-problems">
          {missing.map((m) => <div key={m}>Required input <b>{m}</b> is not connected.</div>)}
          {general.filter((p) => !(p.key && p.key.startsWith('in.') && missing.includes(p.key.slice(3)))).map((p, i) => (
            <div key={i}>{p.key ? <b>{p.key}: </b> : null}{p.message}</div>
          ))}
        </div>
      )}
      <div className="insp-settings">
        {factory.settings.length === 0 && <div className="muted">This node has no settings.</div>}
        {factory.settings.map((s) => (
          <div className="setting" key={s.key}>
            <label htmlFor={`setting-${s.key}`}>
              <span className="key">{s.key}</span>
              <span className="type">{s.type.toLowerCase()}{s.required ? ', required' : ''}</span>
            </label>
            <SettingControl s={s} value={settings[s.key]} error={byKey[s.key]}
              onChange={(v) => onSetting(s.key, v)} onBrowse={() => onBrowse(s.key)} />
            {byKey[s.key] && byKey[s.key].map((m, i) => <div className="setting-error" data-testid={`setting-error-${s.key}`} key={i}>{m}</div>)}
            <div className="help">{s.help}{s.default != null && s.default !== '' ? <span className="muted"> Default: {s.default}.</span> : null}</div>
          </div>
        ))}
      </div>
      <div className="insp-actions">
        <button onClick={onRunTo} disabled={running} data-testid="run-to-here">Run up to here</button>
        <button className="danger" onClick={onDelete}>Delete node</button>
      </div>
    </aside>
  );
}

/** Several nodes selected: what can be done with them together. */
function SelectionPanel({ picked, onCopy, onDuplicate, onDelete, onHide }) {
  return (
    <aside className="inspector" data-testid="selection-panel">
      <PanelTitle text="Selection" onHide={onHide} />
      <div className="pad">
        <div className="insp-name">{picked.length} nodes selected</div>
        <div className="muted small">{picked.map((n) => n.id).join(', ')}</div>
        <div className="insp-actions">
          <button onClick={onCopy} title="Ctrl+C; paste with Ctrl+V">Copy</button>
          <button onClick={onDuplicate} title="Ctrl+D" data-testid="duplicate-picked">Duplicate</button>
          <button className="danger" onClick={onDelete} title="Delete" data-testid="delete-picked">Delete {picked.length} nodes</button>
        </div>
        <div className="help">Shift+drag on the canvas selects a box, Ctrl+click adds a node, Ctrl+A selects all; settings are edited one node at a time.</div>
      </div>
    </aside>
  );
}

/** A panel's title with the button that folds the panel away (to give the canvas room). */
export function PanelTitle({ text, onHide, fold = '›' }) {
  return (
    <div className="panel-title">
      {text}
      {onHide && <button className="panel-fold" onClick={onHide} title={`Hide the ${text.toLowerCase()} panel`} data-testid={`hide-${text.toLowerCase()}`}>{fold}</button>}
    </div>
  );
}
