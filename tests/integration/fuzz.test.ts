import {
  type ApiError,
  type CommandAck,
  decide,
  ERROR_CODES,
  isJoinCode,
  MAX_PAYLOAD_BYTES,
  normalizeJoinCode,
  readSession,
  type Session,
} from '@balint/shared';
import {
  commandSchema,
  createGroupBodySchema,
  handshakeLookupSchema,
  toApiError,
} from '@balint/shared/schemas';
import fc from 'fast-check';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { sessionAt } from '../../server/src/groups/group.views.ts';
import type { StoredGroup } from '../../server/src/groups/store.ts';
import {
  CURRENT_REVISION,
  containsBinary,
  type HttpCase,
  handshakeAuth,
  httpCase,
  overTheWire,
  type Sender,
  type SocketCase,
  socketCase,
  wireBytes,
} from '../support/arbitraries.ts';
import {
  type CapturedLogs,
  type Client,
  captureLogs,
  closeAllClients,
  connect,
  createGroup,
  facilitatorOf,
  type ManualClock,
  manualClock,
  startServer,
  type TestServer,
} from './helpers.ts';

// [Z1]–[Z3] Property-based fuzzing of every socket event, the handshake and every HTTP route.
// `npm test` runs a few hundred cases; `npm run fuzz` runs FUZZ_RUNS (10,000 by default).

const RUNS = Number(process.env.FUZZ_RUNS ?? 1000);
const SEED = Number(
  process.env.FUZZ_SEED ?? (process.env.FUZZ_RUNS ? Date.now() % 2 ** 31 : 20_261_125),
);
const SHARE = { socket: 0.6, http: 0.3, handshake: 0.1 };
const runsOf = (part: keyof typeof SHARE) => Math.max(10, Math.round(RUNS * SHARE[part]));
const ERROR_CODE_LIST: string[] = Object.values(ERROR_CODES);

let server: TestServer;
let clock: ManualClock;
let logs: CapturedLogs;
const tally = { cases: 0, answered: 0, crashes: 0 };
/** How the commands were answered, by error code (`accepted` for the others): what was covered. */
const answers = new Map<string, number>();
const processFaults: unknown[] = [];
const onProcessFault = (fault: unknown) => processFaults.push(fault);

beforeAll(async () => {
  clock = manualClock();
  logs = captureLogs('error');
  server = await startServer({ clock, logger: logs.logger });
  process.on('uncaughtExceptionMonitor', onProcessFault);
  process.on('unhandledRejection', onProcessFault);
});

afterAll(async () => {
  process.off('uncaughtExceptionMonitor', onProcessFault);
  process.off('unhandledRejection', onProcessFault);
  closeAllClients();
  await server.stop();
  const covered = [...answers].map(([answer, count]) => `${answer} ${count}`).join(', ');
  console.log(
    `fuzz (seed ${SEED}): ${tally.cases} cases, ${tally.answered} answered, ${tally.crashes} crashes\n` +
      `  commands answered: ${covered}`,
  );
});

/** A crash is anything the server logs as an error, a process-level fault, or /healthz failing. */
async function expectNoCrash(what: string): Promise<void> {
  const errors = logs.errors();
  const health = await fetch(`${server.url}/healthz`).then((response) => response.json());
  if (errors.length > 0 || processFaults.length > 0 || health.ok !== true) tally.crashes += 1;
  expect(errors, what).toEqual([]);
  expect(processFaults, what).toEqual([]);
  expect(health).toEqual({ ok: true });
}

const fuzzOptions = (numRuns: number) => ({ numRuns, seed: SEED, endOnFailure: true });

async function stored(code: string): Promise<StoredGroup> {
  const group = await server.store.get(code);
  if (!group) throw new Error(`group ${code} is gone`);
  return group;
}

/** Puts the group's revision where the case asks for the current one. */
function pinToRevision(args: unknown[], revision: number): void {
  const payload = args[0] as { expectedRevision?: unknown } | null | undefined;
  if (payload && payload.expectedRevision === CURRENT_REVISION) payload.expectedRevision = revision;
}

type Expected = { ok: true; session: Session } | { ok: false; error: Partial<ApiError> };

/**
 * What the server must answer to `payload` (as the handler receives it) from `sender`: the
 * protocol's precedence, the shared schema and the pure session core, decided on the stored
 * session at the server's `now`.
 */
function expectedAnswer(sender: Sender, args: unknown[], group: StoredGroup): Expected {
  if (sender !== 'facilitator') return { ok: false, error: { code: 'forbidden' } };
  const payload = args[0];
  if (wireBytes(payload) > MAX_PAYLOAD_BYTES) {
    return { ok: false, error: { code: 'payload_too_large' } };
  }
  if (containsBinary(payload)) return { ok: false, error: { code: 'invalid_command' } };
  // As the server gets it: Socket.IO sends the arguments as one JSON array.
  const received = args.length > 0 ? (overTheWire(args) as unknown[])[0] : undefined;
  const parsed = commandSchema.safeParse(received);
  if (!parsed.success) {
    return { ok: false, error: toApiError(parsed.error, 'invalid_command', 'command') };
  }
  const now = clock.now();
  const current = sessionAt(group, now);
  const { expectedRevision, ...command } = parsed.data;
  if (expectedRevision !== undefined && expectedRevision !== current.context.revision) {
    return { ok: false, error: { code: 'stale_revision' } };
  }
  const decision = decide(current, command, now);
  return decision.ok ? decision : { ok: false, error: decision.error };
}

function checkAck(ack: CommandAck, expected: Expected, before: StoredGroup, sender: Sender): void {
  const answer = ack.ok ? 'accepted' : ack.error.code;
  answers.set(answer, (answers.get(answer) ?? 0) + 1);
  if (expected.ok) {
    expect(ack).toMatchObject({ ok: true, view: { revision: before.revision + 1 } });
    return;
  }
  expect(ack).toMatchObject({ ok: false, error: expected.error });
  if (ack.ok) return;
  expect(typeof ack.error.message).toBe('string');
  // Every refusal carries the current, unchanged view; only facilitators see members.
  expect(ack.view?.revision).toBe(before.revision);
  expect(ack.view?.members !== undefined).toBe(sender === 'facilitator');
}

describe('[Z1] fuzz: every socket event, from every role', () => {
  it(`${runsOf('socket')} events: all answered, nothing refused changes the store`, async () => {
    const { code, f } = await facilitatorOf(server.url, { name: 'Fuzz' });
    const sockets: Record<Sender, Client> = {
      facilitator: f,
      display: await connect(server.url, { code, role: 'display' }),
      member: await connect(server.url, {
        code,
        role: 'member',
        name: 'Ana',
        device: 'phone-ana-1',
      }),
    };
    const property = fc.asyncProperty(socketCase, async (c: SocketCase) => {
      tally.cases += 1;
      clock.advance(c.advanceMs);
      const before = await stored(code);
      pinToRevision(c.args, before.revision);
      const { socket } = sockets[c.sender];
      const what = `${c.sender} ${c.event} ${JSON.stringify(c.args).slice(0, 300)}`;
      let expected: Expected | null = null;
      if (c.event === 'command') expected = expectedAnswer(c.sender, c.args, before);
      if (c.ack) {
        const answer = await socket.timeout(5000).emitWithAck(c.event, ...c.args);
        tally.answered += 1;
        if (c.event === 'command' && expected) {
          checkAck(answer as CommandAck, expected, before, c.sender);
        } else if (c.event === 'clock') {
          const clientTime = c.args.length > 0 ? (overTheWire(c.args) as unknown[])[0] : null;
          const valid =
            c.args.length > 0 && !containsBinary(c.args[0]) && Number.isFinite(clientTime);
          if (valid) expect(answer, what).toBe(clock.now());
          else
            expect(answer, what).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
        } else {
          expect(answer, what).toEqual({
            ok: false,
            error: { code: 'invalid_request', message: 'Unknown event.' },
          });
        }
      } else {
        socket.emit(c.event, ...c.args);
        // A later command on the same socket is handled after it: a barrier, refused as stale.
        const barrier = await f.command({ type: 'pause', expectedRevision: 2 ** 31 });
        expect(barrier, what).toMatchObject({ ok: false, error: { code: 'stale_revision' } });
      }
      const after = await stored(code);
      if (expected?.ok) {
        expect(after.revision, what).toBe(before.revision + 1);
        expect(after.session, what).toBe(JSON.stringify(expected.session));
      } else {
        expect({ revision: after.revision, session: after.session }, what).toEqual({
          revision: before.revision,
          session: before.session,
        });
      }
      for (const client of Object.values(sockets)) expect(client.socket.connected, what).toBe(true);
    });
    await fc.assert(property, fuzzOptions(runsOf('socket')));
    await expectNoCrash('socket events');
    // The fuzzed group still takes commands.
    const type = readSession((await stored(code)).session).value === 'ended' ? 'reset' : 'end';
    expect(await f.command({ type })).toMatchObject({ ok: true });
  }, 600_000);
});

type Outcome =
  | { kind: 'joined'; members: boolean; revision: number }
  | { kind: 'refused'; data: unknown }
  | { kind: 'closed' };

async function handshakeOutcome(auth: unknown): Promise<Outcome> {
  const socket = io(server.url, {
    auth: auth as Record<string, unknown>,
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
  });
  try {
    return await new Promise<Outcome>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no answer to the handshake')), 5000);
      const done = (outcome: Outcome) => {
        clearTimeout(timer);
        resolve(outcome);
      };
      socket.once('session', (view) =>
        done({ kind: 'joined', members: view.members !== undefined, revision: view.revision }),
      );
      socket.once('connect_error', (error: Error & { data?: unknown }) =>
        done({ kind: 'refused', data: error.data }),
      );
      // Socket.IO's parser itself closes a connection whose auth is not an object.
      socket.io.once('close', (reason) => {
        if (reason === 'transport close') done({ kind: 'closed' });
      });
    });
  } finally {
    socket.close();
  }
}

/** The handshake's answer: Socket.IO's own checks, then the server's, in the protocol's order. */
function expectedOutcome(auth: unknown, code: string, key: string, revision: number): Outcome {
  if (auth === undefined) {
    return { kind: 'refused', data: expect.objectContaining({ code: 'invalid_request' }) };
  }
  const isPlainObject = Object.prototype.toString.call(auth) === '[object Object]';
  // Socket.IO's own parser closes the connection, or the client sends no auth at all.
  if (!isPlainObject) return { kind: 'closed' };
  const parsed = handshakeLookupSchema.safeParse(overTheWire(auth));
  if (!parsed.success) {
    return { kind: 'refused', data: toApiError(parsed.error, 'invalid_request', 'handshake') };
  }
  const typed = normalizeJoinCode(parsed.data.code);
  if (!isJoinCode(typed) || typed !== code) {
    return { kind: 'refused', data: expect.objectContaining({ code: 'not_found' }) };
  }
  if (parsed.data.role === 'facilitator' && parsed.data.key !== key) {
    return { kind: 'refused', data: expect.objectContaining({ code: 'forbidden' }) };
  }
  return { kind: 'joined', members: parsed.data.role === 'facilitator', revision };
}

describe('[Z2] fuzz: the handshake', () => {
  it(`${runsOf('handshake')} handshakes: joined or refused with the protocol's error`, async () => {
    const { code, facilitatorKey: key } = await createGroup(server.url);
    const before = await stored(code);
    const property = fc.asyncProperty(handshakeAuth(code, key), async (auth) => {
      tally.cases += 1;
      const outcome = await handshakeOutcome(auth);
      tally.answered += 1;
      const expected = expectedOutcome(auth, code, key, before.revision);
      const what = JSON.stringify(auth)?.slice(0, 300);
      if (expected.kind === 'closed' && outcome.kind === 'refused') {
        expect(outcome.data, what).toMatchObject({ code: 'invalid_request', field: 'code' });
      } else {
        expect(outcome, what).toEqual(expected);
      }
      const after = await stored(code);
      expect(after.session).toBe(before.session);
    });
    await fc.assert(property, fuzzOptions(runsOf('handshake')));
    await expectNoCrash('handshakes');
  }, 600_000);
});

/** Headers fetch (undici) refuses to set, or that would make the request another one. */
const UNSETTABLE = new Set([
  'host',
  'content-length',
  'connection',
  'transfer-encoding',
  'expect',
  'keep-alive',
  'upgrade',
  'te',
  'trailer',
  'proxy-connection',
  'authorization',
  'content-type',
  'accept-encoding',
]);

interface Target {
  code: string;
  key: string;
}

async function sendHttp(c: HttpCase, group: Target, victim: Target | null, other: Target) {
  const path =
    c.target === 'groups'
      ? '/api/groups'
      : c.target === 'group'
        ? `/api/groups/${group.code}`
        : c.target === 'victim' && victim
          ? `/api/groups/${victim.code}`
          : c.path.startsWith('/')
            ? c.path
            : `/${c.path}`;
  const owner = c.target === 'victim' && victim ? victim : group;
  const headers = new Headers();
  for (const [name, value] of c.headers) {
    if (!UNSETTABLE.has(name.toLowerCase())) headers.set(name, value);
  }
  // The fuzzed group is never deleted with its own key: only its victim may be.
  const right = c.authorization === 'right' && !(c.target === 'group' && c.method === 'DELETE');
  if (right) headers.set('authorization', `Bearer ${owner.key}`);
  if (c.authorization === 'wrong') headers.set('authorization', `Bearer ${other.key}`);
  if (c.authorization === 'other') headers.set('authorization', c.authorizationText);
  const canHaveBody = c.method !== 'GET' && c.method !== 'HEAD';
  if (c.contentType !== null) headers.set('content-type', c.contentType);
  const body = canHaveBody && c.body !== null ? c.body : undefined;
  const response = await fetch(`${server.url}${path}`, { method: c.method, headers, body });
  return { path, right, body, response, text: await response.text() };
}

/**
 * What express.json makes of a body before any /api route sees it: 413 over 16 KB, 400 if it
 * is not a JSON object or array, null if it passes (or is not JSON-typed, so left alone);
 * 'unknown' for UTF-16, whose decoding of these bytes this test does not model.
 */
function jsonBodyVerdict(c: HttpCase, body: string | undefined): number | null | 'unknown' {
  const type = c.contentType ?? '';
  if (!type.startsWith('application/json') || body === undefined) return null;
  if (Buffer.byteLength(body) > MAX_PAYLOAD_BYTES) return 413;
  if (type.includes('utf-16')) return 'unknown';
  if (body === '') return null;
  try {
    const parsed: unknown = JSON.parse(body);
    return parsed !== null && typeof parsed === 'object' ? null : 400;
  } catch {
    return 400;
  }
}

/** The status an /api request must get, where the protocol says it exactly; null if it does not. */
function expectedStatus(c: HttpCase, body: string | undefined, right: boolean): number | null {
  const verdict = jsonBodyVerdict(c, body);
  if (verdict === 'unknown') return null;
  if (c.target === 'groups' && c.method === 'POST') {
    if (verdict !== null) return verdict;
    if (body !== undefined && body !== '' && c.contentType?.startsWith('application/json')) {
      return createGroupBodySchema.safeParse(JSON.parse(body)).success ? 201 : 400;
    }
    if (body === undefined || body === '') return 201;
    return Buffer.byteLength(body) > MAX_PAYLOAD_BYTES ? 413 : 400;
  }
  if (c.target === 'victim' && c.method === 'DELETE') return verdict ?? (right ? 204 : 403);
  if (c.target === 'group' && (c.method === 'GET' || c.method === 'HEAD')) return 200;
  return null;
}

describe('[Z3] fuzz: every HTTP route', () => {
  it(`${runsOf('http')} requests: no 5xx, errors in the protocol's shape, no group made or lost by a refusal`, async () => {
    const group = await createGroup(server.url, { name: 'Fuzz HTTP' });
    const other = await createGroup(server.url);
    const target = { code: group.code, key: group.facilitatorKey };
    const otherTarget = { code: other.code, key: other.facilitatorKey };
    const before = await stored(group.code);
    const property = fc.asyncProperty(httpCase, async (c: HttpCase) => {
      tally.cases += 1;
      const victim =
        c.target === 'victim'
          ? await createGroup(server.url).then((v) => ({ code: v.code, key: v.facilitatorKey }))
          : null;
      const groupsBefore = await groupCount();
      const { path, right, body, response, text } = await sendHttp(c, target, victim, otherTarget);
      tally.answered += 1;
      const what = `${c.method} ${path} ${c.contentType} ${body?.slice(0, 200)}`;
      expect(response.status, what).toBeLessThan(500);
      if (path.startsWith('/api') && response.status >= 400 && c.method !== 'HEAD') {
        const error = JSON.parse(text);
        expect(Object.keys(error), what).toEqual(['error']);
        expect(ERROR_CODE_LIST, what).toContain(error.error.code);
        expect(typeof error.error.message, what).toBe('string');
      }
      // Express routes a trailing slash like none: POST /api/groups/ creates a group too.
      const created = c.method === 'POST' && response.status === 201;
      if (created) expect(['/api/groups', '/api/groups/'], what).toContain(path);
      const deleted = c.target === 'victim' && c.method === 'DELETE' && response.status === 204;
      expect(await groupCount(), what).toBe(groupsBefore + (created ? 1 : 0) - (deleted ? 1 : 0));
      const status = expectedStatus(c, body, right);
      if (status !== null) expect(response.status, what).toBe(status);
      const after = await stored(group.code);
      expect(after.session, what).toBe(before.session);
    });
    await fc.assert(property, fuzzOptions(runsOf('http')));
    await expectNoCrash('HTTP');
  }, 600_000);
});

async function groupCount(): Promise<number> {
  return (await server.store.idleSince(Number.MAX_SAFE_INTEGER)).length;
}

describe('[Z4] payload limits at the edges', () => {
  it('a payload of 16 KB gets an answer', async () => {
    const { f } = await facilitatorOf(server.url);
    const name = 'x'.repeat(MAX_PAYLOAD_BYTES - 40);
    const ack = await f.command({ type: 'setPresenter', name });
    expect(ack).toMatchObject({ ok: false, error: { code: 'invalid_command', field: 'name' } });
    const answer = await f.socket.timeout(2000).emitWithAck('clock', 1, 'y'.repeat(16 * 1024 - 40));
    expect(answer).toBe(clock.now());
    expect(f.socket.connected).toBe(true);
  });

  it('a command between 16 KB and the frame limit is payload_too_large', async () => {
    const { f } = await facilitatorOf(server.url);
    const ack = await f.command({ type: 'setPresenter', name: 'x'.repeat(18 * 1024) });
    expect(ack).toMatchObject({
      ok: false,
      error: { code: 'payload_too_large' },
      view: { revision: 0 },
    });
    expect(f.socket.connected).toBe(true);
  });

  it('a payload far over 16 KB closes that connection only', async () => {
    const { code, key, f } = await facilitatorOf(server.url);
    const display = await connect(server.url, { code, role: 'display' });
    const closed = new Promise((resolve) => f.socket.once('disconnect', resolve));
    f.socket.emit('command', { type: 'setPresenter', name: 'x'.repeat(200_000) }, () => undefined);
    expect(await closed).toBe('transport close');
    expect(display.socket.connected).toBe(true);
    const again = await connect(server.url, { code, role: 'facilitator', key });
    expect(again.last().revision).toBe(0);
    await expectNoCrash('a frame over the limit');
  });

  it('answers payloads nested thousands deep, as a raw client can send them', async () => {
    const { code, key } = await facilitatorOf(server.url);
    const raw = new WebSocket(
      `${server.url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`,
    );
    const frames: string[] = [];
    const arrived = (prefix: string) =>
      new Promise<string>((resolve) => {
        const look = () => {
          const frame = frames.find((candidate) => candidate.startsWith(prefix));
          if (frame) resolve(frame);
          else raw.once('message', look);
        };
        look();
      });
    raw.on('message', (data) => frames.push(String(data)));
    await new Promise((resolve) => raw.once('open', resolve));
    raw.send(`40${JSON.stringify({ code, role: 'facilitator', key })}`);
    await arrived('40{');
    const deep = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;
    const nested = (depth: number) => `${'{"type":'.repeat(depth)}1${'}'.repeat(depth)}`;
    raw.send(`421["command",${deep(7000)}]`);
    raw.send(`422["command",${nested(1800)}]`);
    raw.send(`423["clock",${deep(7000)}]`);
    raw.send('424["clock",1]');
    const answers = await Promise.all([1, 2, 3, 4].map((id) => arrived(`43${id}[`)));
    raw.close();
    const [first, second, third, fourth] = answers.map((frame) => JSON.parse(frame.slice(3))[0]);
    for (const answer of [first, second]) {
      expect(answer).toMatchObject({ ok: false, error: { code: 'invalid_command' } });
    }
    expect(third).toMatchObject({ ok: false, error: { code: 'invalid_request' } });
    expect(fourth).toBe(clock.now());
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
    await expectNoCrash('Engine.IO garbage');
  });
});
