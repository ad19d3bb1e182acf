import { COMMAND_TYPES, MAX_PAYLOAD_BYTES, PHASE_IDS } from '@balint/shared';
import fc from 'fast-check';

// fast-check arbitraries for what can reach the server: socket events, handshakes, HTTP.
// Each mixes well-formed input, near misses (what a buggy client sends) and plain garbage.

/** Strings that have broken parsers before: prototype names, NUL, lone surrogates, markup. */
const NASTY_STRINGS = [
  '',
  ' ',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '\u0000',
  '\ud800',
  '\udfff',
  '💥',
  '<script>alert(1)</script>',
  "' OR 1=1 --",
  '{"type":"next"}',
  '../../etc/passwd',
  '%00',
  '9'.repeat(400),
];

export const nastyString = fc.oneof(
  fc.constantFrom(...NASTY_STRINGS),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.string({ unit: 'grapheme', maxLength: 12 }),
);

/** Occasionally long: up to about 16 KB, so the size limit is approached from below. */
export const anyString = fc.oneof(
  { arbitrary: nastyString, weight: 12 },
  { arbitrary: fc.nat(15_000).map((length) => 'x'.repeat(length)), weight: 1 },
);

const NUMBERS = [
  0,
  -0,
  -1,
  1,
  999,
  1000,
  1000.5,
  60_000,
  10_800_000,
  10_800_001,
  2 ** 31,
  2 ** 53,
  -(2 ** 53),
  1e308,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
];

export const anyNumber = fc.oneof(
  fc.constantFrom(...NUMBERS),
  fc.integer(),
  fc.double(),
  fc.integer({ min: 0, max: 12 }),
);

const FIELD_NAMES = ['type', 'ms', 'phase', 'name', 'device', 'expectedRevision', '__proto__'];

/** Any value a client can put in a Socket.IO payload: JSON, binary, prototype-named keys. */
export const anyValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null),
    fc.constant(undefined),
    fc.boolean(),
    anyNumber,
    anyString,
    fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
    fc.array(tie('value'), { maxLength: 4 }),
    fc
      .array(fc.tuple(fc.oneof(nastyString, fc.constantFrom(...FIELD_NAMES)), tie('value')), {
        maxLength: 4,
      })
      .map(ownObject),
  ),
})).value;

/** An object with these own properties, `__proto__` included, as JSON.parse would make it. */
function ownObject(entries: [string, unknown][]): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const [key, value] of entries) {
    Object.defineProperty(object, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return object;
}

const validMs = fc.integer({ min: 1000, max: 10_800_000 });
const badMs = fc.oneof(
  fc.constantFrom(999, 0, -1, 1500.5, 10_800_001, Number.NaN, '60000', null, true),
  fc.double(),
);
export const deviceId = fc.stringMatching(/^[A-Za-z0-9_-]{8,64}$/);
const badDevice = fc.oneof(
  fc.constantFrom('short', 'x'.repeat(65), 'has space!', 'ünïcode-123', '', 12_345_678),
  nastyString,
);
const presenterName = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 10 }),
  fc.constantFrom('', '   ', ' Ana ', 'x'.repeat(40), ` ${'y'.repeat(40)} `),
);
const badName = fc.oneof(
  fc.constantFrom('x'.repeat(41), 'z'.repeat(201), 5, null, ['Ana']),
  fc.string({ minLength: 41, maxLength: 60 }).filter((name) => name.trim().length > 40),
);
/** Matches the group's revision now and then (the fuzzed group stays at a low revision). */
const expectedRevision = fc.oneof(
  fc.integer({ min: 0, max: 8 }),
  fc.constantFrom(-1, 0.5, '0', null, 2 ** 31),
);

/** Stands for the group's revision when the case is sent; the test puts the number in. */
export const CURRENT_REVISION = '<current revision>';

/** A command of each type with fields in range: accepted or refused by the session's state. */
export const wellFormedCommand: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    fc.constantFrom(...COMMAND_TYPES),
    validMs,
    fc.constantFrom(...PHASE_IDS),
    presenterName,
    fc.option(deviceId, { nil: undefined }),
    fc.oneof(
      { arbitrary: fc.constant(undefined), weight: 5 },
      { arbitrary: fc.constant(CURRENT_REVISION), weight: 3 },
      { arbitrary: fc.integer({ min: 0, max: 8 }), weight: 2 },
    ),
  )
  .map(([type, ms, phase, name, device, revision]) => {
    const command: Record<string, unknown> = { type };
    if (type === 'extend') command.ms = ms;
    if (type === 'setBudget') Object.assign(command, { phase, ms });
    if (type === 'setPresenter') {
      command.name = name;
      if (device !== undefined) command.device = device;
    }
    if (type === 'setEndTime') command.at = null;
    if (type === 'setLanguage') command.language = phase === 'opening' ? 'hu' : 'de';
    if (revision !== undefined) command.expectedRevision = revision;
    return command;
  });

/** A real command type with something wrong: a value out of range, a field missing or extra. */
export const nearMissCommand: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(
    fc.oneof(
      { arbitrary: fc.constantFrom(...COMMAND_TYPES), weight: 4 },
      fc.constantFrom('launch', 'Next', 'setEndTime', '', '__proto__', 'constructor'),
    ),
    fc.record(
      {
        ms: fc.oneof(validMs, badMs),
        phase: fc.oneof(
          fc.constantFrom(...PHASE_IDS),
          fc.constantFrom('lobby', 'ended', 'Opening', 7),
        ),
        name: fc.oneof(presenterName, badName),
        device: fc.oneof(deviceId, badDevice),
        expectedRevision,
        extra: anyValue,
      },
      { requiredKeys: [] },
    ),
  )
  .map(([type, fields]) => ({ type, ...fields }));

/** The payload of a `command`: well formed, nearly, or not at all. */
export const commandPayload = fc.oneof(
  { arbitrary: wellFormedCommand, weight: 5 },
  { arbitrary: nearMissCommand, weight: 3 },
  { arbitrary: anyValue, weight: 2 },
);

/** Names socket.io-client will not emit (they are its own events). */
const RESERVED_EVENTS = new Set([
  'connect',
  'connect_error',
  'disconnect',
  'disconnecting',
  'newListener',
  'removeListener',
]);

export const unknownEvent = fc
  .oneof(
    fc.constantFrom('session', 'expired', 'commands', 'Command', 'x', '__proto__'),
    nastyString,
  )
  .filter((name) => !RESERVED_EVENTS.has(name) && name !== 'command' && name !== 'clock');

export type Sender = 'facilitator' | 'display' | 'member';

/** One socket event: who sends it, what, and whether it asks for an answer. */
export interface SocketCase {
  sender: Sender;
  event: string;
  /** The arguments before the ack (if any). */
  args: unknown[];
  ack: boolean;
  /** Server time passes before it is sent (undo's 60 s window, elapsed times). */
  advanceMs: number;
}

const extraArgs = fc.array(anyValue, { maxLength: 2 });

export const socketCase: fc.Arbitrary<SocketCase> = fc
  .record({
    sender: fc.constantFrom<Sender>(
      'facilitator',
      'facilitator',
      'facilitator',
      'display',
      'member',
    ),
    kind: fc.constantFrom('command', 'command', 'command', 'command', 'clock', 'unknown'),
    payload: commandPayload,
    clientTime: fc.oneof(anyNumber, anyValue),
    event: unknownEvent,
    noArgs: fc.integer({ min: 0, max: 15 }).map((roll) => roll === 0),
    extra: extraArgs,
    ack: fc.integer({ min: 0, max: 3 }).map((roll) => roll > 0),
    advanceMs: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 90_000 })),
  })
  .map(({ sender, kind, payload, clientTime, event, noArgs, extra, ack, advanceMs }) => {
    const first = kind === 'clock' ? clientTime : payload;
    const args = noArgs ? [] : [first, ...(kind === 'command' ? extra.slice(0, 1) : extra)];
    const name = kind === 'unknown' ? event : kind;
    // A clock ping without an ack is ignored: there is nothing to check.
    return { sender, event: name, args, ack: ack || kind === 'clock', advanceMs };
  })
  .filter((value) => wireBytes(value.args) <= MAX_PAYLOAD_BYTES);

/** Bytes of a value as JSON, as the server measures a payload (binary counts as its JSON). */
export function wireBytes(value: unknown): number {
  try {
    return Buffer.byteLength(JSON.stringify(value) ?? '');
  } catch {
    return 0;
  }
}

/** A value as it arrives after Socket.IO's JSON: `undefined` keys gone, NaN null, -0 zero. */
export function overTheWire(value: unknown): unknown {
  const text = JSON.stringify(value);
  return text === undefined ? undefined : JSON.parse(text);
}

export function containsBinary(value: unknown, depth = 0): boolean {
  if (Buffer.isBuffer(value) || value instanceof Uint8Array) return true;
  if (depth > 50 || value === null || typeof value !== 'object') return false;
  return Object.values(value).some((inner) => containsBinary(inner, depth + 1));
}

/** Handshake `auth`: the real code and key, near misses, and values that are no object. */
export function handshakeAuth(code: string, key: string): fc.Arbitrary<unknown> {
  const codes = fc.oneof(
    fc.constantFrom(code, code.toLowerCase(), `${code.slice(0, 3)}-${code.slice(3)}`, ` ${code} `),
    fc.constantFrom('ZZZZZZ', 'O0O0O0', '000000', 'abc', '', 'x'.repeat(33)),
    nastyString,
    anyNumber,
  );
  const keys = fc.oneof(
    fc.constantFrom(key, `${key}x`, key.slice(1), key.toUpperCase(), '', 'x'.repeat(201)),
    nastyString,
    anyValue,
  );
  const object = fc
    .record(
      {
        code: codes,
        role: fc.oneof(
          fc.constantFrom('facilitator', 'display', 'member'),
          fc.constantFrom('admin', 'Facilitator', '', null),
        ),
        key: keys,
        name: fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('x'.repeat(41), 5, null)),
        device: fc.oneof(deviceId, badDevice),
        offer: fc.oneof(fc.boolean(), fc.constantFrom('yes', 1, null)),
        extra: anyValue,
      },
      { requiredKeys: [] },
    )
    .map((auth) => auth as Record<string, unknown>);
  return fc.oneof(
    { arbitrary: object, weight: 8 },
    { arbitrary: fc.constantFrom(undefined, 'code', 42, ['x'], true), weight: 1 },
  );
}

/** One HTTP request at the API, the health check or a page. */
export interface HttpCase {
  method: string;
  /** Which route: the fuzzed group, a group to delete, or anything. */
  target: 'groups' | 'group' | 'victim' | 'other';
  /** For `group` and `victim`: the code as typed; for `other`: the path. */
  path: string;
  authorization: 'none' | 'right' | 'wrong' | 'other';
  authorizationText: string;
  contentType: string | null;
  body: string | null;
  headers: [string, string][];
}

const headerToken = fc.stringMatching(/^[A-Za-z][A-Za-z0-9-]{0,20}$/);
const headerValue = fc.stringMatching(/^[\x20-\x7e]{0,60}$/);

export const createBody = fc.record(
  {
    name: fc.oneof(fc.string({ maxLength: 80 }), anyValue),
    plan: fc.oneof(
      fc.record(
        {
          budgets: fc.dictionary(
            fc.oneof(fc.constantFrom(...PHASE_IDS), fc.constantFrom('lobby', 'lunch')),
            fc.oneof(validMs, badMs),
            { maxKeys: 3 },
          ),
          prompts: fc.dictionary(
            fc.constantFrom(...PHASE_IDS),
            fc.record(
              { member: fc.oneof(fc.string({ maxLength: 20 }), anyValue), presenter: anyString },
              { requiredKeys: [] },
            ),
            { maxKeys: 2 },
          ),
          autoAdvance: fc.oneof(fc.boolean(), anyValue),
          colour: anyValue,
        },
        { requiredKeys: [] },
      ),
      anyValue,
    ),
    colour: anyValue,
  },
  { requiredKeys: [] },
);

export const httpCase: fc.Arbitrary<HttpCase> = fc.record({
  method: fc.constantFrom(
    'GET',
    'POST',
    'POST',
    'POST',
    'DELETE',
    'DELETE',
    'PUT',
    'PATCH',
    'OPTIONS',
    'HEAD',
  ),
  target: fc.constantFrom<HttpCase['target']>(
    'groups',
    'groups',
    'group',
    'group',
    'victim',
    'other',
  ),
  path: fc.oneof(
    fc.constantFrom(
      '/healthz',
      '/api',
      '/api/nothing',
      '/api/groups/',
      '/',
      '/m/ABCDEF',
      '/nowhere',
    ),
    fc.constantFrom('%', '%E0%A4%A', '..%2F..%2Fetc', 'ABCDEF/extra', 'zzzzzz', '%00'),
    nastyString.map(safeEncode),
  ),
  authorization: fc.constantFrom<HttpCase['authorization']>('none', 'right', 'wrong', 'other'),
  authorizationText: fc.oneof(
    fc.constantFrom('Bearer', 'Bearer ', 'Basic dXNlcjpwdw==', 'bearer x', 'Bearer a b'),
    headerValue,
  ),
  contentType: fc.constantFrom(
    'application/json',
    'application/json',
    'application/json; charset=utf-8',
    'application/json; charset=utf-16',
    'text/plain',
    'application/x-www-form-urlencoded',
    'application/octet-stream',
    null,
  ),
  body: fc.oneof(
    fc.constant(null),
    createBody.map((body) => JSON.stringify(body)),
    anyValue.map((value) => JSON.stringify(value) ?? 'null'),
    anyString,
    fc.constantFrom('{"name":', '', 'null', '[]', '"x"', '{}', `"${'x'.repeat(20_000)}"`),
  ),
  headers: fc.array(fc.tuple(headerToken, headerValue), { maxLength: 3 }),
});

/** Percent-encodes, replacing lone surrogates (which encodeURIComponent refuses). */
export function safeEncode(text: string): string {
  return encodeURIComponent(text.replace(/[\ud800-\udfff]/g, '\ufffd'));
}
