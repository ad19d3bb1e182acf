import { afterEach, describe, expect, it } from 'vitest';
import { createGroup, startServer, type TestServer } from './helpers.ts';

let server: TestServer | null = null;

afterEach(async () => {
  await server?.stop();
  server = null;
});

/** The Retry-After of a 429, in whole seconds; fails on any other status or form. */
async function retryAfterSeconds(response: Response): Promise<number> {
  expect(response.status).toBe(429);
  expect((await response.json()).error.code).toBe('rate_limited');
  const header = response.headers.get('retry-after');
  expect(header, 'Retry-After is sent').toMatch(/^\d+$/);
  return Number(header);
}

describe('Retry-After on every 429 (HTTP)', () => {
  it('GET /api/groups/:code over the failed-join limit: the rest of the minute', async () => {
    server = await startServer({ rateLimit: true });
    const { code } = await createGroup(server.url);
    // These windows run on the wall clock: the wait is a minute less what this test took.
    const began = Date.now();
    for (let attempt = 0; attempt < 10; attempt += 1) {
      expect((await fetch(`${server.url}/api/groups/ZZZZZ${attempt}`)).status).toBe(404);
    }
    const seconds = await retryAfterSeconds(await fetch(`${server.url}/api/groups/${code}`));
    const took = Date.now() - began;
    expect(seconds).toBeGreaterThanOrEqual(Math.ceil((60_000 - took) / 1000));
    expect(seconds).toBeLessThanOrEqual(60);
  });

  it('POST /api/groups over the hourly limit: the rest of the hour', async () => {
    server = await startServer({ rateLimit: true });
    const url = server.url;
    const began = Date.now();
    const created = await Promise.all(
      Array.from({ length: 60 }, () => fetch(`${url}/api/groups`, { method: 'POST' })),
    );
    expect(created.every((response) => response.status === 201)).toBe(true);
    const seconds = await retryAfterSeconds(await fetch(`${url}/api/groups`, { method: 'POST' }));
    expect(seconds).toBeGreaterThanOrEqual(Math.ceil((3_600_000 - (Date.now() - began)) / 1000));
    expect(seconds).toBeLessThanOrEqual(3_600);
  });

  it('is absent where nothing is limited', async () => {
    server = await startServer({ rateLimit: true });
    const response = await fetch(`${server.url}/api/groups/ZZZZZZ`);
    expect(response.status).toBe(404);
    expect(response.headers.get('retry-after')).toBeNull();
  });
});
