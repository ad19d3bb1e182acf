import { setImmediate as nextTurn } from 'node:timers/promises';
import type { LocalGroups } from './group.local.ts';
import type { GroupStore } from './store.ts';

/**
 * Held groups looked at in one turn of the event loop: one read of their revisions and at most
 * this many catch-ups (each 0.2–0.4 ms of CPU with a dozen screens, on SQLite, which never yields
 * by itself), so that following the store holds up commands for a few ms at most, however many
 * groups changed.
 */
export const FOLLOW_BATCH = 10;

export interface FollowDeps {
  store: Pick<GroupStore, 'revisions'>;
  local: Pick<LocalGroups, 'codes' | 'outOfStep'>;
  /** Reads the group from the store, stores an auto-advance that is due, re-arms the wake-up. */
  catchUp(code: string): Promise<void>;
}

/**
 * Commands taken by other processes may have moved a held group's deadline, or deleted it: this
 * catches up the held groups whose stored revision is not the one their wake-up follows, and
 * only those, a batch at a time with a turn of the event loop between batches.
 */
export async function followStore({ store, local, catchUp }: FollowDeps): Promise<void> {
  await inTurns(local.codes(), async (batch) => {
    const revisions = await store.revisions(batch);
    const behind = batch.filter((code) => local.outOfStep(code, revisions.get(code)));
    await Promise.all(behind.map(catchUp));
  });
}

/**
 * Works through many groups FOLLOW_BATCH at a time, with a turn of the event loop between
 * batches: commands that arrive meanwhile wait a few ms at most, never for the whole list.
 */
export async function inTurns(
  codes: readonly string[],
  work: (batch: string[]) => Promise<unknown>,
): Promise<void> {
  for (let start = 0; start < codes.length; start += FOLLOW_BATCH) {
    if (start > 0) await nextTurn();
    await work(codes.slice(start, start + FOLLOW_BATCH));
  }
}
