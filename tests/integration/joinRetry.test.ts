import { afterEach, expect, it } from 'vitest';
import type { GroupStore } from '../../server/src/groups/store.ts';
import { closeAllClients, connect, createGroup, startServer, type TestServer } from './helpers.ts';

let server: TestServer | undefined;
afterEach(async () => {
  closeAllClients();
  await server?.stop();
  server = undefined;
});

/** A store whose presence refuses the next `failures` joins, as Redis does while it restarts. */
function flakyPresence(store: GroupStore, failures: { left: number }): GroupStore {
  return {
    ...store,
    presence: {
      ...store.presence,
      add: async (code, entry) => {
        if (failures.left > 0) {
          failures.left -= 1;
          throw new Error('store unreachable');
        }
        return store.presence.add(code, entry);
      },
    },
  };
}

it('[FA1] a screen that joins while the store cannot answer stays connected and gets its view', async () => {
  const failures = { left: 0 };
  server = await startServer({ wrapStore: (store) => flakyPresence(store, failures) });
  const { code } = await createGroup(server.url);
  failures.left = 2;
  const display = await connect(server.url, { code, role: 'display' });
  expect(display.socket.connected).toBe(true);
  expect(display.last()).toMatchObject({ code, phase: 'lobby', counts: { displays: 1 } });
  expect(failures.left).toBe(0);
});
