import type { HandshakeAuth } from '@balint/shared';
import { useEffect, useState } from 'preact/hooks';
import { connectSocket } from '../socket.ts';
import { CountdownModel } from './countdown.ts';
import { SessionModel } from './session.ts';
import { CLIENT_BUILD, tabMemory, watchForUpgrade } from './upgrade.ts';

export interface PageSession {
  session: SessionModel;
  countdown: CountdownModel;
}

interface PageModels extends PageSession {
  stopWatching: () => void;
}

/**
 * Creates this page's session and countdown once, and closes them when the page goes. The page
 * reloads itself when the server it reaches serves another build (see `watchForUpgrade`).
 */
export function usePageSession(auth: () => HandshakeAuth): PageSession {
  const [models] = useState<PageModels>(() => {
    const socket = connectSocket(auth);
    // Before the session connects the socket: `hello` is the first thing the server says.
    const stopWatching = watchForUpgrade(socket, {
      build: CLIENT_BUILD,
      reload: () => location.reload(),
      memory: tabMemory,
    });
    const session = new SessionModel(socket);
    return { session, countdown: new CountdownModel(session.view, session.clock), stopWatching };
  });
  useEffect(
    () => () => {
      models.stopWatching();
      models.countdown.dispose();
      models.session.dispose();
    },
    [models],
  );
  return models;
}
