import { type AttendanceEntry, nameKey, type SittingRecord } from '@balint/shared';
import type { RedisClient } from '../redis.ts';
import type { Timed } from './store.redis.presence.ts';
import { CONFIRM, FORGET, keys, NOTE, runScript } from './store.redis.scripts.ts';
import type { RegisterStore, StoredSitting } from './store.ts';

/** A name's field and value in `a:{code}` and `n:{code}` (see `keys`). */
function entryFields(sittingId: string, entries: readonly AttendanceEntry[]): string[] {
  return entries.flatMap((entry) => [
    `${sittingId}:${nameKey(entry.name)}`,
    `${entry.presented ? 1 : 0}${entry.name}`,
  ]);
}

/** The sitting id and the entry a field and value stand for. */
function entryOf(field: string, value: string): [string, AttendanceEntry] {
  const sittingId = field.slice(0, field.indexOf(':'));
  return [sittingId, { name: value.slice(1), presented: value.startsWith('1') }];
}

const byName = (a: AttendanceEntry, b: AttendanceEntry) => a.name.localeCompare(b.name);

/** The register on Redis: three hashes per group, deleted with it (see `keys`). */
export function redisRegister(client: RedisClient, prefix: string, timed: Timed): RegisterStore {
  const key = keys(prefix);
  return {
    note: (code, sittingId, entries) =>
      timed(async () => {
        if (entries.length === 0) return;
        await runScript(
          client,
          NOTE,
          [key.group(code), key.noted(code)],
          entryFields(sittingId, entries),
        );
      }),
    list: (code) =>
      timed(async () => {
        // One transaction: the three hashes as they were at one moment.
        const [sittings, attendance, noted] = (await client
          .multi()
          .hGetAll(key.sittings(code))
          .hGetAll(key.attendance(code))
          .hGetAll(key.noted(code))
          .exec()) as unknown as Array<Record<string, string>>;
        const found = new Map<string, StoredSitting>();
        for (const [field, value] of Object.entries(sittings ?? {})) {
          if (field.startsWith('c:')) continue;
          found.set(field, {
            id: field,
            record: JSON.parse(value) as SittingRecord,
            confirmed: sittings?.[`c:${field}`] === '1',
            attendance: [],
            proposed: [],
          });
        }
        for (const [hash, list] of [
          [attendance, 'attendance'],
          [noted, 'proposed'],
        ] as const) {
          for (const [field, value] of Object.entries(hash ?? {})) {
            const [sittingId, entry] = entryOf(field, value);
            found.get(sittingId)?.[list].push(entry);
          }
        }
        const ordered = [...found.values()].sort((a, b) => a.record.startedAt - b.record.startedAt);
        for (const sitting of ordered) {
          sitting.attendance.sort(byName);
          sitting.proposed.sort(byName);
        }
        return ordered;
      }),
    confirm: (code, sittingId, attendance) =>
      timed(
        async () =>
          (await runScript(
            client,
            CONFIRM,
            [key.sittings(code), key.attendance(code), key.noted(code)],
            [sittingId, ...entryFields(sittingId, attendance)],
          )) === 1,
      ),
    forget: (code, name) =>
      timed(async () => {
        await runScript(client, FORGET, [key.attendance(code), key.noted(code)], [nameKey(name)]);
      }),
  };
}
