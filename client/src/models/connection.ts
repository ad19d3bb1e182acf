import type { ConnectError } from '../socket.ts';

/**
 * Where a page stands with the server. `live` shows the session; `reconnecting` keeps the last
 * view but must not pass it off as live; the rest are final and said plainly.
 */
export type ConnectionStatus =
  | 'connecting'
  | 'live'
  | 'reconnecting'
  | 'rate_limited'
  | 'not_found'
  | 'forbidden'
  | 'invalid'
  | 'expired';

/** The status after a refused or failed connection attempt. */
export function statusAfterConnectError(error: ConnectError): ConnectionStatus {
  switch (error.data?.code) {
    case 'not_found':
      return 'not_found';
    case 'forbidden':
      return 'forbidden';
    case 'rate_limited':
      return 'rate_limited';
    case 'invalid_request':
      return 'invalid';
    default:
      // A network failure: socket.io keeps retrying by itself.
      return 'reconnecting';
  }
}

/** True for states from which the page will not come back on its own. */
export function isFinal(status: ConnectionStatus): boolean {
  return (
    status === 'not_found' || status === 'forbidden' || status === 'invalid' || status === 'expired'
  );
}
