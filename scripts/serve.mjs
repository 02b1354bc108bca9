// serve.mjs — a tiny static server for dist/ on 127.0.0.1 (used by `npm start` and the browser
// tests). Correct MIME types (application/wasm, text/javascript), no directory listing, no caching.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.json': 'application/json', '.wasm': 'application/wasm', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.ts': 'text/plain; charset=utf-8', '.csv': 'text/csv', '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** Serves `root` on 127.0.0.1:`port` (0 = any free port). Resolves to { server, url }. */
export function serve(root, port = 0) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    try {
      const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
      let file = normalize(join(base, path));
      if (!file.startsWith(base)) throw new Error('outside root');
      if ((await stat(file)).isDirectory()) file = join(file, 'index.html');
      const body = await readFile(file);
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
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
