import {
  type ApiError,
  type CommandAck,
  decide,
  type Session,
  sittingClosedBy,
} from '@balint/shared';
import type { ParsedCommand } from '@balint/shared/schemas';
import type { Clock } from '../clock.ts';
import { GROUP_NOT_FOUND } from './errors.ts';
import type { GroupViews } from './group.views.ts';
import { sessionAt, viewsOf } from './group.views.ts';
import type { GroupStore, PresenceEntry, StoredGroup } from './store.ts';

export interface CommandDeps {
  store: GroupStore;
  clock: Clock;
  /** Sends the views of a session just stored to every screen of the group. */
  publish(code: string, views: GroupViews, session: Session): void;
  /** The store no longer has the group (another process deleted it): let its screens go. */
  gone(code: string): void;
  /** A command was stored: a standing group's register notes who is here (before the ack). */
  noteAttendance(
    group: StoredGroup,
    before: Session,
    after: Session,
    entries: readonly PresenceEntry[],
  ): Promise<void>;
}

/** Attempts at a compare-and-set before giving up: another writer won every time. */
const CAS_ATTEMPTS = 3;

const STALE: ApiError = {
  code: 'stale_revision',
  message: 'The session changed while this command was on its way. Look again and retry.',
};

/**
 * The command path; the store is the truth. The command is decided against the latest stored
 * session (caught up to now) and written with compare-and-set on the stored revision; only
 * once written is it acked and broadcast, so no screen ever sees a state the store has not got.
 */
export async function applyCommand(
  deps: CommandDeps,
  code: string,
  wire: ParsedCommand,
): Promise<CommandAck> {
  const { expectedRevision, ...command } = wire;
  for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt += 1) {
    const group = await deps.store.get(code);
    if (!group) {
      deps.gone(code);
      return { ok: false, error: GROUP_NOT_FOUND };
    }
    const at = deps.clock.now();
    const entries = await deps.store.presence.list(code, at);
    const current = sessionAt(group, at);
    // An auto-advance due before `at` happened before this command: store it first, so the
    // screens hear of it whatever becomes of the command.
    const stored = await storeCatchUp(deps, group, current, entries, at);
    if (stored === null) continue;
    const refuse = (error: ApiError): CommandAck => ({
      ok: false,
      error,
      view: viewsOf(group, current, entries, at).facilitator,
    });
    if (expectedRevision !== undefined && expectedRevision !== current.context.revision) {
      return refuse(STALE);
    }
    const decision = decide(current, command, at);
    if (!decision.ok) return refuse(decision.error);
    const { session } = decision;
    // A sitting this command closes is saved in the same write: the register never misses one.
    const closedSitting = sittingClosedBy(current.context.sitting, session.context.sitting);
    const written = await deps.store.compareAndSet(code, stored, {
      revision: session.context.revision,
      session: JSON.stringify(session),
      lastActivityAt: at,
      ...(closedSitting ? { closedSitting } : {}),
    });
    if (written) {
      await deps.noteAttendance(group, current, session, entries);
      const views = viewsOf(group, session, entries, at);
      deps.publish(code, views, session);
      return { ok: true, view: views.facilitator };
    }
    // Another writer stored first: decide again against what it stored.
  }
  const group = await deps.store.get(code);
  if (!group) return { ok: false, error: GROUP_NOT_FOUND };
  const at = deps.clock.now();
  const entries = await deps.store.presence.list(code, at);
  const view = viewsOf(group, sessionAt(group, at), entries, at).facilitator;
  return { ok: false, error: STALE, view };
}

/**
 * Stores `current` (the stored session caught up to `at`) if time moved it on, and publishes
 * it. The revision now stored, or null if another writer stored something else first.
 */
export async function storeCatchUp(
  deps: CommandDeps,
  group: StoredGroup,
  current: Session,
  entries: readonly PresenceEntry[],
  at: number,
): Promise<number | null> {
  const revision = current.context.revision;
  if (revision === group.revision) return revision;
  const written = await deps.store.compareAndSet(group.code, group.revision, {
    revision,
    session: JSON.stringify(current),
  });
  if (!written) return null;
  deps.publish(group.code, viewsOf(group, current, entries, at), current);
  return revision;
}
