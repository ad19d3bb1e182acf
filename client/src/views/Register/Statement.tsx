import type { PersonTotals } from '@balint/shared';
import { useText } from '../../i18n/dictionary.ts';
import { formatLocale } from '../../i18n/formatLocale.ts';
import { plural } from '../../i18n/plural.ts';
import { useRegisterWords } from '../../i18n/register/words.ts';
import { formatDate, formatSpan } from './format.ts';

interface Props {
  person: PersonTotals;
  groupName: string;
  /** Typed on the page, never stored. */
  facilitator: string;
  onClose(): void;
}

/**
 * One person's attendance statement for a training portfolio, on one printed page: the group,
 * the facilitator, every session with its date, the totals, and a line to sign. The print
 * stylesheet shows it alone, so the browser's "Save as PDF" makes the file.
 */
export function Statement({ person, groupName, facilitator, onClose }: Props) {
  const all = useRegisterWords();
  const words = all.statement;
  const { locale } = useText();
  const at = formatLocale(locale);
  const group = groupName || all.untitled;
  const cases = plural(locale, person.presented, words.cases);
  const sessions = plural(locale, person.sessions, words.sessions);
  return (
    <section class="statement" aria-labelledby="statement-title">
      <div class="statement__screen-bar">
        <p>{words.asPrinted(person.name)}</p>
        <button type="button" class="button" onClick={() => window.print()}>
          {words.again}
        </button>
        <button type="button" class="button button--quiet" onClick={onClose}>
          {words.close}
        </button>
      </div>
      <article class="statement__page">
        <p class="statement__kicker">{words.kicker}</p>
        <h1 id="statement-title">{words.title}</h1>
        <dl class="statement__facts">
          <div>
            <dt>{words.name}</dt>
            <dd>{person.name}</dd>
          </div>
          <div>
            <dt>{words.group}</dt>
            <dd>{group}</dd>
          </div>
          <div>
            <dt>{words.facilitator}</dt>
            <dd>{facilitator.trim() || '\u00a0'}</dd>
          </div>
          <div>
            <dt>{words.period}</dt>
            <dd>{dateSpan(formatDate(person.firstAt, at), formatDate(person.lastAt, at))}</dd>
          </div>
        </dl>
        <p class="statement__summary">{words.summary(person.name, sessions, cases)}</p>
        <h2>{words.attended}</h2>
        <ol class="statement__sessions">
          {person.sittings.map((sitting) => (
            <li key={sitting.id}>
              {formatDate(sitting.startedAt, at)}{' '}
              <span class="statement__time">
                {formatSpan(sitting.startedAt, sitting.endedAt, at)}
              </span>
              {sitting.presented && <span class="statement__presented">{words.presented}</span>}
            </li>
          ))}
        </ol>
        <p class="statement__totals">{words.total(sessions, cases)}</p>
        <div class="statement__sign">
          <div class="statement__line">
            <span>{words.signature}</span>
          </div>
          <div class="statement__line statement__line--date">
            <span>{words.date}</span>
          </div>
        </div>
        <p class="statement__note">{words.note}</p>
      </article>
    </section>
  );
}

/** "3 Mar 2026 – 9 Dec 2026", or the one date when the first sitting was also the last. */
function dateSpan(first: string, last: string): string {
  return first === last ? first : `${first} – ${last}`;
}
