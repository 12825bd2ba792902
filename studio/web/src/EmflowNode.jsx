import React, { memo, useContext } from 'react';
import { Handle, Position } from '@xyflow/react';
import { StudioContext } from './context.js';
import NodeIcon from './NodeIcon.jsx';

export const STATE_LABELS = {
  waiting: 'waiting', running: 'running', done: 'done', reused: 'reused', failed: 'failed', canceled: 'cancelled', skipped: 'skipped',
};

function EmflowNode({ id, data, selected }) {
  const { catalog } = useContext(StudioContext);
  const f = catalog[data.type];
  const state = data.run?.state;
  const problems = data.problems || [];
  const missing = data.missing || [];
  const marked = !f || problems.length > 0 || missing.length > 0;
  const cls = ['em-node', selected ? 'selected' : '', marked ? 'invalid' : '', state ? `state-${state}` : ''].join(' ');
  const title = [
    ...(f ? [] : [`Unknown node type '${data.type}' (not installed)`]),
    ...missing.map((m) => `Required input '${m}' is not connected`),
    ...problems.map((p) => (p.key ? `${p.key}: ` : '') + p.message),
  ].join('\n');
  return (
    <div className={cls} data-testid={`node-${id}`} title={title || undefined}>
      <div className="em-node-head">
        {f && <NodeIcon f={f} />}
        <span className="em-node-name">{f ? f.name : data.type}</span>
        {state && <span className={`em-badge badge-${state}`} data-testid={`state-${id}`}>{STATE_LABELS[state] || state}</span>}
      </div>
      <div className="em-node-id">{id}</div>
      {state === 'running' && (
        <div className="em-progress-row" title={data.run?.progressMessage || ''}>
          <div className="em-progress"><div style={{ width: `${Math.round(100 * (data.run?.progress || 0))}%` }} /></div>
          <span className="em-pct" data-testid={`percent-${id}`}>{Math.floor(100 * (data.run?.progress || 0))} %</span>
        </div>
      )}
      <div className="em-ports">
        <div className="em-port-col">
          {(f?.inputs || []).map((p) => (
            <div className={`em-port in ${missing.includes(p.name) ? 'missing' : ''}`} key={p.name} title={`${p.name} (${p.typeName})${p.optional ? ', optional' : ''}: ${p.description}`}>
              <Handle type="target" position={Position.Left} id={p.name} className="em-handle" style={{ background: p.color }} />
              <span>{p.name}{p.optional ? '?' : ''}</span>
            </div>
          ))}
        </div>
        <div className="em-port-col out">
          {(f?.outputs || []).map((p) => (
            <div className="em-port out" key={p.name} title={`${p.name} (${p.typeName}): ${p.description}`}>
              <span>{p.name}</span>
              <Handle type="source" position={Position.Right} id={p.name} className="em-handle" style={{ background: p.color }} />
            </div>
          ))}
        </div>
      </div>
      {state === 'failed' && data.run?.message && <div className="em-node-error">{data.run.message}</div>}
      {marked && state !== 'failed' && (
        <div className="em-node-warn">{!f ? 'not installed' : missing.length ? `missing input: ${missing.join(', ')}` : `${problems.length} problem${problems.length > 1 ? 's' : ''}`}</div>
      )}
    </div>
  );
}

export default memo(EmflowNode);
