import React, { useEffect, useState } from 'react';
import { get } from './api.js';

const FOLDER_ICON = (
  <svg className="folder-icon" width="14" height="12" viewBox="0 0 14 12" aria-hidden="true">
    <path d="M1 2.5A1.5 1.5 0 0 1 2.5 1H5l1.5 1.5h5A1.5 1.5 0 0 1 13 4v5.5A1.5 1.5 0 0 1 11.5 11h-9A1.5 1.5 0 0 1 1 9.5z" fill="#e3b341" stroke="#b8892a" />
  </svg>
);

// A modal listing the workspace (never outside it): pick a file, or type a new path when saving.
// `types`: the extensions a setting's file has (["star"]) or ["folder"]; others are hidden unless asked for.
export default function FilePicker({ title, filter, types, saveMode, initialName, onPick, onClose }) {
  const [dir, setDir] = useState('');
  const [all, setAll] = useState(false);
  const folders = types?.includes('folder');
  const byType = types?.length && !folders ? (n) => types.some((t) => n.toLowerCase().endsWith(`.${t}`)) : null;
  const [entries, setEntries] = useState([]);
  const [name, setName] = useState(initialName || '');
  const [error, setError] = useState(null);

  useEffect(() => {
    get(`api/files?dir=${encodeURIComponent(dir)}`).then((r) => { setEntries(r.entries); setError(null); }).catch((e) => setError(e.message));
  }, [dir]);

  const up = dir.includes('/') ? dir.slice(0, dir.lastIndexOf('/')) : '';
  const shown = entries.filter((e) => e.directory
    || (!folders && (!filter || filter(e.name)) && (all || !byType || byType(e.name))));
  const join = (n) => (dir ? `${dir}/${n}` : n);
  return (
    <div className="modal-back" onMouseDown={onClose}>
      <div className="modal" onMouseDown={(e) => e.stopPropagation()} data-testid="file-picker">
        <div className="modal-title">{title}</div>
        <div className="crumbs">
          <button onClick={() => setDir('')}>workspace</button>
          {dir && dir.split('/').map((p, i, a) => (
            <React.Fragment key={i}> / <button onClick={() => setDir(a.slice(0, i + 1).join('/'))}>{p}</button></React.Fragment>
          ))}
        </div>
        <div className="file-list">
          {dir && <div className="file-row dir" onClick={() => setDir(up)}>..</div>}
          {shown.map((e) => (
            <div key={e.path} className={`file-row ${e.directory ? 'dir' : ''}`} data-testid={`file-${e.path}`}
              onClick={() => (e.directory ? setDir(e.path) : saveMode ? setName(e.name) : onPick(e.path))}>
              <span>{e.directory ? FOLDER_ICON : null}{e.name}</span>
              {!e.directory && <span className="muted small">{(e.size / 1024).toFixed(1)} kB</span>}
            </div>
          ))}
          {shown.length === 0 && <div className="muted pad">Empty folder.</div>}
        </div>
        {error && <div className="error-text pad">{error}</div>}
        {byType && (
          <label className="show-all small">
            <input type="checkbox" checked={all} onChange={(e) => setAll(e.target.checked)} data-testid="show-all-files" />
            {' '}all files (not only .{types.join(', .')})
          </label>
        )}
        {folders && (
          <div className="save-row">
            <button className="primary" onClick={() => onPick(dir || '.')} data-testid="choose-folder">Choose {dir || 'the workspace'}</button>
          </div>
        )}
        {saveMode && (
          <div className="save-row">
            <input type="text" value={name} onChange={(e) => setName(e.target.value)} placeholder="workflow.ini" data-testid="save-name"
              onKeyDown={(e) => { if (e.key === 'Enter' && name) onPick(join(name.endsWith('.ini') ? name : `${name}.ini`)); }} />
            <button className="primary" disabled={!name} data-testid="save-confirm"
              onClick={() => onPick(join(name.endsWith('.ini') ? name : `${name}.ini`))}>Save</button>
          </div>
        )}
        <div className="modal-actions"><button onClick={onClose}>Cancel</button></div>
      </div>
    </div>
  );
}
