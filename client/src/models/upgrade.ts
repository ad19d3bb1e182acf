import { PROTOCOL_VERSION, type ServerHello } from '@balint/shared';
import type { ConnectError, IncomingEvents, SessionSocket } from '../socket.ts';

/** This bundle's build id; "dev" (the dev server, unit tests) never asks for a reload. */
export const CLIENT_BUILD = typeof __BALINT_BUILD__ === 'string' ? __BALINT_BUILD__ : 'dev';

/** What this tab remembers across its own reloads (session storage). */
export interface ReloadMemory {
  /** The builds this tab has already reloaded for, or null if it cannot remember. */
  read(): string[] | null;
  /** False if the browser refused to store them. */
  write(builds: string[]): boolean;
}

export interface UpgradeOptions {
  build: string;
  reload(): void;
  memory: ReloadMemory;
}

/** A refused handshake's `v`: the server speaks another protocol than this page. */
const REFUSED_VERSION = 'protocol';
const REMEMBERED = 5;

/**
 * The server a page talks to after an upgrade serves another build (`hello.build`), or refuses
 * this page's protocol (`v`): the page reloads itself at once. Its place is not lost, since the
 * session is the server's and who this screen is lives in local storage and the URL. A tab
 * reloads at most once for each build, so a server announcing a build it cannot serve (or a
 * rolling deploy, processes of two builds behind one address) never makes it reload forever.
 */
export function watchForUpgrade(socket: SessionSocket, options: UpgradeOptions): () => void {
  const reloadFor = (build: string) => {
    const tried = options.memory.read();
    // Without a memory a reload could repeat for ever: better an old page than a blinking one.
    if (tried === null || tried.includes(build)) return;
    if (options.memory.write([...tried, build].slice(-REMEMBERED))) options.reload();
  };
  const onHello: IncomingEvents['hello'] = (hello: ServerHello) => {
    if (hello.protocol !== PROTOCOL_VERSION) reloadFor(`${REFUSED_VERSION}-${hello.protocol}`);
    else if (options.build !== 'dev' && hello.build && hello.build !== options.build) {
      reloadFor(hello.build);
    }
  };
  const onConnectError: IncomingEvents['connect_error'] = (error: ConnectError) => {
    if (error.data?.code === 'invalid_request' && error.data.field === 'v') {
      reloadFor(REFUSED_VERSION);
    }
  };
  socket.on('hello', onHello);
  socket.on('connect_error', onConnectError);
  return () => {
    socket.off('hello', onHello);
    socket.off('connect_error', onConnectError);
  };
}

const MEMORY_KEY = 'balint.reloadedFor';

/** The tab's session storage as a reload memory; null where the browser refuses storage. */
export const tabMemory: ReloadMemory = {
  read() {
    try {
      const stored: unknown = JSON.parse(sessionStorage.getItem(MEMORY_KEY) ?? '[]');
      return Array.isArray(stored) ? stored.filter((item) => typeof item === 'string') : [];
    } catch {
      return null;
    }
  },
  write(builds) {
    try {
      sessionStorage.setItem(MEMORY_KEY, JSON.stringify(builds));
      return true;
    } catch {
      return false;
    }
  },
};
