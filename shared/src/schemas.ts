/**
 * Runtime schemas for everything that crosses the wire into the server. The server imports
 * this module (via `@balint/shared/schemas`); clients never do, so zod stays out of the phone.
 */
import { z } from 'zod';
import { DEVICE_ID_PATTERN } from './device.ts';
import { isJoinCode, normalizeJoinCode } from './joinCode.ts';
import { LANGUAGES } from './languages.ts';
import {
  GROUP_NAME_MAX,
  MAX_DURATION_MS,
  MEMBER_NAME_MAX,
  MIN_DURATION_MS,
  PHASE_IDS,
  type PhaseId,
  PRESENTER_NAME_MAX,
  PROMPT_MAX,
} from './phases.ts';
import { MAX_CASES, MIN_CASES } from './plan.ts';
import { type ApiError, type ErrorCode, PROTOCOL_VERSION } from './protocol.ts';
import { ATTENDANCE_MAX, ATTENDEE_NAME_MAX, attendeeName, nameKey } from './register.ts';

export const durationMsSchema = z
  .number()
  .int('must be a whole number of milliseconds')
  .min(MIN_DURATION_MS, `must be at least ${MIN_DURATION_MS} ms`)
  .max(MAX_DURATION_MS, `must be at most ${MAX_DURATION_MS} ms (3 h)`);

export const phaseIdSchema = z.enum(PHASE_IDS);

function perPhase<T extends z.ZodType>(schema: T) {
  const shape = {} as Record<PhaseId, z.ZodOptional<T>>;
  for (const phase of PHASE_IDS) shape[phase] = schema.optional();
  return z.strictObject(shape);
}

const promptTextSchema = z.string().trim().min(1).max(PROMPT_MAX);

export const planInputSchema = z.strictObject({
  budgets: perPhase(durationMsSchema).optional(),
  prompts: perPhase(
    z.strictObject({ member: promptTextSchema.optional(), presenter: promptTextSchema.optional() }),
  ).optional(),
  autoAdvance: z.boolean().optional(),
  cases: z.number().int().min(MIN_CASES).max(MAX_CASES).optional(),
});

export const createGroupBodySchema = z.strictObject({
  name: z.string().trim().max(GROUP_NAME_MAX).optional(),
  plan: planInputSchema.optional(),
  language: z.enum(LANGUAGES).optional(),
  standing: z.boolean().optional(),
});

/** `PUT /api/groups/:code/standing`: a group can be made standing; to end it, delete it. */
export const standingBodySchema = z.strictObject({
  standing: z.literal(true, 'must be true (to end a standing group, delete it)'),
});

/** A name in the register: trimmed, 1–40 characters, one line; kept in NFC. */
export const attendeeNameSchema = z.string().transform((raw, context) => {
  const name = attendeeName(raw);
  if (name !== null) return name;
  context.addIssue({
    code: 'custom',
    message: `must be 1–${ATTENDEE_NAME_MAX} characters on one line`,
  });
  return z.NEVER;
});

/** `PUT /api/groups/:code/sittings/:id/attendance`: who attended, each person once. */
export const attendanceBodySchema = z.strictObject({
  attendance: z
    .array(z.strictObject({ name: attendeeNameSchema, presented: z.boolean() }))
    .max(ATTENDANCE_MAX, `must list at most ${ATTENDANCE_MAX} people`)
    .superRefine((entries, context) => {
      const seen = new Set<string>();
      entries.forEach((entry, index) => {
        const key = nameKey(entry.name);
        if (seen.has(key)) {
          context.addIssue({ code: 'custom', message: 'is listed twice', path: [index, 'name'] });
        }
        seen.add(key);
      });
    }),
});

/** An IANA time zone this server knows, e.g. `Europe/Berlin`. */
export const timeZoneSchema = z
  .string()
  .max(64)
  .refine(isTimeZone, 'is not a time zone (an IANA name such as Europe/Berlin)');

function isTimeZone(zone: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(zone)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const joinCodeSchema = z
  .string()
  .max(32)
  .transform(normalizeJoinCode)
  .refine(isJoinCode, 'is not a join code');

/** The handshake's `v`: only this server's protocol; a page without `v` is taken as current. */
export const protocolVersionSchema = z.literal(PROTOCOL_VERSION, {
  error: `this server speaks protocol version ${PROTOCOL_VERSION}: reload the page`,
});

/**
 * `v` alone, checked before anything else in the handshake: a page of another protocol may
 * send other fields too, and must hear that its version is the problem.
 */
export const handshakeVersionSchema = z.looseObject({ v: protocolVersionSchema.optional() });

export const handshakeAuthSchema = z.strictObject({
  code: joinCodeSchema,
  role: z.enum(['facilitator', 'display', 'member']),
  key: z.string().max(200).optional(),
  name: z.string().trim().max(MEMBER_NAME_MAX).optional(),
  device: z
    .string()
    .regex(DEVICE_ID_PATTERN, 'must be 8–64 letters, digits, “-” or “_”')
    .optional(),
  offer: z.boolean().optional(),
  v: protocolVersionSchema.optional(),
});

/**
 * The handshake as the server reads it: any short string is a code to look up, so a code no
 * group has is `not_found` whatever its shape (as for GET /api/groups/:code); a code that is
 * not a string at all is `invalid_request`.
 */
export const handshakeLookupSchema = handshakeAuthSchema.extend({
  code: z.string().max(32).transform(normalizeJoinCode),
});

const expectedRevision = z.number().int().min(0).optional();
const bare = <T extends string>(type: T) =>
  z.strictObject({ type: z.literal(type), expectedRevision });

export const commandSchema = z.discriminatedUnion('type', [
  bare('start'),
  bare('pause'),
  bare('resume'),
  bare('next'),
  bare('back'),
  z.strictObject({ type: z.literal('extend'), ms: durationMsSchema, expectedRevision }),
  z.strictObject({
    type: z.literal('setBudget'),
    phase: phaseIdSchema,
    ms: durationMsSchema,
    expectedRevision,
  }),
  z.strictObject({
    type: z.literal('setPresenter'),
    name: z
      .string()
      .max(200)
      .refine((name) => name.trim().length <= PRESENTER_NAME_MAX, {
        message: `must be at most ${PRESENTER_NAME_MAX} characters`,
      }),
    device: z
      .string()
      .regex(DEVICE_ID_PATTERN, 'must be 8–64 letters, digits, “-” or “_”')
      .optional(),
    expectedRevision,
  }),
  bare('nextCase'),
  bare('end'),
  bare('reset'),
  bare('undo'),
  z.strictObject({
    type: z.literal('setEndTime'),
    at: z.number().int('must be whole epoch milliseconds').min(0).nullable(),
    expectedRevision,
  }),
  z.strictObject({ type: z.literal('setLanguage'), language: z.enum(LANGUAGES), expectedRevision }),
]);

export type ParsedCommand = z.infer<typeof commandSchema>;
export type ParsedHandshake = z.infer<typeof handshakeAuthSchema>;
export type ParsedCreateGroup = z.infer<typeof createGroupBodySchema>;
export type ParsedAttendance = z.infer<typeof attendanceBodySchema>;

/** A zod failure as the protocol's error value, naming the first offending field. */
export function toApiError(error: z.ZodError, code: ErrorCode, what: string): ApiError {
  const issue = error.issues[0];
  // An unknown key is named by the key itself, under the object that holds it.
  const path =
    issue?.code === 'unrecognized_keys' ? [...issue.path, ...issue.keys.slice(0, 1)] : issue?.path;
  const field = path && path.length > 0 ? path.join('.') : undefined;
  const message = issue
    ? `Invalid ${what}${field ? ` field “${field}”` : ''}: ${issue.message}.`
    : `Invalid ${what}.`;
  return field ? { code, message, field } : { code, message };
}
