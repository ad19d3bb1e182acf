import type { PersonTotals } from '@balint/shared';
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
  const group = groupName || 'Untitled group';
  const cases = person.presented === 1 ? 'case' : 'cases';
  const sessions = person.sessions === 1 ? 'session' : 'sessions';
  return (
    <section class="statement" aria-labelledby="statement-title">
      <div class="statement__screen-bar">
        <p>Statement for {person.name}, as it prints.</p>
        <button type="button" class="button" onClick={() => window.print()}>
          Print again
        </button>
        <button type="button" class="button button--quiet" onClick={onClose}>
          Close
        </button>
      </div>
      <article class="statement__page">
        <p class="statement__kicker">Balint group attendance</p>
        <h1 id="statement-title">Attendance statement</h1>
        <dl class="statement__facts">
          <div>
            <dt>Name</dt>
            <dd>{person.name}</dd>
          </div>
          <div>
            <dt>Balint group</dt>
            <dd>{group}</dd>
          </div>
          <div>
            <dt>Facilitator</dt>
            <dd>{facilitator.trim() || '\u00a0'}</dd>
          </div>
          <div>
            <dt>Period</dt>
            <dd>
              {formatDate(person.firstAt)} – {formatDate(person.lastAt)}
            </dd>
          </div>
        </dl>
        <p class="statement__summary">
          {person.name} attended <strong>{person.sessions}</strong> {sessions} of this Balint group
          and presented <strong>{person.presented}</strong> {cases}.
        </p>
        <h2>Sessions attended</h2>
        <ol class="statement__sessions">
          {person.sittings.map((sitting) => (
            <li key={sitting.id}>
              {formatDate(sitting.startedAt)}{' '}
              <span class="statement__time">{formatSpan(sitting.startedAt, sitting.endedAt)}</span>
              {sitting.presented && <span class="statement__presented"> · presented</span>}
            </li>
          ))}
        </ol>
        <p class="statement__totals">
          Total: {person.sessions} {sessions} attended, {person.presented} {cases} presented.
        </p>
        <div class="statement__sign">
          <div class="statement__line">
            <span>Signature of the facilitator</span>
          </div>
          <div class="statement__line statement__line--date">
            <span>Date</span>
          </div>
        </div>
        <p class="statement__note">
          Recorded by Balint Timer from the facilitator’s confirmed attendance: names and dates
          only. Nothing said in the group is recorded.
        </p>
      </article>
    </section>
  );
}
