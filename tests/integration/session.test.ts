import type { SessionPhase, SessionView } from '@balint/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Client,
  closeAllClients,
  connect,
  createGroup,
  startServer,
  type TestServer,
} from './helpers.ts';

let server: TestServer;

beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  closeAllClients();
  await server.stop();
});

describe('a whole session, two cases (F1–F7)', () => {
  it('drives every screen from the facilitator, names to the facilitator only', async () => {
    const created = await createGroup(server.url, { name: 'Tuesday group' });
    expect(created.code).toMatch(/^[A-HJKMNP-Z2-9]{6}$/);
    const { code, facilitatorKey: key } = created;

    const facilitator = await connect(server.url, { code, role: 'facilitator', key });
    const display = await connect(server.url, { code, role: 'display' });
    const ana = await connect(server.url, {
      code,
      role: 'member',
      name: 'Ana',
      device: 'phone-ana-1',
      offer: true,
    });
    const ben = await connect(server.url, {
      code,
      role: 'member',
      name: 'Ben',
      device: 'phone-ben-1',
    });
    const anon = await connect(server.url, { code: code.toLowerCase(), role: 'member' });
    const others: Client[] = [display, ana, ben, anon];
    const everyone = [facilitator, ...others];

    const full = (view: SessionView) =>
      view.counts.facilitators === 1 && view.counts.displays === 1 && view.counts.members === 3;
    for (const client of everyone) await client.waitFor(full);
    const roster = await facilitator.waitFor((view) => full(view) && view.members?.length === 3);
    expect(roster.members).toEqual([
      { name: '', device: '', offer: false },
      { name: 'Ana', device: 'phone-ana-1', offer: true },
      { name: 'Ben', device: 'phone-ben-1', offer: false },
    ]);
    expect(facilitator.last()).toMatchObject({ code, name: 'Tuesday group', phase: 'lobby' });

    let revision = 0;
    const step = async (payload: object, phase: SessionPhase, extra: Partial<SessionView> = {}) => {
      const ack = await facilitator.command({ ...payload, expectedRevision: revision });
      revision += 1;
      expect(ack).toMatchObject({ ok: true, view: { revision, phase, ...extra } });
      for (const client of others) {
        const seen = await client.waitFor((view) => view.revision === revision);
        expect(seen).toMatchObject({ phase, ...extra });
      }
      await facilitator.waitFor((view) => view.revision === revision);
    };

    await step({ type: 'setPresenter', name: ' Ana ', device: 'phone-ana-1' }, 'lobby', {
      presenter: 'Ana',
      presenterDevice: 'phone-ana-1',
    });
    await step({ type: 'start' }, 'opening', { running: true, caseNumber: 1 });
    await step({ type: 'pause' }, 'opening', { running: false });
    await step({ type: 'resume' }, 'opening', { running: true });
    await step({ type: 'next' }, 'presentation');
    await step({ type: 'extend', ms: 60_000 }, 'presentation', { phaseBudgetMs: 660_000 });
    await step({ type: 'next' }, 'questions');
    await step({ type: 'setBudget', phase: 'discussion', ms: 1_200_000 }, 'questions');
    await step({ type: 'next' }, 'discussion', { phaseBudgetMs: 1_200_000 });
    await step({ type: 'back' }, 'questions');
    await step({ type: 'next' }, 'discussion');
    await step({ type: 'next' }, 'reflection', { presenter: 'Ana' });
    await step({ type: 'undo' }, 'discussion');
    expect(facilitator.last()).not.toHaveProperty('undoable');
    await step({ type: 'next' }, 'reflection', { presenterDevice: 'phone-ana-1' });

    const refused = await facilitator.command({ type: 'next' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'not_allowed_now' } });
    expect(refused.view?.revision).toBe(revision);

    await step({ type: 'nextCase' }, 'presentation', { caseNumber: 2, running: true });
    expect(facilitator.last().presenter).toBeUndefined();
    expect(facilitator.last().presenterDevice).toBeUndefined();
    await step({ type: 'setPresenter', name: 'Cy' }, 'presentation', { presenter: 'Cy' });
    await step({ type: 'next' }, 'questions');
    await step({ type: 'next' }, 'discussion');
    await step({ type: 'next' }, 'reflection', { caseNumber: 2 });
    await step({ type: 'end' }, 'ended', { running: false, phaseBudgetMs: 0 });
    await step({ type: 'reset' }, 'lobby', { caseNumber: 1 });

    for (const client of others) {
      expect(client.views.length).toBeGreaterThan(revision);
      for (const view of client.views) expect(view).not.toHaveProperty('members');
    }
    for (const view of facilitator.views) expect(view.members).toBeDefined();

    const info = await fetch(`${server.url}/api/groups/${code}`).then((r) => r.json());
    expect(info).toMatchObject({ code, name: 'Tuesday group', view: { revision, phase: 'lobby' } });
    expect(info.view).not.toHaveProperty('members');
  });
});
