import { useText } from '../i18n/dictionary.ts';
import type { ConnectionStatus } from '../models/connection.ts';
import { CLOSED_WORDS } from './closedWords.ts';

interface Props {
  status: ConnectionStatus;
  code: string;
}

// A console without its key says so itself, with links to follow the group instead.
const NOTICE: Partial<Record<ConnectionStatus, 'notFound' | 'expired' | 'invalid'>> = {
  not_found: 'notFound',
  expired: 'expired',
  invalid: 'invalid',
};

/** What a page says when it cannot follow the group, plainly, with a way home. */
export function ClosedNotice({ status, code }: Props) {
  const text = CLOSED_WORDS[useText().locale];
  const key = NOTICE[status];
  if (!key) return null;
  const notice = text[key];
  return (
    <main class="notice-page">
      <div class="notice-card" role="alert">
        <h1>{notice.title}</h1>
        <p>{notice.body}</p>
        <p class="muted">{text.code(code)}</p>
        <a class="button" href="/">
          {text.home}
        </a>
      </div>
    </main>
  );
}
