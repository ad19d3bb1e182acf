import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROTOCOL_VERSION, type ServerHello } from '@balint/shared';
import { io } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  closeAllClients,
  connect,
  createGroup,
  refusedJoin,
  removeDir,
  startServer,
  type TestServer,
  tempDir,
} from './helpers.ts';

/** The first events a socket gets, in order, until its first `session`. */
async function firstEvents(
  url: string,
  auth: Record<string, unknown>,
): Promise<Array<[string, unknown]>> {
  const socket = io(url, { auth, transports: ['websocket'], forceNew: true, reconnection: false });
  const events: Array<[string, unknown]> = [];
  try {
    return await new Promise((resolve, reject) => {
      socket.once('connect_error', reject);
      socket.onAny((event: string, payload: unknown) => {
        events.push([event, payload]);
        if (event === 'session') resolve([...events]);
      });
    });
  } finally {
    socket.close();
  }
}

describe('[UP1] hello: the server says which protocol and client build it has', () => {
  const dist = tempDir();
  let server: TestServer;
  beforeAll(async () => {
    mkdirSync(dist, { recursive: true });
    writeFileSync(join(dist, '.build-id'), 'build-one\n');
    server = await startServer({ clientDist: dist });
  });
  afterAll(async () => {
    closeAllClients();
    await server.stop();
    removeDir(server.dataDir);
    removeDir(dist);
  });

  it('before the first view, to every role', async () => {
    const { code, facilitatorKey } = await createGroup(server.url);
    for (const auth of [
      { code, role: 'member' },
      { code, role: 'display', v: PROTOCOL_VERSION },
      { code, role: 'facilitator', key: facilitatorKey },
    ]) {
      const events = await firstEvents(server.url, auth);
      expect(events.map(([event]) => event)).toEqual(['hello', 'session']);
      expect(events[0]?.[1]).toEqual({ protocol: PROTOCOL_VERSION, build: 'build-one' });
    }
  });

  it('announces a client rebuilt under the running server, and none while none is built', async () => {
    const { code } = await createGroup(server.url);
    writeFileSync(join(dist, '.build-id'), 'build-two\n');
    // Some file systems keep whole seconds: make sure the change is seen as one.
    const later = new Date(Date.now() + 5_000);
    utimesSync(join(dist, '.build-id'), later, later);
    const [[, hello] = []] = await firstEvents(server.url, { code, role: 'member' });
    expect((hello as ServerHello).build).toBe('build-two');

    const bare = await startServer();
    try {
      const [[, helloOfNone] = []] = await firstEvents(bare.url, {
        code: (await createGroup(bare.url)).code,
        role: 'display',
      });
      expect(helloOfNone).toEqual({ protocol: PROTOCOL_VERSION });
    } finally {
      await bare.stop();
      removeDir(bare.dataDir);
    }
  });
});

describe('[UP2] the handshake checks the protocol version (`v`)', () => {
  let server: TestServer;
  beforeAll(async () => {
    // Rate limits on: a refused version must not count as a failed join.
    server = await startServer({ rateLimit: true, clientBuild: 'pinned-build' });
  });
  afterEach(() => closeAllClients());
  afterAll(async () => {
    await server.stop();
    removeDir(server.dataDir);
  });

  it('takes this version, and a page without `v` (one from before it was sent) as current', async () => {
    const { code } = await createGroup(server.url);
    const current = await connect(server.url, { code, role: 'member', v: PROTOCOL_VERSION });
    const old = await connect(server.url, { code, role: 'display' });
    expect(current.last().code).toBe(code);
    expect(old.last().code).toBe(code);
  });

  it('refuses another version with invalid_request, field v, and says what to do', async () => {
    const { code } = await createGroup(server.url);
    for (const v of [PROTOCOL_VERSION + 1, 0, '1', null, 1.5]) {
      const error = await refusedJoin(server.url, { code, role: 'member', v });
      expect(error.data, JSON.stringify(v)).toMatchObject({ code: 'invalid_request', field: 'v' });
      expect(error.message).toContain(`protocol version ${PROTOCOL_VERSION}`);
      expect(error.message).toContain('reload');
    }
  });

  it('names `v` first, whatever else a page of another protocol sends', async () => {
    const error = await refusedJoin(server.url, {
      group: 'ABCDEF',
      role: 'projector',
      v: PROTOCOL_VERSION + 1,
    });
    expect(error.data).toMatchObject({ code: 'invalid_request', field: 'v' });
  });

  it('does not count a refused version as a failed join', async () => {
    const { code } = await createGroup(server.url);
    for (let attempt = 0; attempt < 12; attempt++) {
      const error = await refusedJoin(server.url, { code, role: 'member', v: 99 });
      expect(error.data?.code).toBe('invalid_request');
    }
    const member = await connect(server.url, { code, role: 'member' });
    expect(member.last().code).toBe(code);
  });

  it('announces BUILD_ID when it is set', async () => {
    const { code } = await createGroup(server.url);
    const [[event, hello] = []] = await firstEvents(server.url, { code, role: 'member' });
    expect(event).toBe('hello');
    expect(hello).toEqual({ protocol: PROTOCOL_VERSION, build: 'pinned-build' });
  });
});
