import { describe, expect, it } from 'vitest';
import { en } from '../../../client/src/i18n/en.ts';
import { keyFromFragment } from '../../../client/src/models/facilitatorKey.ts';
import {
  announcement,
  nextText,
  phaseStep,
  phaseTitle,
} from '../../../client/src/models/phaseText.ts';
import { routeOf } from '../../../client/src/routes.ts';
import {
  minutesFieldToMs,
  msToMinutesField,
} from '../../../client/src/views/Facilitator/minutes.ts';
import { shortcutFor } from '../../../client/src/views/Facilitator/shortcuts.ts';
import { consolePath, createGroup } from '../../../client/src/views/Home/createGroup.ts';
import { promptFor } from '../../../client/src/views/Member/prompt.ts';
import { makeView } from './views.ts';

describe('routeOf', () => {
  it('maps the four pages and normalises the code', () => {
    expect(routeOf('/')).toEqual({ page: 'home' });
    expect(routeOf('/f/K7M2QX')).toEqual({ page: 'facilitator', code: 'K7M2QX' });
    expect(routeOf('/d/k7m2qx')).toEqual({ page: 'display', code: 'K7M2QX' });
    expect(routeOf('/m/K7M2QX/')).toEqual({ page: 'member', code: 'K7M2QX' });
  });

  it('rejects anything else', () => {
    expect(routeOf('/x/K7M2QX')).toEqual({ page: 'notFound' });
    expect(routeOf('/m/K7M2Q0')).toEqual({ page: 'notFound' });
    expect(routeOf('/m/K7M2QX/extra')).toEqual({ page: 'notFound' });
  });
});

describe('phase texts', () => {
  it('names where the session is and what comes next', () => {
    expect(phaseTitle(makeView({ phase: 'lobby' }), en)).toBe('Waiting to start');
    expect(nextText(makeView({ phase: 'lobby' }), en)).toBe('Opening & case choice');
    expect(phaseTitle(makeView({ phase: 'questions' }), en)).toBe('Clarifying questions');
    expect(nextText(makeView({ phase: 'questions' }), en)).toBe('Group discussion');
    expect(nextText(makeView({ phase: 'reflection' }), en)).toBe(
      'Case 2 or the end of the session',
    );
    expect(nextText(makeView({ phase: 'reflection', caseNumber: 2 }), en)).toBe(
      'Case 3 or the end of the session',
    );
    expect(nextText(makeView({ phase: 'ended' }), en)).toBeNull();
    expect(phaseStep(makeView({ phase: 'discussion' }), en)).toBe('4 of 5');
    expect(phaseStep(makeView({ phase: 'lobby' }), en)).toBeNull();
  });

  it('announce the phase, a pause and a new case to screen readers, never the seconds', () => {
    expect(announcement(makeView({ phase: 'questions', running: true }), en)).toBe(
      'Clarifying questions',
    );
    expect(announcement(makeView({ phase: 'questions', running: false }), en)).toBe(
      'Clarifying questions, paused',
    );
    expect(
      announcement(makeView({ phase: 'presentation', running: true, caseNumber: 2 }), en),
    ).toBe('Case presentation, case 2');
    expect(announcement(makeView({ phase: 'lobby', running: false }), en)).toBe('Waiting to start');
    expect(announcement(makeView({ phase: 'ended', running: false, caseNumber: 2 }), en)).toBe(
      'Session ended',
    );
  });
});

describe('promptFor', () => {
  it('tells the presenter to sit back in the discussion and the others the norms', () => {
    const view = makeView({ phase: 'discussion' });
    expect(promptFor(view, true, en)).toMatch(/sit back and listen/i);
    expect(promptFor(view, false, en)).toMatch(/no solutions, no advice/i);
  });

  it('invites the presenter back in the reflection', () => {
    expect(promptFor(makeView({ phase: 'reflection' }), true, en)).toMatch(/invited back/i);
  });

  it('uses the group’s own prompts', () => {
    const view = makeView({ phase: 'questions' });
    view.prompts = {
      ...view.prompts,
      questions: { member: 'Facts, please.', presenter: 'Be brief.' },
    };
    expect(promptFor(view, false, en)).toBe('Facts, please.');
  });
});

describe('minutes fields', () => {
  it('round-trips budgets and refuses what the server would', () => {
    expect(msToMinutesField(1_500_000)).toBe('25');
    expect(msToMinutesField(90_000)).toBe('1.5');
    expect(minutesFieldToMs('25')).toBe(1_500_000);
    expect(minutesFieldToMs('0,5')).toBe(30_000);
    expect(minutesFieldToMs('')).toBeNull();
    expect(minutesFieldToMs('0')).toBeNull();
    expect(minutesFieldToMs('181')).toBeNull();
    expect(minutesFieldToMs('abc')).toBeNull();
  });
});

describe('shortcutFor', () => {
  const key = (value: string, target: Partial<HTMLElement> | null = null, mods = {}) => ({
    key: value,
    altKey: false,
    ctrlKey: false,
    metaKey: false,
    target: target as EventTarget | null,
    ...mods,
  });

  it('maps the four shortcuts', () => {
    expect(shortcutFor(key(' '))).toBe('toggle');
    expect(shortcutFor(key('ArrowRight'))).toBe('next');
    expect(shortcutFor(key('ArrowLeft'))).toBe('back');
    expect(shortcutFor(key('+'))).toBe('extend');
  });

  it('stays out of the way while typing, with modifiers, and for Space on a button', () => {
    expect(shortcutFor(key('ArrowRight', { tagName: 'INPUT' }))).toBeNull();
    expect(shortcutFor(key('+', { tagName: 'TEXTAREA' }))).toBeNull();
    expect(shortcutFor(key(' ', { tagName: 'BUTTON' }))).toBeNull();
    expect(shortcutFor(key('ArrowRight', { tagName: 'BUTTON' }))).toBe('next');
    expect(shortcutFor(key('ArrowRight', null, { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(key('x'))).toBeNull();
  });

  it('ignores a held key, so holding → never skips several phases', () => {
    expect(shortcutFor(key('ArrowRight', null, { repeat: true }))).toBeNull();
    expect(shortcutFor(key('ArrowLeft', null, { repeat: true }))).toBeNull();
    expect(shortcutFor(key('+', null, { repeat: true }))).toBeNull();
    expect(shortcutFor(key(' ', null, { repeat: true }))).toBeNull();
    expect(shortcutFor(key('ArrowRight', null, { repeat: false }))).toBe('next');
  });
});

describe('keyFromFragment', () => {
  it('reads the key from #key=…', () => {
    expect(keyFromFragment('#key=abc_DEF-123')).toBe('abc_DEF-123');
    expect(keyFromFragment('')).toBeNull();
    expect(keyFromFragment('#key=')).toBeNull();
  });
});

describe('createGroup', () => {
  const links = {
    facilitator: 'http://192.168.1.20:3000/f/K7M2QX#key=secret',
    display: 'http://192.168.1.20:3000/d/K7M2QX',
    member: 'http://192.168.1.20:3000/m/K7M2QX',
  };

  it('posts the plan and lands on the console path with its key', async () => {
    let sent: unknown;
    const fetcher = (async (_url: string, init: RequestInit) => {
      sent = JSON.parse(String(init.body));
      return new Response(JSON.stringify({ code: 'K7M2QX', facilitatorKey: 'secret', links }), {
        status: 201,
      });
    }) as typeof fetch;
    const result = await createGroup(
      { name: ' Tuesday ', language: 'de', budgets: { opening: 60_000 }, autoAdvance: false },
      fetcher,
    );
    expect(sent).toEqual({
      name: 'Tuesday',
      language: 'de',
      plan: { budgets: { opening: 60_000 }, autoAdvance: false },
    });
    expect(result.ok && consolePath(result.group)).toBe('/f/K7M2QX#key=secret');
  });

  it('tells what went wrong, for the page to say in its language', async () => {
    const answering = (status: number, body: unknown) =>
      (async () => new Response(JSON.stringify(body), { status })) as unknown as typeof fetch;
    const form = { name: '', language: 'en', budgets: {}, autoAdvance: true } as const;
    const limited = { error: { code: 'rate_limited', message: 'Slow down.' } };
    expect(await createGroup(form, answering(429, limited))).toEqual({
      ok: false,
      problem: { kind: 'rateLimited' },
    });
    const invalid = { error: { code: 'invalid_request', message: 'No.' } };
    expect(await createGroup(form, answering(400, invalid))).toEqual({
      ok: false,
      problem: { kind: 'failed', status: 400 },
    });
    const offline = (() => Promise.reject(new Error('offline'))) as unknown as typeof fetch;
    expect(await createGroup(form, offline)).toEqual({
      ok: false,
      problem: { kind: 'unreachable' },
    });
  });
});
