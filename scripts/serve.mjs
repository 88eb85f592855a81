// `npm start`: builds the package, then serves the demo (www/) and the package (pkg/) on
// 127.0.0.1 and prints the URL. PORT chooses the port (default 8080, or the next free one).
// Only files under www/ and pkg/ are served; a malformed address is answered 400.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { root } from './tools.mjs';
import { setup } from './setup.mjs';
import { build } from './build.mjs';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
};
const SERVED = ['www', 'pkg'];

export function serve(port = Number(process.env.PORT) || 8080, host = '127.0.0.1') {
  const server = createServer(async (req, res) => {
    // A malformed address (`/www/%E0%A4%A`) is the client's error: 400, and the server goes on.
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      return res.end('bad request');
    }
    if (path.includes('\0')) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      return res.end('bad request');
    }
    if (path === '/') {
      res.writeHead(302, { location: '/www/' });
      return res.end();
    }
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    const top = file.slice(root.length + 1).split(sep)[0];
    if (!file.startsWith(root + sep) || !SERVED.includes(top)) {
      res.writeHead(404);
      return res.end('not found');
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] || 'application/octet-stream', 'cache-control': 'no-cache' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end('not found');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', (e) => {
      if (e.code === 'EADDRINUSE' && !process.env.PORT) resolve(serve(port + 1, host));
      else reject(e);
    });
    server.listen(port, host, () => resolve(server));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    setup();
    build();
    const server = await serve();
    const { address, port } = server.address();
    console.log(`\nwa-preflight demo: http://${address}:${port}/www/`);
  } catch (e) {
    console.error(`start failed: ${e.message}`);
    process.exit(1);
  }
}
