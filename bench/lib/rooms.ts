import type { Command, CreateGroupResponse } from '@balint/shared';
import type { ScreenSpec } from './loadMessages.ts';

let nextSid = 1;

/** A group under load: its facilitator socket, its screens, and the revision it is at. */
export interface Room {
  code: string;
  facilitatorSid: number;
  screens: ScreenSpec[];
  revision: number;
  /** Index into the command cycle. */
  step: number;
}

/**
 * One group's sockets: a facilitator (not counted) and `screenCount` screens, one display
 * and the rest members with a name and a phone id, as in a meeting room. `urls` spreads the screens over
 * server processes (scale-out); the facilitator uses the first.
 */
export function roomSockets(
  group: CreateGroupResponse,
  screenCount: number,
  urls: readonly string[],
): { room: Room; sockets: ScreenSpec[] } {
  const [firstUrl] = urls;
  if (!firstUrl) throw new Error('no server url');
  const facilitator: ScreenSpec = {
    sid: nextSid++,
    url: firstUrl,
    code: group.code,
    role: 'facilitator',
    key: group.facilitatorKey,
    counted: false,
  };
  const screens = Array.from({ length: screenCount }, (_, index): ScreenSpec => {
    const url = urls[index % urls.length] ?? firstUrl;
    const sid = nextSid++;
    return index === 0
      ? { sid, url, code: group.code, role: 'display', counted: true }
      : {
          sid,
          url,
          code: group.code,
          role: 'member',
          name: `M${index}`,
          device: `bench-phone-${sid}`,
          counted: true,
        };
  });
  return {
    room: { code: group.code, facilitatorSid: facilitator.sid, screens, revision: 0, step: 0 },
    sockets: [facilitator, ...screens],
  };
}

/**
 * What a facilitator does all session long, over and over: pause, extend while paused,
 * resume. Each is accepted in a running or paused phase, so the cycle never gets refused.
 */
const CYCLE: readonly Command[] = [
  { type: 'pause' },
  { type: 'extend', ms: 1_000 },
  { type: 'resume' },
  { type: 'extend', ms: 1_000 },
];

export function nextCommand(room: Room): Command {
  const command = CYCLE[room.step % CYCLE.length] ?? { type: 'extend', ms: 1_000 };
  room.step += 1;
  return command;
}
