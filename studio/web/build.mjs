// Builds the studio page into the folder given as argument (Maven passes target/classes/studio-web).
// Fast when nothing changed: `npm ci` runs only when node_modules is missing or older than
// package-lock.json, and vite runs only when a web source is newer than the last build.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const out = path.resolve(process.argv[2] || path.join(here, '..', 'target', 'classes', 'studio-web'));
const stamp = path.join(out, '.build-stamp');

function newest(p) {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let m = st.mtimeMs;
  for (const e of fs.readdirSync(p)) m = Math.max(m, newest(path.join(p, e)));
  return m;
}

const lock = path.join(here, 'package-lock.json');
const installed = path.join(here, 'node_modules', '.package-lock.json');
if (!fs.existsSync(installed) || newest(installed) < newest(lock)) {
  console.log('[studio-web] npm ci');
  try {
    execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: here, stdio: 'inherit' });
  } catch (e) {
    // No quiet fallback to `npm install`: that would build from versions nobody reviewed. The lock file
    // lists every platform's optional packages (rollup's native builds), so npm ci accepts it on any machine.
    console.error('[studio-web] npm ci failed (its message is above): the page cannot be built from package-lock.json.\n'
      + '  Fix the lock file in studio/web (npm install --package-lock-only, then commit it), or build without the\n'
      + '  page: mvn -Dstudio.skipWeb=true ...');
    process.exit(1);
  }
}

const sources = Math.max(newest(path.join(here, 'src')), newest(path.join(here, 'index.html')),
  newest(path.join(here, 'vite.config.js')), newest(lock));
if (fs.existsSync(stamp) && newest(stamp) >= sources && fs.existsSync(path.join(out, 'index.html'))) {
  console.log('[studio-web] up to date');
  process.exit(0);
}
console.log('[studio-web] vite build -> ' + out);
execFileSync(process.execPath, [path.join(here, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--outDir', out, '--emptyOutDir'],
  { cwd: here, stdio: 'inherit' });
fs.writeFileSync(stamp, new Date().toISOString() + '\n');
