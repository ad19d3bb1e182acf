import { describe, expect, it } from 'vitest';
import { joinTarget } from '../../../client/src/views/Home/groupCheck.ts';

const answering = (status: number) => async () => new Response('{}', { status });

describe('joining with a typed code', () => {
  it('leads to the member page of a group that exists, however the code was typed', async () => {
    expect(await joinTarget(' k7m-2qx ', answering(200))).toEqual({ ok: true, path: '/m/K7M2QX' });
  });

  it('answers a malformed code without asking the server', async () => {
    const result = await joinTarget('zzz', () => Promise.reject(new Error('not asked')));
    expect(result).toEqual({ ok: false, problem: { kind: 'malformed' } });
  });

  it('says plainly that a well-formed code has no group, or why it could not check', async () => {
    expect(await joinTarget('ZZZZZZ', answering(404))).toEqual({
      ok: false,
      problem: { kind: 'missing', code: 'ZZZZZZ' },
    });
    expect(await joinTarget('ZZZZZZ', answering(429))).toEqual({
      ok: false,
      problem: { kind: 'limited' },
    });
    expect(await joinTarget('ZZZZZZ', () => Promise.reject(new Error('offline')))).toEqual({
      ok: false,
      problem: { kind: 'unreachable' },
    });
    expect(await joinTarget('ZZZZZZ', answering(500))).toEqual({
      ok: false,
      problem: { kind: 'failed' },
    });
  });
});
