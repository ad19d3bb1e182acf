import { useText } from '../i18n/dictionary.ts';
import type { ConnectionStatus } from '../models/connection.ts';

interface Props {
  status: ConnectionStatus;
  /** Show "live" too (the facilitator wants to know); otherwise only trouble is shown. */
  showLive?: boolean;
  class?: string;
}

const TROUBLE: Partial<Record<ConnectionStatus, 'connecting' | 'reconnecting' | 'rateLimited'>> = {
  connecting: 'connecting',
  reconnecting: 'reconnecting',
  rate_limited: 'rateLimited',
};

/** Says plainly whether this screen is live or trying to get back. */
export function ConnectionBadge({ status, showLive = false, class: className }: Props) {
  const words = useText().connection;
  const key = TROUBLE[status];
  const trouble = key ? words[key] : null;
  if (!trouble && !(showLive && status === 'live')) return null;
  return (
    <p class={`badge ${trouble ? 'badge--warn' : ''} ${className ?? ''}`} role="status">
      <span class="dot" aria-hidden="true" />
      {trouble ?? words.live}
    </p>
  );
}
