import {
  type AttendanceEntry,
  rosterOf,
  SITTING_ID_PATTERN,
  type SittingSummary,
  type SittingsResponse,
} from '@balint/shared';
import type { Logger } from '../logger.ts';
import { registerCsv } from './register.csv.ts';
import type { GroupStore, StoredGroup, StoredSitting } from './store.ts';

/** What confirming a sitting's attendance came to. */
export type ConfirmResult =
  | { ok: true; sitting: SittingSummary }
  | { ok: false; reason: 'not_standing' | 'no_such_sitting' };

/**
 * The register of a group's sittings, as its facilitator reads and keeps it. Every call is for
 * a group whose key the caller holds (the routes check it). An ordinary group has its
 * sittings' timings only: no names, ever.
 */
export interface Register {
  sittings(group: StoredGroup): Promise<SittingsResponse>;
  confirm(
    group: StoredGroup,
    sittingId: string,
    attendance: readonly AttendanceEntry[],
  ): Promise<ConfirmResult>;
  /** That person leaves every sitting (a member's request to be forgotten). */
  forget(group: StoredGroup, name: string): Promise<void>;
  /** `register.csv`, times in `timeZone`. */
  csv(group: StoredGroup, timeZone: string): Promise<string>;
}

function summaryOf(sitting: StoredSitting, standing: boolean): SittingSummary {
  const { record } = sitting;
  return {
    id: sitting.id,
    startedAt: record.startedAt,
    endedAt: record.endedAt,
    cases: record.cases,
    phases: record.phases,
    attendance: standing ? sitting.attendance : [],
    confirmed: standing && sitting.confirmed,
    proposed: standing && !sitting.confirmed ? sitting.proposed : [],
  };
}

export function createRegister(deps: { store: GroupStore; logger: Logger }): Register {
  const { store, logger } = deps;

  const summaries = async (group: StoredGroup): Promise<SittingSummary[]> => {
    const standing = group.standingSince !== null;
    return (await store.register.list(group.code)).map((sitting) => summaryOf(sitting, standing));
  };

  return {
    sittings: async (group) => {
      const sittings = await summaries(group);
      return { standing: group.standingSince !== null, sittings, roster: rosterOf(sittings) };
    },

    confirm: async (group, sittingId, attendance) => {
      if (group.standingSince === null) return { ok: false, reason: 'not_standing' };
      if (!SITTING_ID_PATTERN.test(sittingId)) return { ok: false, reason: 'no_such_sitting' };
      if (!(await store.register.confirm(group.code, sittingId, attendance))) {
        return { ok: false, reason: 'no_such_sitting' };
      }
      const sitting = (await summaries(group)).find((found) => found.id === sittingId);
      if (!sitting) return { ok: false, reason: 'no_such_sitting' };
      // Never the names: logs hold codes and counts only.
      logger.info({ code: group.code, people: attendance.length }, 'attendance confirmed');
      return { ok: true, sitting };
    },

    forget: async (group, name) => {
      await store.register.forget(group.code, name);
      logger.info({ code: group.code }, 'a person was forgotten');
    },

    csv: async (group, timeZone) => registerCsv(await summaries(group), timeZone),
  };
}
