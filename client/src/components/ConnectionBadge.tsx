import type { ConnectionStatus } from '../models/connection.ts';

interface Props {
  status: ConnectionStatus;
  /** Show "live" too (the facilitator wants to know); otherwise only trouble is shown. */
  showLive?: boolean;
  class?: string;
}

const TROUBLE: Partial<Record<ConnectionStatus, string>> = {
  connecting: 'Connecting…',
  reconnecting: 'Reconnecting…',
  rate_limited: 'Too many attempts: retrying shortly…',
};

/** Says plainly whether this screen is live or trying to get back. */
export function ConnectionBadge({ status, showLive = false, class: className }: Props) {
  const trouble = TROUBLE[status];
  if (!trouble && !(showLive && status === 'live')) return null;
  return (
    <p class={`badge ${trouble ? 'badge--warn' : ''} ${className ?? ''}`} role="status">
      <span class="dot" aria-hidden="true" />
      {trouble ?? 'Live'}
    </p>
  );
}
