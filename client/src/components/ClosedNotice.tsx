import type { ConnectionStatus } from '../models/connection.ts';

interface Props {
  status: ConnectionStatus;
  code: string;
}

const TEXT: Partial<Record<ConnectionStatus, { title: string; body: string }>> = {
  not_found: {
    title: 'No such group',
    body: 'There is no group with this code. It may have expired, or the code may be mistyped.',
  },
  expired: {
    title: 'This group has ended',
    body: 'The group has expired or was closed, and its data has been deleted.',
  },
  forbidden: {
    title: 'This link does not open the console',
    body: 'The facilitator key is missing or wrong for this group.',
  },
  invalid: {
    title: 'This link is not valid',
    body: 'The server did not accept this page’s request. Check the link and try again.',
  },
};

/** What a page says when it cannot follow the group, plainly, with a way home. */
export function ClosedNotice({ status, code }: Props) {
  const text = TEXT[status];
  if (!text) return null;
  return (
    <main class="notice-page">
      <div class="notice-card" role="alert">
        <h1>{text.title}</h1>
        <p>{text.body}</p>
        <p class="muted">Group code: {code}</p>
        <a class="button" href="/">
          Go to the start page
        </a>
      </div>
    </main>
  );
}
