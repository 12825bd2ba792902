import React, { memo, useContext } from 'react';
import { NodeResizer } from '@xyflow/react';
import { StudioContext } from './context.js';

/**
 * A note on the canvas (saved in the workflow file as a [comment.N] section): moved by its top bar, resized by its
 * edges when selected, its text edited in place; × deletes it.
 */
function CommentNode({ id, data, selected }) {
  const { comments } = useContext(StudioContext);
  return (
    <div className={selected ? 'em-comment selected' : 'em-comment'} data-testid={`comment-${data.cid}`}>
      <NodeResizer isVisible={selected} minWidth={80} minHeight={50} lineClassName="em-comment-resize" handleClassName="em-comment-handle" />
      <div className="em-comment-head" title="Drag to move">
        <span>note</span>
        <button className="em-comment-delete nodrag" onClick={() => comments.remove(data.cid)} title="Delete this comment"
          data-testid={`comment-delete-${data.cid}`}>×</button>
      </div>
      <textarea className="em-comment-text nodrag nowheel" value={data.text} placeholder="Write a comment…" spellCheck={false}
        onChange={(e) => comments.setText(data.cid, e.target.value)} data-testid={`comment-text-${data.cid}`} aria-label={`comment ${id}`} />
    </div>
  );
}

export default memo(CommentNode);
