import * as crypto from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  closeAllClients,
  connect,
  createGroup,
  refusedJoin,
  startServer,
  type TestServer,
} from './helpers.ts';

// The server's own node:crypto, with timingSafeEqual watched (and still doing the work).
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>();
  return { ...actual, timingSafeEqual: vi.fn(actual.timingSafeEqual) };
});

let server: TestServer | null = null;

afterEach(async () => {
  closeAllClients();
  await server?.stop();
  server = null;
});

/** The same key with its character at `index` changed to another url-safe one. */
function changedAt(key: string, index: number): string {
  const at = index < 0 ? key.length + index : index;
  const other = key[at] === 'A' ? 'B' : 'A';
  return key.slice(0, at) + other + key.slice(at + 1);
}

describe('the facilitator key check', () => {
  it('lets in the key and nothing near it: changed, cut, extended, recased, missing, foreign', async () => {
    server = await startServer();
    const { code, facilitatorKey: key } = await createGroup(server.url);
    const other = await createGroup(server.url);
    const near = [
      undefined,
      '',
      other.facilitatorKey,
      changedAt(key, 0),
      changedAt(key, -1),
      key.slice(0, -1),
      `${key}A`,
      key.toUpperCase() === key ? key.toLowerCase() : key.toUpperCase(),
      ` ${key}`,
      'A',
    ];
    for (const guess of near) {
      const auth =
        guess === undefined
          ? { code, role: 'facilitator' }
          : { code, role: 'facilitator', key: guess };
      const refusal = await refusedJoin(server.url, auth);
      expect(refusal.data?.code, JSON.stringify(guess)).toBe('forbidden');
    }
    const facilitator = await connect(server.url, { code, role: 'facilitator', key });
    expect(await facilitator.command({ type: 'start' })).toMatchObject({ ok: true });
  });

  it('compares sha256 hashes with crypto.timingSafeEqual, whatever the length of the guess', async () => {
    server = await startServer();
    const { code, facilitatorKey: key } = await createGroup(server.url);
    const compare = vi.mocked(crypto.timingSafeEqual);
    for (const guess of ['A', changedAt(key, -1), `${key}${key}`]) {
      compare.mockClear();
      await refusedJoin(server.url, { code, role: 'facilitator', key: guess });
      expect(compare, JSON.stringify(guess)).toHaveBeenCalledTimes(1);
      const [given, stored] = compare.mock.calls[0] ?? [];
      // Two 32-byte digests: neither the key's length nor a matching prefix shows in the timing.
      expect((given as Buffer).length).toBe(32);
      expect((stored as Buffer).length).toBe(32);
      expect(compare.mock.results[0]?.value).toBe(false);
    }
    compare.mockClear();
    await connect(server.url, { code, role: 'facilitator', key });
    expect(compare.mock.results.map((result) => result.value)).toEqual([true]);
  });
});
