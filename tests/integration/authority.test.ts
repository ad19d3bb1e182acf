import { afterEach, describe, expect, it } from 'vitest';
import {
  closeAllClients,
  connect,
  createGroup,
  eventually,
  type ManualClock,
  manualClock,
  startServer,
  type TestServer,
  tempDir,
} from './helpers.ts';

const servers: TestServer[] = [];

afterEach(async () => {
  closeAllClients();
  for (const server of servers.splice(0)) await server.stop();
});

async function start(dataDir?: string, clock?: ManualClock): Promise<TestServer> {
  const server = await startServer({ dataDir, clock });
  servers.push(server);
  return server;
}

describe('co-facilitators', () => {
  it('racing next with the same expectedRevision moves the session once', async () => {
    const server = await start();
    const { code, facilitatorKey: key } = await createGroup(server.url);
    const alice = await connect(server.url, { code, role: 'facilitator', key });
    const bob = await connect(server.url, { code, role: 'facilitator', key });
    expect(await alice.command({ type: 'start', expectedRevision: 0 })).toMatchObject({ ok: true });
    for (let round = 1; round <= 3; round += 1) {
      const [a, b] = await Promise.all([
        alice.command({ type: 'next', expectedRevision: round }),
        bob.command({ type: 'next', expectedRevision: round }),
      ]);
      const oks = [a, b].filter((ack) => ack.ok);
      const stale = [a, b].filter((ack) => !ack.ok && ack.error.code === 'stale_revision');
      expect(oks).toHaveLength(1);
      expect(stale).toHaveLength(1);
      expect(stale[0]?.view?.revision).toBe(round + 1);
    }
    const stored = await server.store.get(code);
    expect(stored?.revision).toBe(4);
    expect((await alice.waitFor((view) => view.revision === 4)).phase).toBe('discussion');
  });
});

describe('compare-and-set: the store is the truth, actors are its cache', () => {
  it('two processes on one data dir never fork the revision', async () => {
    const dataDir = tempDir();
    const one = await start(dataDir);
    const two = await start(dataDir);
    const { code, facilitatorKey: key } = await createGroup(one.url);
    const onOne = await connect(one.url, { code, role: 'facilitator', key });
    const onTwo = await connect(two.url, { code, role: 'facilitator', key });

    expect(await onOne.command({ type: 'start' })).toMatchObject({
      ok: true,
      view: { revision: 1 },
    });
    // Two's cached actor (loaded when its facilitator joined) is behind: it must rebuild.
    const next = await onTwo.command({ type: 'next' });
    expect(next).toMatchObject({ ok: true, view: { revision: 2, phase: 'presentation' } });
    const again = await onOne.command({ type: 'next' });
    expect(again).toMatchObject({ ok: true, view: { revision: 3, phase: 'questions' } });
    // A command pinned to what one process last saw is stale once the other moved on.
    const stale = await onTwo.command({ type: 'back', expectedRevision: 2 });
    expect(stale).toMatchObject({
      ok: false,
      error: { code: 'stale_revision' },
      view: { revision: 3 },
    });

    const racing = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        (i % 2 === 0 ? onOne : onTwo).command({ type: 'setPresenter', name: `P${i}` }),
      ),
    );
    const accepted = racing.filter((ack) => ack.ok);
    const revisions = accepted.map((ack) => (ack.ok ? ack.view.revision : 0));
    expect(new Set(revisions).size).toBe(revisions.length);
    const stored = await one.store.get(code);
    expect(stored?.revision).toBe(3 + accepted.length);
    expect(Math.max(...revisions)).toBe(stored?.revision);
    const final = await onTwo.command({ type: 'next' });
    expect(final).toMatchObject({
      ok: true,
      view: { revision: 4 + accepted.length, phase: 'discussion' },
    });
  });

  it('a rebuilt cache still auto-advances, persists and broadcasts', async () => {
    const dataDir = tempDir();
    // One clock for both processes, as on one machine; their timers fire as the test moves it.
    const clock = manualClock();
    const one = await start(dataDir, clock);
    const two = await start(dataDir, clock);
    const plan = { autoAdvance: true, budgets: { presentation: 60_000 } };
    const { code, facilitatorKey: key } = await createGroup(one.url, { plan });
    const onOne = await connect(one.url, { code, role: 'facilitator', key });
    const displayOnTwo = await connect(two.url, { code, role: 'display' });
    const onTwo = await connect(two.url, { code, role: 'facilitator', key });
    expect(await onOne.command({ type: 'start' })).toMatchObject({ ok: true });
    // Two rebuilds its actor from the stored snapshot, then applies next.
    const next = await onTwo.command({ type: 'next' });
    expect(next).toMatchObject({ ok: true, view: { revision: 2, phase: 'presentation' } });
    clock.advance(60_000);
    const advanced = await displayOnTwo.waitFor((view) => view.revision === 3);
    expect(advanced).toMatchObject({ phase: 'questions', phaseElapsedMs: 0 });
    expect((await two.store.get(code))?.revision).toBe(3);
    // One's stale cache catches up on its next command.
    const back = await onOne.command({ type: 'back' });
    expect(back).toMatchObject({ ok: true, view: { revision: 4, phase: 'presentation' } });
  });

  it('a group deleted by another process is let go here too', async () => {
    const dataDir = tempDir();
    const one = await start(dataDir);
    const two = await start(dataDir);
    const { code, facilitatorKey: key } = await createGroup(one.url);
    const onTwo = await connect(two.url, { code, role: 'facilitator', key });
    const memberOnTwo = await connect(two.url, { code, role: 'member' });
    await one.app.groups.remove(code);
    const ack = await onTwo.command({ type: 'start' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'not_found' } });
    await eventually(() => memberOnTwo.expired === 1 && !memberOnTwo.socket.connected);
    expect((await fetch(`${two.url}/api/groups/${code}`)).status).toBe(404);
  });
});
