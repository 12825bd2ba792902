import React, { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  ReactFlow, Background, Controls, ControlButton, MiniMap, addEdge, applyEdgeChanges, applyNodeChanges, useReactFlow,
} from '@xyflow/react';
import { get, post, ApiError } from './api.js';
import { StudioContext } from './context.js';
import EmflowNode from './EmflowNode.jsx';
import Palette from './Palette.jsx';
import Inspector from './Inspector.jsx';
import Results from './Results.jsx';
import FilePicker from './FilePicker.jsx';
import NodeSearch from './NodeSearch.jsx';
import CommentNode from './CommentNode.jsx';
import { layeredPositions } from './layout.js';
import { toWorkflow, fromWorkflow, makeEdge, freshId, freshCommentId, missingInputs, portOf, relativeTo, pasteNodes, EditHistory } from './model.js';

const nodeTypes = { emflow: EmflowNode, comment: CommentNode };
/** React Flow ids of comments: apart from node ids, which hold no ':'. */
const COMMENT = 'comment:';
const EMPTY_META = { name: 'untitled', description: '', variables: {} };

/** A problem as one line: [node] key: message (the key once, when the message names its setting itself). */
function problemText(p) {
  const key = p.key && !p.message.startsWith(`setting '${p.key}'`) ? `${p.key}: ` : '';
  return `${p.node ? `[${p.node}] ` : ''}${key}${p.message}`;
}

export default function App() {
  const [session, setSession] = useState(null);
  const [palette, setPalette] = useState([]);
  const catalog = useMemo(() => Object.fromEntries(palette.map((n) => [n.id, n])), [palette]);
  const [meta, setMeta] = useState(EMPTY_META);
  const [nodes, setNodes] = useState([]);
  const [edges, setEdges] = useState([]);
  const [comments, setComments] = useState([]); // notes on the canvas: {id, text, x, y, width, height}
  const [pickedComment, setPickedComment] = useState(null);
  const [search, setSearch] = useState(null); // the node search a double-click opened: {screen: {x, y}, flow: {x, y}}
  const [file, setFile] = useState(null);
  const [dirty, setDirty] = useState(false);
  const [problems, setProblems] = useState([]);
  // What the server found wrong while reading the open file (a line it skipped, a key it did not know):
  // listed with the line until another file is opened, since the graph no longer shows it.
  const [readProblems, setReadProblems] = useState([]);
  const [readFrom, setReadFrom] = useState(null); // the file they were found in
  const [selected, setSelected] = useState(null);
  const [toasts, setToasts] = useState([]);
  const [picker, setPicker] = useState(null);
  const [running, setRunning] = useState(false);
  // where runs execute: 'local' (the studio's machine) or 'slurm' (each node a job of the cluster it submits to)
  const [executor, setExecutor] = useState('local');
  // The run going on in the studio (one at a time): {id, file}. This page shows it only when it is its own:
  // started here, or a run of the file open here; another workflow's run is only named.
  const [activeRun, setActiveRun] = useState(null);
  const startedHere = useRef(null);
  const [runStates, setRunStates] = useState({});
  const [results, setResults] = useState({});
  const [liveLogs, setLiveLogs] = useState({});
  const [showResults, setShowResults] = useState(false);
  // Room for the canvas: panels fold away (remembered in this browser), the results panel is resizable.
  const [showPalette, setShowPalette] = useState(() => localStorage.getItem('emflow.palette') !== 'hidden');
  const [showInspector, setShowInspector] = useState(() => localStorage.getItem('emflow.inspector') !== 'hidden');
  useEffect(() => { localStorage.setItem('emflow.palette', showPalette ? 'shown' : 'hidden'); }, [showPalette]);
  useEffect(() => { localStorage.setItem('emflow.inspector', showInspector ? 'shown' : 'hidden'); }, [showInspector]);
  const [resultsHeight, setResultsHeight] = useState(() => Math.round(Math.min(330, window.innerHeight * 0.32)));
  const startResize = (down) => {
    down.preventDefault();
    const move = (e) => setResultsHeight(Math.max(120, Math.min(window.innerHeight - 200, window.innerHeight - e.clientY)));
    const up = () => { window.removeEventListener('mousemove', move); window.removeEventListener('mouseup', up); };
    window.addEventListener('mousemove', move);
    window.addEventListener('mouseup', up);
  };
  const wrapper = useRef(null);
  const flow = useReactFlow();
  // For the listeners below, which outlive a render: are there unsaved changes, and which file does the
  // address name because this page put it there (its own hash changes are not requests to open a file).
  const dirtyRef = useRef(false);
  dirtyRef.current = dirty;
  const shownFile = useRef(null);
  const showFileInAddress = (path) => {
    shownFile.current = path;
    window.location.hash = path ? `file=${path}` : '';
  };
  // Undo/redo over workflow snapshots, and the nodes copied with Ctrl+C (workflow JSON nodes).
  const edits = useRef(new EditHistory());
  const savedSnapshot = useRef(null); // the workflow as last opened or saved: undoing back to it is not dirty
  const clipboard = useRef({ nodes: [], pastes: 0 });
  const [, setHistoryTick] = useState(0); // re-render the Undo/Redo buttons when the history changes
  /** True when there is nothing unsaved, or the user agrees to lose it for {@code what}. */
  const mayDiscard = (what) => !dirtyRef.current
    || window.confirm(`This workflow has unsaved changes. ${what} and discard them?`);

  const toast = useCallback((text, kind = 'info') => {
    const id = Math.random();
    setToasts((t) => [...t, { id, text, kind }]);
    setTimeout(() => setToasts((t) => t.filter((x) => x.id !== id)), kind === 'error' ? 7000 : 4000);
  }, []);

  // ---- loading ----
  /**
   * Puts graph `g` (fromWorkflow's) on the canvas in place of the current workflow: saved as `path` (null: not in the
   * workspace), `unsaved` when it differs from any file there, with what was `found` wrong reading it `from` a file.
   * States, results and the run going on belonged to the workflow it replaces.
   */
  const replaceWorkflow = (g, { path, unsaved, found, from }) => {
    setMeta(g.meta); setNodes(g.nodes); setEdges(g.edges); setComments(g.comments || []); setPickedComment(null);
    setFile(path); setDirty(unsaved); setSelected(null); setRunStates({}); setResults({}); setLiveLogs({});
    startedHere.current = null; shownRun.current = null;
    showFileInAddress(path);
    savedSnapshot.current = path ? JSON.stringify(toWorkflow(g.meta, g.nodes, g.edges, g.comments || [])) : null;
    edits.current.reset(savedSnapshot.current);
    setReadProblems(found || []); setReadFrom(from);
    if (g.nodes.length) setTimeout(() => flow.fitView({ padding: 0.2, maxZoom: 1.2 }), 50);
  };
  const openFile = useCallback(async (path, cat) => {
    try {
      const r = await get(`api/workflow?path=${encodeURIComponent(path)}`);
      const g = fromWorkflow(r.workflow, cat);
      replaceWorkflow(g, { path: r.path, unsaved: false, found: r.problems, from: r.path });
      if (r.problems?.length) toast(`${r.path}: ${r.problems.length} problem(s) while reading, listed on the canvas`, 'error');
    } catch (e) {
      toast(`Cannot open ${path}: ${e.message}`, 'error');
    }
  }, [flow, toast]);

  useEffect(() => {
    (async () => {
      const [s, list] = await Promise.all([get('api/session'), get('api/nodes')]);
      setSession(s); setPalette(list);
      const cat = Object.fromEntries(list.map((n) => [n.id, n]));
      const fromHash = new URLSearchParams(window.location.hash.slice(1)).get('file');
      const initial = fromHash || s.file;
      if (initial) await openFile(initial, cat);
      const snap = await get('api/run');
      setRunning(snap.running);
      if (snap.running) {
        const r = { id: snap.run, file: snap.file ?? null };
        setActiveRun(r);
        if (r.file != null && r.file === fileNow.current) { // this file's run, started before the page (re)loaded
          shownRun.current = r.id;
          setRunStates(Object.fromEntries(Object.entries(snap.states || {}).map(([k, v]) => [k, v])));
        }
      }
    })().catch((e) => toast(`Cannot reach the studio server: ${e.message}`, 'error'));
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  // ---- live run events: only those of this page's run reach its nodes ----
  const fileNow = useRef(null);
  fileNow.current = file;
  const shownRun = useRef(null); // the id of the run whose events this page shows
  const ownRun = (run) => run.id === startedHere.current || (run.file != null && run.file === fileNow.current);
  useEffect(() => {
    const es = new EventSource('api/events');
    const mine = (e) => e.run === shownRun.current;
    es.addEventListener('run-started', (ev) => {
      const e = JSON.parse(ev.data);
      const r = { id: e.run, file: e.file ?? null };
      setActiveRun(r); setRunning(true);
      if (ownRun(r)) { shownRun.current = r.id; setRunStates({}); setLiveLogs({}); setResults({}); }
    });
    es.addEventListener('state', (ev) => {
      const e = JSON.parse(ev.data);
      if (!mine(e)) return;
      setRunStates((s) => ({ ...s, [e.node]: { ...s[e.node], state: e.state, message: e.message, progress: e.progress } }));
    });
    es.addEventListener('progress', (ev) => {
      const e = JSON.parse(ev.data);
      if (!mine(e)) return;
      setRunStates((s) => ({ ...s, [e.node]: { ...s[e.node], progress: e.fraction, progressMessage: e.message } }));
    });
    es.addEventListener('log', (ev) => {
      const e = JSON.parse(ev.data);
      if (!mine(e)) return;
      setLiveLogs((l) => ({ ...l, [e.node]: [...(l[e.node] || []), e.line].slice(-2000) }));
    });
    es.addEventListener('run-finished', (ev) => {
      const e = JSON.parse(ev.data);
      setRunning(false); setActiveRun(null);
      if (!mine(e)) return;
      setResults({});
      if (e.canceled) toast('Run cancelled');
      else if (e.succeeded) toast('Run finished', 'ok');
      else toast(`Run failed: ${e.error || 'see the red nodes'}`, 'error');
    });
    return () => es.close();
  }, [toast]);

  // ---- validation (the compiler and every node's configure, on the server) ----
  const workflow = useMemo(() => toWorkflow(meta, nodes, edges, comments), [meta, nodes, edges, comments]);
  // What the checks depend on: neither places nor comments.
  const structureKey = useMemo(() => JSON.stringify({ ...workflow, comments: undefined, nodes: workflow.nodes.map(({ x, y, ...n }) => n) }), [workflow]);
  const [validatedKey, setValidatedKey] = useState(null);
  const validation = useRef(0);
  useEffect(() => {
    if (!palette.length) return undefined;
    const seq = ++validation.current;
    const t = setTimeout(() => {
      const apply = (p) => { if (seq === validation.current) { setProblems(p); setValidatedKey(structureKey); } };
      post('api/validate', { path: file, workflow }).then((r) => apply(r.problems)).catch((e) => {
        apply([{ node: null, key: null, message: e.message }]);
      });
    }, 250);
    return () => clearTimeout(t);
  }, [structureKey, palette.length]); // eslint-disable-line react-hooks/exhaustive-deps
  const checking = validatedKey !== structureKey;

  // ---- results of the selected node ----
  useEffect(() => {
    if (!selected || !showResults || results[selected] !== undefined) return;
    get(`api/results/${encodeURIComponent(selected)}${file ? `?path=${encodeURIComponent(file)}` : ''}`)
      .then((r) => setResults((m) => ({ ...m, [selected]: r })))
      .catch(() => setResults((m) => ({ ...m, [selected]: null })));
  }, [selected, showResults, results]);
  useEffect(() => {
    // A node that finishes while shown: fetch its outputs again.
    if (selected && ['done', 'reused', 'failed'].includes(runStates[selected]?.state)) {
      setResults((m) => { const c = { ...m }; delete c[selected]; return c; });
    }
  }, [selected, runStates[selected]?.state]); // eslint-disable-line react-hooks/exhaustive-deps

  // ---- graph editing ----
  const decorated = useMemo(() => nodes.map((n) => ({
    ...n,
    data: {
      ...n.data,
      run: runStates[n.id],
      problems: problems.filter((p) => p.node === n.id && !(p.key?.startsWith('in.') && p.message.startsWith('required input'))),
      missing: missingInputs(n, edges, catalog),
    },
  })), [nodes, runStates, problems, edges, catalog]);

  // Comments are drawn as React Flow nodes too ("comment:ID"); their changes go to the comments.
  const commentNodes = useMemo(() => comments.map((c) => ({
    id: COMMENT + c.id, type: 'comment', position: { x: c.x, y: c.y }, width: c.width, height: c.height,
    measured: { width: c.width, height: c.height }, // React Flow's resizer starts from it (the measurement changes are not kept)
    dragHandle: '.em-comment-head', selected: pickedComment === c.id, zIndex: -1, data: { cid: c.id, text: c.text },
  })), [comments, pickedComment]);
  const onCommentChanges = (changes) => {
    let moved = false;
    setComments((cs) => cs.flatMap((c) => {
      let d = c;
      for (const ch of changes) {
        if (ch.id !== COMMENT + c.id) continue;
        if (ch.type === 'remove') return [];
        if (ch.type === 'position' && ch.position) { d = { ...d, x: ch.position.x, y: ch.position.y }; moved = true; }
        if (ch.type === 'dimensions' && ch.dimensions && ch.resizing !== undefined) {
          d = { ...d, width: ch.dimensions.width, height: ch.dimensions.height }; moved = true;
        }
      }
      return [d];
    }));
    for (const ch of changes) {
      if (ch.type === 'position' || (ch.type === 'dimensions' && ch.resizing !== undefined)) dragging.current = !!(ch.dragging || ch.resizing);
      if (ch.type === 'select') setPickedComment((p) => (ch.selected ? ch.id.slice(COMMENT.length) : p === ch.id.slice(COMMENT.length) ? null : p));
      if (ch.type === 'remove') { setDirty(true); setPickedComment(null); }
    }
    if (moved) setDirty(true);
  };
  const addComment = () => {
    const r = wrapper.current?.getBoundingClientRect();
    const at = flow.screenToFlowPosition({ x: (r?.left || 0) + (r?.width || 600) / 2 - 110, y: (r?.top || 0) + (r?.height || 400) / 2 - 60 });
    const id = freshCommentId(comments);
    setComments((cs) => [...cs, { id, text: '', x: at.x, y: at.y, width: 220, height: 120 }]);
    setPickedComment(id);
    setDirty(true);
    setTimeout(() => document.querySelector(`[data-testid="comment-text-${id}"]`)?.focus(), 30);
  };
  const commentActions = useMemo(() => ({
    setText: (id, text) => {
      typedSetting.current = `${COMMENT}${id}.text`;
      setComments((cs) => cs.map((c) => (c.id === id ? { ...c, text } : c)));
      setDirty(true);
    },
    remove: (id) => { setComments((cs) => cs.filter((c) => c.id !== id)); setPickedComment(null); setDirty(true); },
  }), []);

  const onNodesChange = useCallback((all) => {
    const mine = all.filter((c) => c.id?.startsWith(COMMENT));
    if (mine.length) onCommentChanges(mine);
    const changes = mine.length ? all.filter((c) => !c.id?.startsWith(COMMENT)) : all;
    if (!changes.length) return;
    setNodes((ns) => applyNodeChanges(changes, ns));
    for (const c of changes) if (c.type === 'position') dragging.current = !!c.dragging;
    if (changes.some((c) => c.type === 'position' || c.type === 'remove' || c.type === 'add')) setDirty(true);
    for (const c of changes) {
      if (c.type === 'select' && c.selected) { setSelected(c.id); }
      if (c.type === 'remove') setSelected((s) => (s === c.id ? null : s));
    }
  }, []);
  const onEdgesChange = useCallback((changes) => {
    setEdges((es) => applyEdgeChanges(changes, es));
    if (changes.some((c) => c.type === 'remove')) setDirty(true);
  }, []);

  const onConnect = useCallback((c) => {
    const src = nodes.find((n) => n.id === c.source);
    const dst = nodes.find((n) => n.id === c.target);
    const out = src && portOf(catalog, src.data.type, 'out', c.sourceHandle);
    const inp = dst && portOf(catalog, dst.data.type, 'in', c.targetHandle);
    if (!out || !inp) return;
    if (out.type !== inp.type) {
      toast(`Cannot connect ${c.source}.${c.sourceHandle} (${out.type}) to ${c.target}.${c.targetHandle} (${inp.type}): port types differ`, 'error');
      return;
    }
    if (c.source === c.target) {
      toast('A node cannot feed itself', 'error');
      return;
    }
    setEdges((es) => addEdge(makeEdge(c.source, c.sourceHandle, c.target, c.targetHandle, catalog, nodes),
      es.filter((e) => !(e.target === c.target && e.targetHandle === c.targetHandle))));
    setDirty(true);
  }, [nodes, catalog, toast]);

  const addNode = useCallback((type, position) => {
    setNodes((ns) => {
      const id = freshId(type, ns);
      const pos = position || flow.screenToFlowPosition({ x: (wrapper.current?.getBoundingClientRect().left || 0) + 200 + 20 * ns.length, y: 160 + 20 * ns.length });
      setSelected(id);
      return [...ns.map((n) => ({ ...n, selected: false })), { id, type: 'emflow', position: pos, selected: true, data: { type, settings: {} } }];
    });
    setDirty(true);
  }, [flow]);

  const onDrop = useCallback((e) => {
    e.preventDefault();
    const type = e.dataTransfer.getData('application/emflow-node');
    if (!type) return;
    addNode(type, flow.screenToFlowPosition({ x: e.clientX - 80, y: e.clientY - 20 }));
  }, [addNode, flow]);

  const setSetting = useCallback((key, value) => {
    typedSetting.current = `${selected}.${key}`;
    setNodes((ns) => ns.map((n) => {
      if (n.id !== selected) return n;
      const settings = { ...n.data.settings };
      if (value === '' || value == null) delete settings[key]; else settings[key] = value;
      return { ...n, data: { ...n.data, settings } };
    }));
    setDirty(true);
  }, [selected]);

  const renameSelected = useCallback((to) => {
    if (!/^[A-Za-z_][A-Za-z0-9_-]*$/.test(to)) return 'letters, digits, - or _; no dots; not starting with a digit';
    if (nodes.some((n) => n.id === to)) return `a node '${to}' exists already`;
    const from = selected;
    setNodes((ns) => ns.map((n) => (n.id === from ? { ...n, id: to } : n)));
    setEdges((es) => es.map((e) => {
      const source = e.source === from ? to : e.source;
      const target = e.target === from ? to : e.target;
      return { ...e, source, target, id: `${source}.${e.sourceHandle}->${target}.${e.targetHandle}` };
    }));
    setRunStates((r) => { const c = { ...r }; if (c[from]) { c[to] = c[from]; delete c[from]; } return c; });
    setSelected(to);
    setDirty(true);
    return null;
  }, [nodes, selected]);

  const deleteSelected = useCallback(() => {
    setNodes((ns) => ns.filter((n) => n.id !== selected));
    setEdges((es) => es.filter((e) => e.source !== selected && e.target !== selected));
    setSelected(null);
    setDirty(true);
  }, [selected]);

  // ---- files ----
  const save = useCallback(async (path, overwrite) => {
    try {
      let wf = workflow;
      if (!meta.name || meta.name === 'untitled') {
        const name = path.split('/').pop().replace(/\.ini$/, '');
        wf = { ...workflow, name };
        setMeta((m) => ({ ...m, name }));
      }
      const r = await post('api/workflow', { path, workflow: wf, overwrite });
      setFile(r.path); setDirty(false); showFileInAddress(r.path);
      savedSnapshot.current = JSON.stringify(wf);
      toast(`Saved ${r.path}`, 'ok');
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        if (window.confirm(`${path} exists. Replace it?`)) return save(path, true);
        return false;
      }
      toast(`Cannot save: ${e.message}`, 'error');
      return false;
    }
  }, [workflow, meta, toast]);

  // Download and upload: workflow files to and from this computer, beyond the workspace.
  const download = async () => {
    try {
      const r = await post('api/workflow/text', { path: file, workflow });
      const a = document.createElement('a');
      a.href = URL.createObjectURL(new Blob([r.text], { type: 'text/plain' }));
      a.download = (file ? file.split('/').pop() : `${meta.name || 'workflow'}.ini`);
      a.click();
      setTimeout(() => URL.revokeObjectURL(a.href), 1000);
    } catch (e) {
      toast(`Cannot download: ${e.message}`, 'error');
    }
  };
  const uploader = useRef(null);
  const upload = async (f) => {
    if (!f || !mayDiscard(`Open ${f.name}`)) return;
    try {
      const r = await post('api/workflow/parse', { name: f.name, text: await f.text() });
      const g = fromWorkflow(r.workflow, catalog);
      replaceWorkflow(g, { path: null, unsaved: true, found: r.problems, from: f.name });
      toast(`Opened ${f.name} from this computer: Save as… puts it into the workspace`, 'ok');
    } catch (e) {
      toast(`Cannot open ${f.name}: ${e.body?.problems?.[0]?.message || e.message}`, 'error');
    }
  };

  const newWorkflow = () => {
    if (!mayDiscard('Start a new workflow')) return;
    replaceWorkflow({ meta: EMPTY_META, nodes: [], edges: [], comments: [] }, { path: null, unsaved: false, found: [], from: null });
  };

  // An address edited to #file=OTHER opens that file, asking first when there are unsaved changes;
  // refused, the address goes back to the file that is open.
  useEffect(() => {
    const onHash = () => {
      const wanted = new URLSearchParams(window.location.hash.slice(1)).get('file');
      if (!wanted || wanted === shownFile.current) return;
      if (mayDiscard(`Open ${wanted}`)) openFile(wanted, catalog);
      else window.history.replaceState(null, '', shownFile.current ? `#file=${shownFile.current}` : '#');
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [catalog, openFile]); // eslint-disable-line react-hooks/exhaustive-deps

  // ---- runs ----
  const run = useCallback(async (targets) => {
    try {
      setShowResults(true);
      setRunStates({}); setLiveLogs({}); setResults({});
      const r = await post('api/run', { path: file, workflow, targets: targets || [], executor });
      startedHere.current = r.run; shownRun.current = r.run;
      setRunning(true);
    } catch (e) {
      if (e.body?.problems) {
        setProblems(e.body.problems);
        toast(`Cannot run: ${e.body.problems.length} problem(s): ${e.body.problems[0].node ? `[${e.body.problems[0].node}] ` : ''}${e.body.problems[0].message}`, 'error');
      } else toast(`Cannot run: ${e.message}`, 'error');
    }
  }, [file, workflow, toast, executor]);

  const cancel = () => post('api/cancel', { run: shownRun.current }).catch((e) => toast(e.message, 'error'));
  const othersRun = running && activeRun && activeRun.id !== shownRun.current ? activeRun : null;

  useEffect(() => {
    const warn = (e) => { if (dirty) { e.preventDefault(); e.returnValue = ''; } };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);
  useEffect(() => {
    const t = setTimeout(() => { if (nodes.length) flow.fitView({ padding: 0.15, maxZoom: 1.2, duration: 200 }); }, 250);
    return () => clearTimeout(t);
  }, [showResults]); // eslint-disable-line react-hooks/exhaustive-deps

  // ---- undo and redo: every edit is a step as it happens; a drag when it ends, a typed value once ----
  const latestSnapshot = JSON.stringify(workflow);
  // Read by handlers at the moment they run: a key pressed right after an edit, before effects re-ran, sees the edit.
  const latest = useRef(latestSnapshot);
  latest.current = latestSnapshot;
  const dragging = useRef(false);
  const typedSetting = useRef(null); // "node.key" of the setting the last edit typed into
  useEffect(() => {
    if (dragging.current) return;
    edits.current.record(latestSnapshot, typedSetting.current);
    typedSetting.current = null;
    setHistoryTick((k) => k + 1);
  }, [latestSnapshot]);
  const restore = useCallback((snapshot) => {
    if (snapshot == null) return;
    const g = fromWorkflow(JSON.parse(snapshot), catalog);
    setMeta(g.meta); setNodes(g.nodes); setEdges(g.edges); setComments(g.comments); setSelected(null);
    edits.current.current = JSON.stringify(toWorkflow(g.meta, g.nodes, g.edges, g.comments)); // as the page will record it
    setDirty(snapshot !== savedSnapshot.current);
    setHistoryTick((k) => k + 1);
  }, [catalog]);
  const undo = useCallback(() => restore(edits.current.undo(latest.current)), [restore]);
  const redo = useCallback(() => restore(edits.current.redo()), [restore]);

  // ---- copy, paste, duplicate, select all, delete of the selected nodes ----
  const picked = nodes.filter((n) => n.selected || n.id === selected);
  const copy = useCallback(() => {
    if (!picked.length) return false;
    const ids = new Set(picked.map((n) => n.id));
    clipboard.current = { nodes: toWorkflow(meta, picked, edges.filter((e) => ids.has(e.source) && ids.has(e.target))).nodes, pastes: 0 };
    return true;
  }, [picked, meta, edges]);
  const paste = useCallback(() => {
    const clip = clipboard.current;
    if (!clip.nodes.length) return;
    clip.pastes += 1;
    const add = pasteNodes(clip.nodes, nodes, catalog, 40 * clip.pastes);
    setNodes((ns) => [...ns.map((n) => ({ ...n, selected: false })), ...add.nodes]);
    setEdges((es) => [...es, ...add.edges]);
    setSelected(add.nodes.length === 1 ? add.nodes[0].id : null);
    setDirty(true);
  }, [nodes, catalog]);
  const deletePicked = useCallback(() => {
    const ids = new Set(picked.map((n) => n.id));
    setNodes((ns) => ns.filter((n) => !ids.has(n.id)));
    setEdges((es) => es.filter((e) => !ids.has(e.source) && !ids.has(e.target)));
    setSelected(null);
    setDirty(true);
  }, [picked]);
  const tidy = () => {
    const at = layeredPositions(nodes, edges);
    setNodes((ns) => ns.map((n) => (at[n.id] ? { ...n, position: at[n.id] } : n)));
    setDirty(true);
    setTimeout(() => flow.fitView({ padding: 0.15, maxZoom: 1.2, duration: 200 }), 50);
  };
  const selectAll = () => { setNodes((ns) => ns.map((n) => ({ ...n, selected: true }))); setSelected(null); };

  // ---- keyboard (one listener, reading this render's handlers: no stale ones between a change and its effects) ----
  const keys = useRef({});
  keys.current = { file, save, undo, redo, copy, paste, picker, selectAll };
  useEffect(() => {
    const onKey = (e) => {
      const { file, save, undo, redo, copy, paste, picker, selectAll } = keys.current; // eslint-disable-line no-shadow
      if (!(e.ctrlKey || e.metaKey)) return;
      const k = e.key.toLowerCase();
      if (k === 's') {
        e.preventDefault();
        if (file) save(file, true); else setPicker('save');
        return;
      }
      // In a text field these keys are the field's own (its undo, its text's copy and paste).
      const el = document.activeElement;
      if (el && (['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) || el.isContentEditable)) return;
      if (picker) return;
      const act = { z: e.shiftKey ? redo : undo, y: redo, c: copy, v: paste, d: () => { if (copy()) paste(); }, a: selectAll }[k];
      if (act) { e.preventDefault(); act(); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const allNodes = useMemo(() => [...commentNodes, ...decorated], [commentNodes, decorated]);
  /** A double-click on empty canvas (not on a node, a comment or a control) opens the node search there. */
  const openSearch = (e) => {
    const t = e.target;
    if (!wrapper.current || !(t.classList?.contains('react-flow__pane') || t.closest?.('.react-flow__background'))) return;
    const r = wrapper.current.getBoundingClientRect();
    const x = Math.min(e.clientX - r.left, Math.max(0, r.width - 330));
    const y = Math.min(e.clientY - r.top, Math.max(0, r.height - 300));
    setSearch({ screen: { x, y }, flow: flow.screenToFlowPosition({ x: e.clientX, y: e.clientY }) });
  };

  const selNode = nodes.find((n) => n.id === selected);
  const selFactory = selNode && catalog[selNode.data.type];
  const nodeProblems = problems.filter((p) => p.node === selected);
  const globalProblems = problems.filter((p) => !p.node || !nodes.some((n) => n.id === p.node));
  // Why Run cannot start, said on the button instead of a refusal after the click.
  const runBlocked = othersRun ? `another workflow is running${othersRun.file ? ` (${othersRun.file})` : ''}; the studio runs one at a time`
    : running ? 'a run is going on'
    : nodes.length === 0 ? 'the workflow has no nodes'
    : checking ? null
    : problems.length ? `${problems.length} problem${problems.length > 1 ? 's' : ''} to fix first: ${problemText(problems[0])}`
    : null;
  const counts = Object.values(runStates).reduce((m, s) => ({ ...m, [s.state]: (m[s.state] || 0) + 1 }), {});

  return (
    <StudioContext.Provider value={{ catalog, comments: commentActions }}>
      <div className="app">
        <header className="toolbar">
          <div className="brand"><span className="logo">em</span>flow <span className="muted">studio</span></div>
          <div className="file-name" data-testid="file-name" title={session?.workspace}>
            {file || 'untitled (not saved)'}{dirty ? ' •' : ''}
          </div>
          <div className="tb-group">
            <button onClick={newWorkflow} data-testid="new">New</button>
            <button onClick={undo} disabled={!edits.current.past.length && latestSnapshot === edits.current.current} title="Undo (Ctrl+Z)" data-testid="undo">↶</button>
            <button onClick={redo} disabled={!edits.current.future.length} title="Redo (Ctrl+Shift+Z)" data-testid="redo">↷</button>
            <button onClick={() => setPicker('open')} data-testid="open">Open…</button>
            <button onClick={() => (file ? save(file, true) : setPicker('save'))} data-testid="save">Save</button>
            <button onClick={() => setPicker('save')} data-testid="save-as" title="Save as…">Save<span className="long"> as</span>…</button>
            <button onClick={download} disabled={nodes.length === 0} data-testid="download" title="Download the workflow file to this computer">⤓</button>
            <button onClick={() => uploader.current?.click()} data-testid="upload" title="Open a workflow file from this computer">⤒</button>
            <input ref={uploader} type="file" accept=".ini,text/plain" hidden data-testid="upload-input"
              onChange={(e) => { upload(e.target.files?.[0]); e.target.value = ''; }} />
            <button onClick={tidy} disabled={nodes.length < 2} data-testid="tidy" title="Lay the nodes out in layers along their connections">Tidy</button>
          </div>
          <div className="tb-group">
            <button className="primary" onClick={() => run([])} disabled={!!runBlocked} title={runBlocked ? `Cannot run: ${runBlocked}` : 'Run the workflow'}
              data-testid="run">▶ Run</button>
            <button onClick={() => run([selected])} disabled={running || !selected} data-testid="run-selected" title="Run the selected node and what it depends on">▶<span className="long"> Run</span> to selected</button>
            <select value={executor} onChange={(e) => setExecutor(e.target.value)} disabled={running} data-testid="executor"
              title="Where the nodes run: on this machine, or each as a job of the Slurm cluster this machine submits to (settings: the workflow's [slurm] section)">
              <option value="local">on this machine</option>
              <option value="slurm">on Slurm</option>
            </select>
            <button className="danger" onClick={cancel} disabled={!running || !!othersRun} data-testid="cancel"
              title={othersRun ? 'The run going on is another workflow\'s' : 'Stop this run'}>■ Cancel</button>
          </div>
          <div className="run-status" data-testid="run-status">
            {running && !othersRun ? 'Running…' : ''}
            {othersRun && <span className="muted" data-testid="other-run">Another workflow is running{othersRun.file ? `: ${othersRun.file}` : ''}</span>}
            {Object.entries(counts).map(([k, v]) => <span key={k} className={`em-badge badge-${k}`}>{v} {k}</span>)}
          </div>
          <div className="tb-right">
            <span className={checking ? 'problem-count' : problems.length ? 'problem-count bad' : 'problem-count ok'} data-testid="problem-count">
              {checking ? 'checking…' : problems.length ? `${problems.length} problem${problems.length > 1 ? 's' : ''}` : nodes.length ? 'valid' : ''}
            </span>
            <button onClick={() => setShowResults((s) => !s)} data-testid="toggle-results">{showResults ? 'Hide results' : 'Results'}</button>
          </div>
        </header>
        <div className="main">
          {showPalette ? <Palette nodes={palette} onAdd={(t) => addNode(t)} onHide={() => setShowPalette(false)} />
            : <button className="panel-strip" onClick={() => setShowPalette(true)} data-testid="show-palette" title="Show the nodes">Nodes ›</button>}
          <div className="center">
            <div className="canvas" ref={wrapper} onDrop={onDrop} onDoubleClick={openSearch} onDragOver={(e) => { e.preventDefault(); e.dataTransfer.dropEffect = 'move'; }} data-testid="canvas">
              <ReactFlow
                nodes={allNodes}
                edges={edges}
                nodeTypes={nodeTypes}
                onNodesChange={onNodesChange}
                onEdgesChange={onEdgesChange}
                onConnect={onConnect}
                onPaneClick={() => setSelected(null)}
                onNodeClick={(_, n) => { if (n.type !== 'comment') setSelected(n.id); }}
                onNodeDoubleClick={(_, n) => { if (n.type !== 'comment') { setSelected(n.id); setShowResults(true); } }}
                deleteKeyCode={['Delete', 'Backspace']}
                zoomOnDoubleClick={false}
                colorMode="system"
                proOptions={{ hideAttribution: true }}
                defaultEdgeOptions={{ type: 'default' }}
              >
                <Background gap={20} size={1} />
                <MiniMap pannable zoomable position="top-right" style={{ width: 150, height: 96 }}
                  nodeColor={(n) => (n.type === 'comment' ? 'var(--comment-mini)' : { done: '#27ae60', reused: '#16a085', failed: '#c0392b', running: '#2e86de' }[runStates[n.id]?.state] || 'var(--mini-node)')} />
                <Controls showInteractive={false}>
                  <ControlButton onClick={addComment} title="Add a comment" aria-label="Add a comment" data-testid="add-comment">✎</ControlButton>
                </Controls>
              </ReactFlow>
              {search && (
                <NodeSearch nodes={palette} at={search.screen} onClose={() => setSearch(null)}
                  onPick={(t) => { addNode(t, search.flow); setSearch(null); }} />
              )}
              {nodes.length === 0 && comments.length === 0 && (
                <div className="empty-hint">Drag nodes here from the palette, double-click to search for one, or <button onClick={() => setPicker('open')}>open a workflow</button>.</div>
              )}
              {(globalProblems.length > 0 || readProblems.length > 0) && (
                <div className="global-problems" data-testid="global-problems">
                  {globalProblems.map((p, i) => <div key={i}>{problemText(p)}</div>)}
                  {readProblems.length > 0 && (
                    <div data-testid="read-problems">
                      <div className="read-problems-title">While reading {readFrom}:
                        <button className="link" onClick={() => setReadProblems([])} title="Hide this list">dismiss</button></div>
                      {readProblems.map((p, i) => <div key={i}>{p.line ? `line ${p.line}: ` : ''}{problemText(p)}</div>)}
                    </div>
                  )}
                </div>
              )}
            </div>
            {showResults && selected && <div className="results-resizer" onMouseDown={startResize} data-testid="results-resizer" title="Drag to resize" />}
            {showResults && (
              <Results nodeId={selected} result={selected ? results[selected] : undefined} liveLog={liveLogs[selected]}
                height={resultsHeight} onClose={() => setShowResults(false)} path={file} />
            )}
            {showResults && !selected && <section className="results results-empty"><div className="muted pad">Select a node to see its results and log.</div></section>}
          </div>
          {!showInspector && <button className="panel-strip" onClick={() => setShowInspector(true)} data-testid="show-inspector" title="Show the settings">‹ Settings</button>}
          {showInspector && <Inspector onHide={() => setShowInspector(false)} node={picked.length > 1 ? null : selNode} factory={selFactory} problems={nodeProblems} picked={picked}
            onCopy={copy} onDuplicate={() => { if (copy()) paste(); }} onDeletePicked={deletePicked}
            missing={selNode ? missingInputs(selNode, edges, catalog) : []}
            onSetting={setSetting} onDelete={deleteSelected} onRename={renameSelected}
            meta={meta} onMeta={(m) => { setMeta(m); setDirty(true); }} onRunTo={() => run([selected])} running={running}
            onBrowse={(key) => setPicker({ setting: key })} />}
        </div>
        <div className="toasts">
          {toasts.map((t) => <div key={t.id} className={`toast ${t.kind}`} data-testid="toast">{t.text}</div>)}
        </div>
        {picker === 'open' && (
          <FilePicker title="Open workflow" filter={(n) => n.endsWith('.ini')} onClose={() => setPicker(null)}
            onPick={(p) => { setPicker(null); if (mayDiscard(`Open ${p}`)) openFile(p, catalog); }} />
        )}
        {picker === 'save' && (
          <FilePicker title="Save workflow as" filter={(n) => n.endsWith('.ini')} saveMode initialName={file ? file.split('/').pop() : 'workflow.ini'}
            onClose={() => setPicker(null)} onPick={(p) => { setPicker(null); save(p, p === file); }} />
        )}
        {picker?.setting && (
          <FilePicker title={`Choose a file for '${picker.setting}'`} onClose={() => setPicker(null)}
            types={selFactory?.settings.find((s) => s.key === picker.setting)?.fileTypes}
            onPick={(p) => { const key = picker.setting; setPicker(null); setSetting(key, relativeTo(file, p)); }} />
        )}
      </div>
    </StudioContext.Provider>
  );
}
