// serve.mjs — a tiny static server for dist/ on 127.0.0.1 (used by `npm start` and the browser
// tests). Correct MIME types (application/wasm, text/javascript), no directory listing, no caching.
// It serves only files whose real path (symlinks resolved) lies under the root, checked with a
// path separator (`dist-secret/` is not under `dist/`). A request path is decoded once; one that
// still holds '..' segments, backslashes, NULs, control characters or '%' (double encoding) is
// refused with 400, as is malformed percent-encoding; over-long URLs get 414, other methods 405.
import { createServer } from 'node:http';
import { readFile, realpath, stat } from 'node:fs/promises';
import { realpathSync } from 'node:fs';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.ts': 'text/plain; charset=utf-8', '.csv': 'text/csv', '.woff2': 'font/woff2',
  '.map': 'application/json',
};
const MAX_URL = 2048;

/** The request target as a '/'-rooted path, or the status code that refuses it. */
function requestPath(url) {
  if (url.length > MAX_URL) return 414;
  if (!url.startsWith('/')) return 400;             // '*' or an absolute URL: not for a file server
  let path;
  try { path = decodeURIComponent(url.split(/[?#]/, 1)[0]); } catch { return 400; }
  if (/[\x00-\x1f\x7f\\%]/.test(path)) return 400;  // NUL, control, backslash, '%' left by double encoding
  if (path.split('/').includes('..')) return 400;
  return path;
}

function answer(res, status, text, headers = {}) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers });
  res.end(text);
}

/** Serves `root` on 127.0.0.1:`port` (0 = any free port). Resolves to { server, url }. */
export function serve(root, port = 0) {
  const base = realpathSync(resolve(root));
  const inside = (file) => file === base || file.startsWith(base.endsWith(sep) ? base : base + sep);
  const server = createServer(async (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') return answer(res, 405, 'method not allowed', { Allow: 'GET, HEAD' });
      const path = requestPath(req.url);
      if (typeof path === 'number') return answer(res, path, path === 414 ? 'URI too long' : 'bad request');
      let file = await realpath(resolve(base, '.' + path));
      if (inside(file) && (await stat(file)).isDirectory()) file = await realpath(join(file, 'index.html'));
      if (!inside(file) || !(await stat(file)).isFile()) return answer(res, 404, 'not found');
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
        'Content-Length': body.length, 'Cache-Control': 'no-store' });
      res.end(body);
    } catch (e) {
      const missing = ['ENOENT', 'ENOTDIR', 'ENAMETOOLONG', 'ELOOP', 'EACCES'].includes(e.code);
      if (!res.headersSent) answer(res, missing ? 404 : 500, missing ? 'not found' : 'server error');
      else res.destroy();
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', () => ok({ server, url: `http://127.0.0.1:${server.address().port}/` }));
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = fileURLToPath(new URL('../dist/', import.meta.url));
  const port = Number(process.env.PORT ?? 8080);
  const { url } = await serve(root, port).catch(async (e) => {
    if (e.code !== 'EADDRINUSE') throw e;
    console.log(`port ${port} is busy; using a free one`);
    return serve(root, 0);
  });
  console.log(`NN by Hand is being served at ${url}  (Ctrl+C to stop)`);
}
