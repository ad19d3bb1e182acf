import { afterEach, describe, expect, it } from 'vitest';
import {
  closeAllClients,
  connect,
  createGroup,
  frozenClock,
  refusedJoin,
  startServer,
  type TestServer,
} from './helpers.ts';

let server: TestServer | null = null;

afterEach(async () => {
  closeAllClients();
  await server?.stop();
  server = null;
});

describe('rate limits (RATE_LIMIT on)', () => {
  it('blocks an address after 10 failed joins a minute, even with a valid key', async () => {
    server = await startServer({ rateLimit: true });
    const { code, facilitatorKey: key } = await createGroup(server.url);
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const error = await refusedJoin(server.url, { code: 'ZZZZZZ', role: 'member' });
      expect(error.data?.code).toBe('not_found');
    }
    const blocked = await refusedJoin(server.url, { code, role: 'facilitator', key });
    expect(blocked.data?.code).toBe('rate_limited');
  });

  it('counts unknown codes looked up over HTTP as failed joins, so codes cannot be guessed there', async () => {
    server = await startServer({ rateLimit: true });
    const { code } = await createGroup(server.url);
    for (let attempt = 0; attempt < 10; attempt += 1) {
      const response = await fetch(`${server.url}/api/groups/ZZZZZ${attempt}`);
      expect(response.status).toBe(404);
    }
    const blocked = await fetch(`${server.url}/api/groups/${code}`);
    expect(blocked.status).toBe(429);
    expect((await blocked.json()).error.code).toBe('rate_limited');
    const socket = await refusedJoin(server.url, { code, role: 'display' });
    expect(socket.data?.code).toBe('rate_limited');
  });

  it('counts failed joins per forwarded address behind a trusted proxy', async () => {
    server = await startServer({ rateLimit: true, trustProxy: true });
    const { code } = await createGroup(server.url);
    const from = (address: string) => ({ 'x-forwarded-for': address });
    for (let attempt = 0; attempt < 10; attempt += 1) {
      await refusedJoin(server.url, { code, role: 'facilitator', key: 'guess' }, from('10.0.0.1'));
    }
    const blocked = await refusedJoin(server.url, { code, role: 'display' }, from('10.0.0.1'));
    expect(blocked.data?.code).toBe('rate_limited');
    const other = await refusedJoin(server.url, { code, role: 'facilitator' }, from('10.0.0.2'));
    expect(other.data?.code).toBe('forbidden');
    // Behind the trusted proxy, the browser's host arrives as X-Forwarded-Host.
    const proxied = await connect(
      server.url,
      { code, role: 'display' },
      {
        extraHeaders: {
          origin: 'https://timer.example.org',
          'x-forwarded-host': 'timer.example.org',
        },
      },
    );
    proxied.close();
  });

  it('counts groups created, not refused attempts; over the limit, 429 comes first', async () => {
    server = await startServer({ rateLimit: true });
    const url = server.url;
    const post = (body: string) =>
      fetch(`${url}/api/groups`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
    for (const body of ['{"name":', '{"colour":1}', '[]', '{"plan":{"budgets":{"opening":5}}}']) {
      expect((await post(body)).status).toBe(400);
    }
    const created = await Promise.all(Array.from({ length: 60 }, () => post('{}')));
    expect(created.map((response) => response.status)).toEqual(Array(60).fill(201));
    expect((await post('{}')).status).toBe(429);
    const malformed = await post('{"name":');
    expect(malformed.status).toBe(429);
    expect((await malformed.json()).error.code).toBe('rate_limited');
  });

  it('counts group creations per forwarded address behind a trusted proxy', async () => {
    server = await startServer({ rateLimit: true, trustProxy: 1 });
    const url = server.url;
    const create = (address: string) =>
      fetch(`${url}/api/groups`, { method: 'POST', headers: { 'x-forwarded-for': address } });
    const first = await Promise.all(Array.from({ length: 60 }, () => create('10.0.0.1')));
    expect(first.every((response) => response.status === 201)).toBe(true);
    expect((await create('10.0.0.1')).status).toBe(429);
    expect((await create('10.0.0.2')).status).toBe(201);
    // One trusted hop: a client cannot pick its address by prepending to the header.
    expect((await create('10.0.0.3, 10.0.0.1')).status).toBe(429);
  });

  it('commands: 20 a second sustained, bursts of 40, by the server clock', async () => {
    const clock = frozenClock(Date.now());
    server = await startServer({ rateLimit: true, clock });
    const { code, facilitatorKey: key } = await createGroup(server.url);
    const f = await connect(server.url, { code, role: 'facilitator', key });
    let sent = 0;
    const send = async (count: number) => {
      const acks = await Promise.all(
        Array.from({ length: count }, () => {
          sent += 1;
          return f.command({ type: 'setPresenter', name: `P${sent}` });
        }),
      );
      return acks.filter((ack) => ack.ok).length;
    };
    expect(await send(41)).toBe(40);
    // Over the limit, rate_limited comes before anything wrong with the command itself.
    expect(await f.command({ type: 'extend', ms: 5, expectedRevision: 99 })).toMatchObject({
      ok: false,
      error: { code: 'rate_limited' },
      view: { revision: 40 },
    });
    // One second refills 20, not the whole burst.
    clock.advance(1000);
    expect(await send(21)).toBe(20);
    // Steady at 20 a second (one every 50 ms) is never refused.
    for (let i = 0; i < 60; i += 1) {
      clock.advance(50);
      expect(await send(1)).toBe(1);
    }
    // A long pause refills up to the burst, no further.
    clock.advance(60_000);
    expect(await send(45)).toBe(40);
    // Each socket has its own allowance.
    const g = await connect(server.url, { code, role: 'facilitator', key });
    expect(await g.command({ type: 'setPresenter', name: 'G' })).toMatchObject({ ok: true });
  });

  it('RATE_LIMIT off lets everything through', async () => {
    server = await startServer({ rateLimit: false });
    const { code, facilitatorKey: key } = await createGroup(server.url);
    for (let attempt = 0; attempt < 12; attempt += 1) {
      await refusedJoin(server.url, { code: 'ZZZZZZ', role: 'member' });
    }
    const f = await connect(server.url, { code, role: 'facilitator', key });
    const acks = await Promise.all(
      Array.from({ length: 60 }, (_, i) => f.command({ type: 'setPresenter', name: `P${i}` })),
    );
    expect(acks.every((ack) => ack.ok)).toBe(true);
  });
});
