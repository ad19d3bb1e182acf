import type { ApiError, Command, CommandAck } from '@balint/shared';
import { refusalOf } from '@balint/shared';
import type { ParsedCommand } from '@balint/shared/schemas';
import type { Clock } from '../clock.ts';
import {
  installActor,
  type LiveGroup,
  persistedJson,
  restoreActor,
  revisionOf,
  sendQuietly,
  viewOf,
} from './group.live.ts';
import type { GroupStore, StoredGroup } from './group.store.ts';

export type WireCommandInput = ParsedCommand;

export interface ApplyDeps {
  store: GroupStore;
  clock: Clock;
  broadcast(group: LiveGroup): void;
  /** The store no longer has the group (another process expired it): let it go here too. */
  gone(group: LiveGroup): void;
}

/** Attempts at a compare-and-set before giving up: another writer won every time. */
const CAS_ATTEMPTS = 3;

const NOT_FOUND: ApiError = { code: 'not_found', message: 'This group no longer exists.' };
const STALE: ApiError = {
  code: 'stale_revision',
  message: 'The session changed while this command was on its way. Look again and retry.',
};

/** Replaces the cached actor with one restored from the stored snapshot, re-armed at now. */
export function rebuild(group: LiveGroup, row: StoredGroup, clock: Clock): void {
  group.storedRevision = row.revision;
  installActor(group, restoreActor(row.snapshot, clock));
  sendQuietly(group, { type: 'resync', at: clock.now() });
  // Auto-advances replayed by the resync are persisted by a task queued behind this one.
  if (revisionOf(group) !== group.storedRevision) group.onOwnRevision();
}

/**
 * Persists auto-advances the actor made by itself (compare-and-set against the revision known
 * to be stored) and broadcasts them. On a miss another writer moved first: reload and show
 * what is stored. False when the store moved under us. Call inside the group's queue.
 */
export async function persistIfAdvanced(group: LiveGroup, deps: ApplyDeps): Promise<boolean> {
  if (group.released) return true;
  // A timer can fire late (a sleeping laptop, a stalled event loop): the machine only knows
  // the deadline it reached, so catch it up to the wall clock before storing what it did.
  sendQuietly(group, { type: 'resync', at: deps.clock.now() });
  const revision = revisionOf(group);
  if (revision === group.storedRevision) return true;
  const written = await deps.store.compareAndSet(group.code, group.storedRevision, {
    revision,
    snapshot: persistedJson(group),
  });
  if (written) {
    group.storedRevision = revision;
    deps.broadcast(group);
    return true;
  }
  const row = await deps.store.get(group.code);
  if (row) {
    rebuild(group, row, deps.clock);
    deps.broadcast(group);
  } else {
    deps.gone(group);
  }
  return false;
}

/**
 * The command path: the store is the truth, the actor its cache. The command is checked and
 * applied to the latest stored snapshot and written only if the stored revision is still
 * the one it started from; then acked and broadcast. Call inside the group's queue.
 */
export async function applyCommand(
  group: LiveGroup,
  wire: WireCommandInput,
  deps: ApplyDeps,
): Promise<CommandAck> {
  const { expectedRevision, ...fields } = wire;
  // The schema's output is exactly one of the protocol's commands once the pin is removed.
  const command = fields as Command;
  for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt += 1) {
    const row = await deps.store.get(group.code);
    if (!row || group.released) {
      if (!group.released) deps.gone(group);
      return { ok: false, error: NOT_FOUND };
    }
    if (row.revision !== group.storedRevision) rebuild(group, row, deps.clock);
    const at = deps.clock.now();
    // Catch up with time first: an auto-advance due before `at` happened before this command,
    // whether or not this process's timer has fired yet.
    sendQuietly(group, { type: 'resync', at });
    if (!(await persistIfAdvanced(group, deps))) continue;
    const before = group.actor.getSnapshot();
    const revision = before.context.revision;
    if (expectedRevision !== undefined && expectedRevision !== revision) {
      return { ok: false, error: STALE, view: viewOf(group, 'facilitator', at) };
    }
    const event = { ...command, at };
    const refusal = refusalOf(before, event);
    if (refusal) return { ok: false, error: refusal, view: viewOf(group, 'facilitator', at) };
    sendQuietly(group, event);
    const nextRevision = revisionOf(group);
    let written: boolean;
    try {
      written = await deps.store.compareAndSet(group.code, group.storedRevision, {
        revision: nextRevision,
        snapshot: persistedJson(group),
        lastActivityAt: at,
      });
    } catch (error) {
      // Not stored, so not applied: the cache goes back to what the store holds.
      rebuild(group, row, deps.clock);
      throw error;
    }
    if (written) {
      group.storedRevision = nextRevision;
      deps.broadcast(group);
      return { ok: true, view: viewOf(group, 'facilitator', deps.clock.now()) };
    }
    // Another writer moved first: drop what we applied, so no view shows an unstored state.
    const latest = await deps.store.get(group.code);
    if (latest) rebuild(group, latest, deps.clock);
    else group.storedRevision = -1;
  }
  return { ok: false, error: STALE, view: viewOf(group, 'facilitator', deps.clock.now()) };
}
