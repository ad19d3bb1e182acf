import { PROTOCOL_VERSION } from '@balint/shared';
import { describe, expect, it } from 'vitest';
import { type ReloadMemory, watchForUpgrade } from '../../../client/src/models/upgrade.ts';
import { FakeSocket } from './fakeSocket.ts';

/** A tab's memory of its reloads, kept across "reloads" as session storage is. */
function memory(refuses: 'read' | 'write' | null = null): ReloadMemory & { builds: string[] } {
  const state = { builds: [] as string[] };
  return {
    get builds() {
      return state.builds;
    },
    read: () => (refuses === 'read' ? null : [...state.builds]),
    write: (builds) => {
      if (refuses === 'write') return false;
      state.builds = builds;
      return true;
    },
  };
}

function page(build: string, tab = memory()) {
  const socket = new FakeSocket();
  let reloads = 0;
  const stop = watchForUpgrade(socket, { build, reload: () => reloads++, memory: tab });
  return { socket, tab, stop, reloads: () => reloads };
}

describe('[UP1] a page open across an upgrade reloads itself', () => {
  it('stays when the server serves its own build, or announces none', () => {
    const { socket, reloads } = page('aaaa');
    socket.fire('hello', { protocol: PROTOCOL_VERSION, build: 'aaaa' });
    socket.fire('hello', { protocol: PROTOCOL_VERSION });
    expect(reloads()).toBe(0);
  });

  it('reloads at once when the server serves another build', () => {
    const { socket, reloads, tab } = page('aaaa');
    socket.fire('hello', { protocol: PROTOCOL_VERSION, build: 'bbbb' });
    expect(reloads()).toBe(1);
    expect(tab.builds).toEqual(['bbbb']);
  });

  it('reloads once per build: a server announcing a build it does not serve makes no loop', () => {
    const tab = memory();
    const first = page('aaaa', tab);
    first.socket.fire('hello', { protocol: PROTOCOL_VERSION, build: 'bbbb' });
    // The reloaded page still has the old bundle (say, a cache kept it).
    const second = page('aaaa', tab);
    second.socket.fire('hello', { protocol: PROTOCOL_VERSION, build: 'bbbb' });
    second.socket.fire('hello', { protocol: PROTOCOL_VERSION, build: 'bbbb' });
    expect(first.reloads() + second.reloads()).toBe(1);
    // A later upgrade (days on, the projector still open) reloads again.
    second.socket.fire('hello', { protocol: PROTOCOL_VERSION, build: 'cccc' });
    expect(second.reloads()).toBe(1);
  });

  it('reloads when the server refuses its protocol version (`v`), once', () => {
    const tab = memory();
    const first = page('aaaa', tab);
    const refusal = Object.assign(new Error('v'), {
      data: { code: 'invalid_request', message: 'v', field: 'v' },
    });
    first.socket.fire('connect_error', refusal);
    expect(first.reloads()).toBe(1);
    const second = page('aaaa', tab);
    second.socket.fire('connect_error', refusal);
    expect(second.reloads()).toBe(0);
    // Other refusals are the page's own business.
    const third = page('aaaa', memory());
    third.socket.refuse('not_found');
    third.socket.fire(
      'connect_error',
      Object.assign(new Error('x'), { data: { code: 'invalid_request', field: 'code' } }),
    );
    expect(third.reloads()).toBe(0);
  });

  it('reloads when the server speaks another protocol', () => {
    const { socket, reloads } = page('aaaa');
    socket.fire('hello', { protocol: PROTOCOL_VERSION + 1, build: 'aaaa' });
    expect(reloads()).toBe(1);
  });

  it('never reloads under the dev server, nor without a memory of its reloads', () => {
    const dev = page('dev');
    dev.socket.fire('hello', { protocol: PROTOCOL_VERSION, build: 'bbbb' });
    expect(dev.reloads()).toBe(0);
    for (const refuses of ['read', 'write'] as const) {
      const forgetful = page('aaaa', memory(refuses));
      forgetful.socket.fire('hello', { protocol: PROTOCOL_VERSION, build: 'bbbb' });
      expect(forgetful.reloads(), refuses).toBe(0);
    }
  });

  it('lets go of the socket when stopped', () => {
    const { socket, stop } = page('aaaa');
    expect(socket.listenerCount()).toBe(2);
    stop();
    expect(socket.listenerCount()).toBe(0);
  });
});
