// serve.test.mjs — scripts/serve.mjs serves only files under its root. A temp folder holds the root
// `dist/` and a sibling `dist-secret/` (whose name begins with the root's), plus symlinks inside
// dist/ that lead to the secret. Requests are written raw on a socket, so no client normalises the
// path first: encoded and doubled traversal, backslashes, NULs, malformed percent-encoding,
// over-long paths and other methods are refused with the right status, the secret's text never
// comes back, and after every bad request the server still serves a good file.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve } from '../../scripts/serve.mjs';

const SECRET = 'the secret text of dist-secret';
const GOOD = 'a good file';
let dir, server, port;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'nn-serve-'));
  const root = join(dir, 'dist'), secret = join(dir, 'dist-secret');
  mkdirSync(join(root, 'sub'), { recursive: true });
  mkdirSync(secret);
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>root</title>');
  writeFileSync(join(root, 'good.txt'), GOOD);
  writeFileSync(join(root, 'sub', 'inner.txt'), 'inner');
  writeFileSync(join(secret, 'x.txt'), SECRET);
  writeFileSync(join(secret, 'index.html'), SECRET);
  symlinkSync('../dist-secret', join(root, 'link'));                  // a folder, relative
  symlinkSync('../dist-secret/x.txt', join(root, 'link.txt'));         // a file, relative
  symlinkSync(join(secret, 'x.txt'), join(root, 'abs-link.txt'));      // a file, absolute
  symlinkSync('good.txt', join(root, 'alias.txt'));                    // inside the root: fine
  ({ server } = await serve(root, 0));
  port = server.address().port;
});
after(() => {
  server?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Sends one raw HTTP/1.1 request; resolves to { status, headers, body } (body as text). */
function raw(target, method = 'GET') {
  return new Promise((ok, fail) => {
    const socket = connect(port, '127.0.0.1');
    const chunks = [];
    socket.setTimeout(30000, () => socket.destroy(new Error(`no answer to ${method} ${target.slice(0, 80)}`)));
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', fail);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const [head, ...rest] = text.split('\r\n\r\n');
      const [statusLine, ...lines] = head.split('\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(statusLine)?.[1]);
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      ok({ status, headers, body: rest.join('\r\n\r\n') });
    });
    socket.write(`${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
  });
}

/** `target` gets `status`, never the secret; then the server still serves a good file. */
async function refused(target, status, method = 'GET') {
  const r = await raw(target, method);
  assert.equal(r.status, status, `${method} ${target.slice(0, 80)} → ${r.status} ${r.body.slice(0, 80)}`);
  assert.ok(!r.body.includes(SECRET), 'the secret never comes back');
  const good = await raw('/good.txt');
  assert.equal(good.status, 200, 'the server still serves a good file');
  assert.equal(good.body, GOOD);
}

test('traversal attempts, plain, encoded, doubled, with backslashes or NULs, are refused with 400', async (t) => {
  for (const target of [
    '/..%2fdist-secret/x.txt',                       // the reported leak: a sibling whose name begins with dist
    '/..%2Fdist-secret/index.html',
    '/%2e%2e%2fdist-secret/x.txt',
    '/%2E%2E%2Fdist-secret/x.txt',
    '/%2e%2e/dist-secret/x.txt',
    '/../dist-secret/x.txt',
    '/sub/../../dist-secret/x.txt',
    '/sub/..%2f..%2fdist-secret/x.txt',
    '/..%2f..%2f..%2f..%2f..%2f..%2fetc/passwd',
    '/..%5cdist-secret%5cx.txt',
    '/..\\dist-secret\\x.txt',
    '/%252e%252e%252fdist-secret/x.txt',             // double encoding
    '/..%252fdist-secret/x.txt',
    '/good.txt%00.html',                             // NUL
    '/..%2fdist-secret/x.txt%00',
    '/%0d%0aX-Injected:%201',                        // control characters
  ]) await t.test(target, () => refused(target, 400));
});

test('symlinks inside the root that lead out of it are not served; one that stays inside is', async (t) => {
  for (const target of ['/link/x.txt', '/link/', '/link', '/link.txt', '/abs-link.txt']) {
    await t.test(target, () => refused(target, 404));
  }
  const alias = await raw('/alias.txt');
  assert.equal(alias.status, 200);
  assert.equal(alias.body, GOOD);
});

test('malformed percent-encoding is a 400, not a crash', async (t) => {
  for (const target of ['/%', '/%zz', '/good.txt%', '/%E0%A4%A', '/%c0%ae%c0%ae%c0%afdist-secret/x.txt', '/%ff']) {
    await t.test(target, () => refused(target, 400));
  }
});

test('over-long paths get 414', async (t) => {
  for (const target of ['/' + 'a'.repeat(5000), '/' + 'sub/'.repeat(1500) + 'good.txt', '/good.txt?' + 'q'.repeat(5000)]) {
    await t.test(`${target.length} characters`, () => refused(target, 414));
  }
});

test('methods other than GET and HEAD get 405 and say which are allowed', async (t) => {
  for (const method of ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
    await t.test(method, async () => {
      assert.equal((await raw('/good.txt', method)).headers.allow, 'GET, HEAD');
      await refused('/good.txt', 405, method);
    });
  }
  const head = await raw('/good.txt', 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.headers['content-length'], String(GOOD.length));
  assert.equal(head.body, '', 'HEAD has no body');
  const index = await raw('/');
  assert.equal(index.status, 200, 'a folder serves its index.html');
  assert.equal(index.headers['content-type'], 'text/html; charset=utf-8');
});
