import React, { useState } from 'react';

// The node's 16x16 icon from its jar; a lettered square when the node ships none.
export default function NodeIcon({ f }) {
  const [failed, setFailed] = useState(false);
  if (failed) {
    let h = 0;
    for (const ch of f.category || f.id) h = (h * 31 + ch.charCodeAt(0)) % 360;
    return <span className="em-icon-letter" style={{ background: `hsl(${h} 45% 45%)` }}>{f.name.charAt(0)}</span>;
  }
  return <img className="em-icon" src={f.icon} alt="" width={16} height={16} onError={() => setFailed(true)} />;
}
