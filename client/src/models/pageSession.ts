import type { HandshakeAuth } from '@balint/shared';
import { useEffect, useState } from 'preact/hooks';
import { connectSocket } from '../socket.ts';
import { CountdownModel } from './countdown.ts';
import { SessionModel } from './session.ts';

export interface PageSession {
  session: SessionModel;
  countdown: CountdownModel;
}

/** Creates this page's session and countdown once, and closes them when the page goes. */
export function usePageSession(auth: () => HandshakeAuth): PageSession {
  const [models] = useState<PageSession>(() => {
    const session = new SessionModel(connectSocket(auth));
    return { session, countdown: new CountdownModel(session.view, session.clock) };
  });
  useEffect(
    () => () => {
      models.countdown.dispose();
      models.session.dispose();
    },
    [models],
  );
  return models;
}
