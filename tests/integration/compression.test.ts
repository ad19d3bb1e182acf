import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, startServer, type TestServer, tempDir } from './helpers.ts';

let server: TestServer;
const dataDir = tempDir();

beforeAll(async () => {
  // startServer serves `<dataDir>/no-client` as the built client: give it one.
  const dist = join(dataDir, 'no-client');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(
    join(dist, 'index.html'),
    `<!doctype html><title>x</title>${'<p>hi</p>'.repeat(400)}`,
  );
  writeFileSync(
    join(dist, 'assets', 'member-abc123.js'),
    `export const x = "${'a'.repeat(20_000)}";`,
  );
  server = await startServer({ dataDir });
});

afterAll(async () => {
  await server.stop();
  removeDir(dataDir);
});

/** GET with an Accept-Encoding header; fetch would decode the body and hide the encoding. */
function get(path: string, encoding: string) {
  return new Promise<{ status: number; encoding: string | undefined; bytes: number }>(
    (resolve, reject) => {
      const req = request(`${server.url}${path}`, { headers: { 'accept-encoding': encoding } });
      req.on('response', (response) => {
        let bytes = 0;
        response.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
        });
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            encoding: response.headers['content-encoding'],
            bytes,
          }),
        );
      });
      req.on('error', reject);
      req.end();
    },
  );
}

describe('compression', () => {
  it('serves scripts and pages gzipped to phones that accept it', async () => {
    const script = await get('/assets/member-abc123.js', 'gzip');
    expect(script).toMatchObject({ status: 200, encoding: 'gzip' });
    expect(script.bytes).toBeLessThan(1_000);
    const page = await get('/m/ABCDEF', 'gzip, deflate');
    expect(page).toMatchObject({ status: 200, encoding: 'gzip' });
    const plain = await get('/assets/member-abc123.js', 'identity');
    expect(plain.encoding).toBeUndefined();
    expect(plain.bytes).toBe(`export const x = "${'a'.repeat(20_000)}";`.length);
  });
});
