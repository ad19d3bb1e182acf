import { type SessionMachine, type SessionView, sessionMachine, toView } from '@balint/shared';
import { type Actor, createActor, type SnapshotFrom } from 'xstate';
import type { Clock } from '../clock.ts';
import { type Coalescer, createPresence, type Presence } from './presence.ts';

export type SessionActor = Actor<SessionMachine>;
export type SessionSnapshot = SnapshotFrom<SessionMachine>;

/** Who sees which view: facilitators see members' names, everyone else does not. */
export type Audience = 'facilitator' | 'public';

/** One group held by this process: its actor (a cache of the store) and its screens. */
export interface LiveGroup {
  readonly code: string;
  readonly name: string;
  readonly keyHash: string;
  actor: SessionActor;
  /** The revision this process knows to be stored; -1 forces a reload from the store. */
  storedRevision: number;
  /** True while the host itself sends an event, so the subscription ignores it. */
  applying: boolean;
  /** Tail of the group's serial task queue. */
  queue: Promise<unknown>;
  readonly presence: Presence;
  presenceBroadcast: Coalescer | null;
  /** No longer held by this process (expired, or the server is closing). */
  released: boolean;
  /** Called when the actor changes the revision by itself (an auto-advance). */
  onOwnRevision: () => void;
  /** Called if the actor fails; it is then dead and must be rebuilt from the store. */
  onActorError: (error: unknown) => void;
}

export interface LiveGroupInit {
  code: string;
  name: string;
  keyHash: string;
  revision: number;
}

export function createLiveGroup(init: LiveGroupInit, actor: SessionActor): LiveGroup {
  return {
    ...init,
    actor,
    storedRevision: init.revision,
    applying: false,
    queue: Promise.resolve(),
    presence: createPresence(),
    presenceBroadcast: null,
    released: false,
    onOwnRevision: () => undefined,
    onActorError: () => undefined,
  };
}

/**
 * Makes `actor` the group's cache: stops the previous one, watches the new one for
 * revisions the host did not send (auto-advances) and for failures, and starts it.
 */
export function installActor(group: LiveGroup, actor: SessionActor): void {
  if (group.actor !== actor) group.actor.stop();
  group.actor = actor;
  actor.subscribe({
    next: (snapshot) => {
      if (group.applying || group.released || group.actor !== actor) return;
      if (snapshot.context.revision !== group.storedRevision) group.onOwnRevision();
    },
    error: (error) => {
      group.storedRevision = -1;
      group.onActorError(error);
    },
  });
  actor.start();
}

/** An actor restored from a persisted snapshot; started, but its delays are not re-armed. */
export function restoreActor(snapshotJson: string, clock: Clock): SessionActor {
  // A persisted snapshot is JSON we wrote ourselves; XState validates its shape on restore.
  const snapshot = JSON.parse(snapshotJson) as SessionSnapshot;
  // XState's types ask for input even when restoring; a restored actor ignores it.
  const input = { plan: snapshot.context.plan, at: snapshot.context.clockAt };
  return createActor(sessionMachine, { snapshot, input, clock });
}

/** Runs `task` after every task queued before it on this group; one at a time. */
export function serialize<T>(group: LiveGroup, task: () => Promise<T>): Promise<T> {
  const result = group.queue.then(task, task);
  group.queue = result.catch(() => undefined);
  return result;
}

/** Sends an event the subscription must not treat as an auto-advance. */
export function sendQuietly(group: LiveGroup, event: Parameters<SessionActor['send']>[0]): void {
  group.applying = true;
  try {
    group.actor.send(event);
  } finally {
    group.applying = false;
  }
}

export function persistedJson(group: LiveGroup): string {
  return JSON.stringify(group.actor.getPersistedSnapshot());
}

export function revisionOf(group: LiveGroup): number {
  return group.actor.getSnapshot().context.revision;
}

/** The view an audience sees at `now`. */
export function viewOf(group: LiveGroup, audience: Audience, now: number): SessionView {
  const counts = group.presence.counts();
  const base = { code: group.code, name: group.name, counts };
  const meta = audience === 'facilitator' ? { ...base, members: group.presence.members() } : base;
  return toView(group.actor.getSnapshot(), now, meta);
}
