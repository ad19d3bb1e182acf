import type { Language } from './languages.ts';
import type { PhaseId, RolePrompts, SessionPhase } from './phases.ts';
import type { PlanInput } from './plan.ts';

/**
 * The wire protocol this code speaks. Clients send it in the handshake (`v`); the server refuses
 * another one, and announces its own in `hello`. Raise it when a change breaks old pages.
 */
export const PROTOCOL_VERSION = 1;

/** The closed list of error codes, in the order of precedence where several apply. */
export const ERROR_CODES = {
  notFound: 'not_found',
  forbidden: 'forbidden',
  invalidRequest: 'invalid_request',
  invalidCommand: 'invalid_command',
  staleRevision: 'stale_revision',
  notAllowedNow: 'not_allowed_now',
  rateLimited: 'rate_limited',
  payloadTooLarge: 'payload_too_large',
  internal: 'internal',
} as const;

export type ErrorCode = (typeof ERROR_CODES)[keyof typeof ERROR_CODES];

export interface ApiError {
  code: ErrorCode;
  message: string;
  /** The offending field, for `invalid_request` and `invalid_command`. */
  field?: string;
}

/** Every error body over HTTP. */
export interface ErrorBody {
  error: ApiError;
}

export const ROLES = ['facilitator', 'display', 'member'] as const;
export type Role = (typeof ROLES)[number];

/** The facilitator's commands, as the machine and the wire know them. */
export type Command =
  | { type: 'start' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'next' }
  | { type: 'back' }
  | { type: 'extend'; ms: number }
  | { type: 'setBudget'; phase: PhaseId; ms: number }
  | { type: 'setPresenter'; name: string; device?: string }
  | { type: 'nextCase' }
  | { type: 'end' }
  | { type: 'reset' }
  | { type: 'undo' }
  /** The sitting's planned end, epoch ms within the next 24 h, or null to clear it. */
  | { type: 'setEndTime'; at: number | null }
  | { type: 'setLanguage'; language: Language };

export type CommandType = Command['type'];

/**
 * The commands as the session machine takes them: `undo` is decided around it (`decide()`),
 * and `setEndTime`'s `at` is named `endsAt`, since every machine event's `at` is its stamp.
 */
export type MachineCommand =
  | Exclude<Command, { type: 'undo' } | { type: 'setEndTime' }>
  | { type: 'setEndTime'; endsAt: number | null };

/** How long after a command `undo` can still take it back. */
export const UNDO_WINDOW_MS = 60_000;

export const COMMAND_TYPES = [
  'start',
  'pause',
  'resume',
  'next',
  'back',
  'extend',
  'setBudget',
  'setPresenter',
  'nextCase',
  'end',
  'reset',
  'undo',
  'setEndTime',
  'setLanguage',
] as const satisfies readonly CommandType[];

/** A command as a client sends it: optionally pinned to the revision it was decided on. */
export type WireCommand = Command & { expectedRevision?: number };

/** Handshake `auth` of every socket. */
export interface HandshakeAuth {
  code: string;
  role: Role;
  key?: string;
  name?: string;
  /** A phone's own random id (8–64 url-safe characters), the same across reconnects. */
  device?: string;
  /** This member offers to present; facilitators see it. */
  offer?: boolean;
  /** The protocol version the page speaks (`PROTOCOL_VERSION`); missing is taken as current. */
  v?: number;
}

/** What the server says first on every connection: what it speaks and which client it serves. */
export interface ServerHello {
  /** The server's `PROTOCOL_VERSION`. */
  protocol: number;
  /**
   * The id of the client build the server serves now (a hash of its inputs); absent when it
   * serves none. A page of another build reloads itself.
   */
  build?: string;
}

export interface PresenceCounts {
  facilitators: number;
  displays: number;
  members: number;
}

export interface MemberInfo {
  name: string;
  /** The phone's id, '' if it sent none; the facilitator picks the presenter by it. */
  device: string;
  offer: boolean;
}

/** The last accepted command, while `undo` can still take it back. */
export interface UndoableCommand {
  command: CommandType;
  /** Server epoch ms until which `undo` is accepted. */
  until: number;
}

export interface PlanEntry {
  phase: PhaseId;
  title: string;
  budgetMs: number;
}

/** What every screen renders: the session at `serverTime`, from which it counts locally. */
export interface SessionView {
  code: string;
  name: string;
  revision: number;
  phase: SessionPhase;
  running: boolean;
  /** The planned budget plus this phase's extensions. */
  phaseBudgetMs: number;
  /** Elapsed phase time at `serverTime`. */
  phaseElapsedMs: number;
  serverTime: number;
  plan: PlanEntry[];
  caseNumber: number;
  presenter?: string;
  /** The presenter's phone: that phone, and no other, shows the presenter's prompts. */
  presenterDevice?: string;
  counts: PresenceCounts;
  autoAdvance: boolean;
  prompts: Record<PhaseId, RolePrompts>;
  /** Facilitators only: who is here. */
  members?: MemberInfo[];
  /** The command `undo` would take back now, if any (not itself an `undo`). */
  undoable?: UndoableCommand;
  /** Cases planned for the sitting. */
  casesPlanned: number;
  /** The sitting's planned end (epoch ms), or null. */
  endsAt: number | null;
  /** When the sitting ends at the current pace, true at `serverTime`; null when ended. */
  projectedEndAt: number | null;
  /** The group's language: every screen's interface speaks it. */
  language: Language;
  /** A standing group: same code, key and links every week, and a register of its sittings. */
  standing: boolean;
}

export type CommandAck =
  | { ok: true; view: SessionView }
  | { ok: false; error: ApiError; view?: SessionView };

export interface ServerToClientEvents {
  hello: (hello: ServerHello) => void;
  session: (view: SessionView) => void;
  expired: () => void;
}

export interface ClientToServerEvents {
  command: (command: WireCommand, ack: (result: CommandAck) => void) => void;
  clock: (clientTime: number, ack: (serverTime: number) => void) => void;
}

// Socket.IO's typing wants an interface here; no inter-server events yet.
export type InterServerEvents = Record<string, never>;

export interface SocketData {
  code: string;
  role: Role;
  name?: string;
  device?: string;
  offer: boolean;
}

export interface CreateGroupRequest {
  name?: string;
  plan?: PlanInput;
  language?: Language;
  /** Keep the group week after week, with a register (see `PUT /api/groups/:code/standing`). */
  standing?: boolean;
}

export interface GroupLinks {
  facilitator: string;
  display: string;
  member: string;
}

export interface CreateGroupResponse {
  code: string;
  facilitatorKey: string;
  links: GroupLinks;
}

/** The links anyone with the code may see (no key), built from the server's PUBLIC_URL. */
export type PublicLinks = Omit<GroupLinks, 'facilitator'>;

export interface GroupInfoResponse {
  code: string;
  name: string;
  view: SessionView;
  links: PublicLinks;
}

/** Payloads larger than this (bytes) may be answered with `payload_too_large` and closed. */
export const MAX_PAYLOAD_BYTES = 16 * 1024;
