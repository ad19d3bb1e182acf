import { MAX_PAYLOAD_BYTES } from '@balint/shared';
import { commandSchema } from '@balint/shared/schemas';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { seededRandom } from '../support/random.ts';
import {
  type Client,
  closeAllClients,
  connect,
  createGroup,
  startServer,
  type TestServer,
} from './helpers.ts';

const SEED = Number(process.env.FUZZ_SEED ?? 20_261_125);
const SOCKET_PAYLOADS = 3000;
const HTTP_REQUESTS = 400;

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  closeAllClients();
  await server.stop();
});

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T =>
  items[Math.floor(random() * items.length)] as T;

const WEIRD_STRINGS = [
  '',
  ' ',
  'next',
  'start',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  '\u0000',
  '\ud800',
  '💥'.repeat(50),
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '{"type":"next"}',
  '9'.repeat(400),
];
const NUMBERS = [
  0,
  -1,
  1,
  999,
  1000,
  1000.5,
  10_800_001,
  -0,
  2 ** 53,
  -(2 ** 53),
  1e308,
  Number.NaN,
];
const TYPES = ['start', 'pause', 'resume', 'next', 'back', 'extend', 'setBudget', 'setPresenter'];

function randomString(random: Random): string {
  if (random() < 0.5) return pick(random, WEIRD_STRINGS);
  const length = random() < 0.05 ? Math.floor(random() * 15_000) : Math.floor(random() * 30);
  return 'x'.repeat(length);
}

function randomValue(random: Random, depth = 0): unknown {
  const roll = random();
  if (roll < 0.1) return null;
  if (roll < 0.15) return undefined;
  if (roll < 0.25) return random() < 0.5;
  if (roll < 0.4) return pick(random, NUMBERS);
  if (roll < 0.6) return randomString(random);
  if (roll < 0.65) return Buffer.from(randomString(random));
  if (depth > 4) return {};
  if (roll < 0.75) {
    return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth + 1));
  }
  const object: Record<string, unknown> = {};
  const keys = Math.floor(random() * 4);
  for (let i = 0; i < keys; i += 1) {
    const key = pick(random, ['type', 'ms', 'phase', 'name', 'expectedRevision', 'x', '__proto__']);
    // An own property even for `__proto__`, as JSON.parse would make it.
    Object.defineProperty(object, key, {
      value: randomValue(random, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return object;
}

/** Near-misses of real commands: the shapes a buggy controller would send. */
function nearCommand(random: Random): unknown {
  const command: Record<string, unknown> = { type: pick(random, TYPES) };
  if (random() < 0.5) command.ms = pick(random, [...NUMBERS, '60000', null]);
  if (random() < 0.3) command.phase = pick(random, ['lobby', 'ended', 'Opening', 'questions', 7]);
  if (random() < 0.3) command.name = pick(random, [5, null, 'x'.repeat(41), 'Ana']);
  if (random() < 0.3) command.expectedRevision = pick(random, [-1, 0.5, '0', 99, null]);
  if (random() < 0.3) command.extra = randomValue(random, 3);
  return command;
}

/** Anything but a command the facilitator's session would accept. */
function invalidPayload(random: Random): unknown {
  for (;;) {
    const payload = random() < 0.5 ? nearCommand(random) : randomValue(random);
    if (!commandSchema.safeParse(payload).success) return payload;
  }
}

/** Roughly the bytes a payload takes on the wire (binary counted generously, as JSON). */
function sizeOf(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '');
}

/** Percent-encodes, replacing lone surrogates (which encodeURIComponent refuses). */
function safeEncode(text: string): string {
  return encodeURIComponent(text.replace(/[\ud800-\udfff]/g, '\ufffd'));
}

describe('fuzz: the server survives any payload and its state does not move', () => {
  it(`${SOCKET_PAYLOADS} socket payloads on every event (seed ${SEED})`, async () => {
    const random = seededRandom(SEED);
    const { code, facilitatorKey: key } = await createGroup(server.url);
    const f = await connect(server.url, { code, role: 'facilitator', key });
    expect(await f.command({ type: 'start' })).toMatchObject({ ok: true });
    const others = [
      await connect(server.url, { code, role: 'display' }),
      await connect(server.url, { code, role: 'member', name: 'Ana' }),
    ];
    const before = f.last();
    const sockets: Client[] = [f, ...others];
    const events = ['command', 'command', 'command', 'clock', 'clock', 'session', 'expired', 'x'];

    let answered = 0;
    for (let batch = 0; batch < SOCKET_PAYLOADS / 100; batch += 1) {
      const pending: Promise<void>[] = [];
      for (let i = 0; i < 100; i += 1) {
        const client = pick(random, sockets);
        const event = pick(random, events);
        const shape = random();
        // Up to 16 KB every payload is answered; larger ones may close the connection.
        let payload: unknown;
        let args: unknown[];
        do {
          payload =
            client === f && event === 'command' ? invalidPayload(random) : randomValue(random);
          args =
            shape < 0.1
              ? [payload]
              : shape < 0.25
                ? [payload, randomValue(random), 'not a function']
                : shape < 0.3
                  ? []
                  : shape < 0.35
                    ? [payload, randomValue(random)]
                    : [payload];
        } while (sizeOf(args) > MAX_PAYLOAD_BYTES);
        if (shape < 0.25) {
          client.socket.emit(event, ...args);
        } else {
          pending.push(
            client.socket
              .timeout(5000)
              .emitWithAck(event, ...args)
              .then((answer: unknown) => {
                answered += 1;
                if (event === 'clock' && typeof answer === 'number') return;
                expect(answer, `${event} ${JSON.stringify(payload)}`).toMatchObject({ ok: false });
              }),
          );
        }
      }
      await Promise.all(pending);
    }
    expect(answered).toBeGreaterThan(SOCKET_PAYLOADS / 2);
    for (const client of sockets) expect(client.socket.connected).toBe(true);

    const health = await fetch(`${server.url}/healthz`);
    expect(await health.json()).toEqual({ ok: true });
    const info = await (await fetch(`${server.url}/api/groups/${code}`)).json();
    expect(info.view).toMatchObject({
      revision: before.revision,
      phase: before.phase,
      running: true,
    });
    expect(await f.command({ type: 'next' })).toMatchObject({ ok: true, view: { revision: 2 } });
  });

  it('a payload of 16 KB gets an answer', async () => {
    const { code, facilitatorKey: key } = await createGroup(server.url);
    const f = await connect(server.url, { code, role: 'facilitator', key });
    const name = 'x'.repeat(16 * 1024 - 40);
    const ack = await f.command({ type: 'setPresenter', name });
    expect(ack).toMatchObject({ ok: false, error: { code: 'invalid_command', field: 'name' } });
    const clock = await f.socket.timeout(2000).emitWithAck('clock', 1, 'y'.repeat(16 * 1024 - 40));
    expect(typeof clock).toBe('number');
    expect(f.socket.connected).toBe(true);
  });

  it('a command between 16 KB and the frame limit is payload_too_large', async () => {
    const { code, facilitatorKey: key } = await createGroup(server.url);
    const f = await connect(server.url, { code, role: 'facilitator', key });
    const ack = await f.command({ type: 'setPresenter', name: 'x'.repeat(18 * 1024) });
    expect(ack).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
    expect(f.socket.connected).toBe(true);
  });

  it('a payload far over 16 KB closes at most that connection', async () => {
    const { code, facilitatorKey: key } = await createGroup(server.url);
    const f = await connect(server.url, { code, role: 'facilitator', key });
    const closed = new Promise((resolve) => f.socket.once('disconnect', resolve));
    f.socket.emit('command', { type: 'setPresenter', name: 'x'.repeat(200_000) }, () => undefined);
    await closed;
    expect((await (await fetch(`${server.url}/healthz`)).json()).ok).toBe(true);
    const again = await connect(server.url, { code, role: 'facilitator', key });
    expect(again.last().revision).toBe(0);
  });

  it(`random handshakes are refused with a protocol error (seed ${SEED})`, async () => {
    const random = seededRandom(SEED + 2);
    const { code, facilitatorKey: key } = await createGroup(server.url);
    const auths: unknown[] = Array.from({ length: 60 }, () => randomValue(random));
    auths.push({ code, role: 'facilitator', key: `${key}=` }, { code, role: 'display', key });
    const codes = new Set<string>();
    await Promise.all(
      auths.map(async (auth) => {
        const socket = io(server.url, {
          auth: auth as Record<string, unknown>,
          transports: ['websocket'],
          forceNew: true,
          reconnection: false,
        });
        const outcome = await new Promise<string>((resolve) => {
          socket.once('session', () => resolve('joined'));
          socket.once('connect_error', (error: Error & { data?: { code?: string } }) =>
            resolve(error.data?.code ?? 'none'),
          );
          // Socket.IO's parser itself closes a connection whose auth is not an object.
          socket.io.once('close', (reason) => {
            if (reason === 'transport close') resolve('closed');
          });
        });
        socket.close();
        codes.add(outcome);
      }),
    );
    for (const outcome of codes) {
      expect(['joined', 'closed', 'invalid_request', 'not_found', 'forbidden']).toContain(outcome);
    }
    expect(codes.has('invalid_request')).toBe(true);
  });

  it('garbage at the Engine.IO layer closes only that connection', async () => {
    const base = `${server.url}/socket.io/?EIO=4&transport=polling`;
    const open = await (await fetch(base)).text();
    const sid = JSON.parse(open.slice(1)).sid as string;
    for (const body of [
      'garbage',
      '4{"type":',
      '42["command",',
      '9'.repeat(1000),
      '40{"code":1}',
    ]) {
      const response = await fetch(`${base}&sid=${sid}`, { method: 'POST', body });
      expect(response.status).toBeLessThan(500);
    }
    const raw = new WebSocket(
      `${server.url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`,
    );
    await new Promise((resolve) => raw.once('open', resolve));
    raw.send('\u0000\u0001 not a packet');
    raw.send('42["command",{"type":"start"}');
    await new Promise((resolve) => raw.once('close', resolve));
    expect((await (await fetch(`${server.url}/healthz`)).json()).ok).toBe(true);
  });

  it(`${HTTP_REQUESTS} random requests to every route (seed ${SEED})`, async () => {
    const random = seededRandom(SEED + 1);
    const { code } = await createGroup(server.url);
    const before = await (await fetch(`${server.url}/api/groups/${code}`)).json();
    const paths = [
      '/api/groups',
      `/api/groups/${code}`,
      '/api/groups/%',
      '/api/%E0%A4%A',
      '/healthz',
    ];
    const statuses = new Map<number, number>();
    for (let batch = 0; batch < HTTP_REQUESTS / 50; batch += 1) {
      await Promise.all(
        Array.from({ length: 50 }, async () => {
          const roll = random();
          const method = roll < 0.6 ? 'POST' : pick(random, ['GET', 'PUT', 'DELETE', 'PATCH']);
          const path =
            roll < 0.6
              ? '/api/groups'
              : random() < 0.5
                ? pick(random, paths)
                : `/api/groups/${safeEncode(randomString(random).slice(0, 300))}`;
          const body = random() < 0.7 ? JSON.stringify(randomValue(random)) : randomString(random);
          const contentType = pick(random, [
            'application/json',
            'text/plain',
            'application/json; charset=utf-16',
            '',
          ]);
          const response = await fetch(`${server.url}${path}`, {
            method,
            headers: contentType ? { 'content-type': contentType } : {},
            body: method === 'GET' ? undefined : (body ?? 'null'),
          });
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          expect(response.status, `${method} ${path} ${body?.slice(0, 100)}`).toBeLessThan(500);
          const text = await response.text();
          if (path.startsWith('/api') && response.status >= 400) {
            expect(JSON.parse(text).error.code).toMatch(/^[a-z_]+$/);
          }
        }),
      );
    }
    expect(statuses.get(400)).toBeGreaterThan(0);
    expect((await (await fetch(`${server.url}/healthz`)).json()).ok).toBe(true);
    const after = await (await fetch(`${server.url}/api/groups/${code}`)).json();
    expect(after.view.revision).toBe(before.view.revision);
  });
});
