import {
  ATTENDEE_NAME_MAX,
  type AttendanceEntry,
  attendeeName,
  nameKey,
  type SittingSummary,
} from '@balint/shared';
import { useId, useState } from 'preact/hooks';
import { useText } from '../../i18n/dictionary.ts';
import { plural } from '../../i18n/plural.ts';
import type { AttendanceWords } from '../../i18n/register/en.ts';
import type { RegisterApi } from './registerApi.ts';

interface Props {
  sitting: SittingSummary;
  /** Names the group used before, offered so nobody types a name twice. */
  roster: readonly string[];
  api: RegisterApi;
  onSaved(sitting: SittingSummary): void;
  words: AttendanceWords;
}

const byName = (a: AttendanceEntry, b: AttendanceEntry) => a.name.localeCompare(b.name);

/**
 * Who attended one sitting: the names proposed (members' names while it ran, the presenter
 * marked) or as confirmed before; the facilitator adds, removes, marks who presented, and
 * confirms. Names only: nothing about a case belongs here.
 */
export function AttendanceEditor({ sitting, roster, api, onSaved, words }: Props) {
  const { locale } = useText();
  const [entries, setEntries] = useState<AttendanceEntry[]>(() =>
    [...(sitting.confirmed ? sitting.attendance : sitting.proposed)].sort(byName),
  );
  const [draft, setDraft] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const id = useId();
  const listed = new Set(entries.map((entry) => nameKey(entry.name)));
  const suggestions = roster.filter((name) => !listed.has(nameKey(name)));

  const edit = (next: AttendanceEntry[]) => {
    setEntries(next);
    setStatus('');
  };
  const add = (raw: string) => {
    const name = attendeeName(raw);
    if (name === null) {
      setProblem(words.tooLong(ATTENDEE_NAME_MAX));
      return;
    }
    if (listed.has(nameKey(name))) {
      setProblem(`${name} is already on the list.`);
      return;
    }
    setProblem(null);
    setDraft('');
    edit([...entries, { name, presented: false }].sort(byName));
  };
  const save = async () => {
    setBusy(true);
    const result = await api.confirm(sitting.id, entries);
    setBusy(false);
    if (!result.ok) {
      setStatus(result.message);
      return;
    }
    const count = result.value.attendance.length;
    setStatus(plural(locale, count, words.confirmed));
    onSaved(result.value);
  };

  return (
    <div class="attendance">
      <p class="attendance__intro muted">
        {sitting.confirmed ? words.asConfirmed : words.proposed}
      </p>
      {entries.length === 0 ? (
        <p class="attendance__empty">{words.empty}</p>
      ) : (
        <ul class="attendance__list" aria-label={words.list}>
          {entries.map((entry) => (
            <li key={nameKey(entry.name)} class="attendance__person">
              <span class="attendance__name">{entry.name}</span>
              <label class="attendance__presented">
                <input
                  type="checkbox"
                  checked={entry.presented}
                  onChange={(event) => {
                    const presented = event.currentTarget.checked;
                    edit(
                      entries.map((other) => (other === entry ? { ...other, presented } : other)),
                    );
                  }}
                />
                {words.presented}
                <span class="visually-hidden">{words.presentedWho(entry.name)}</span>
              </label>
              <button
                type="button"
                class="button button--quiet attendance__remove"
                onClick={() => edit(entries.filter((other) => other !== entry))}
              >
                {words.remove}
                <span class="visually-hidden"> {entry.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="attendance__add">
        <label for={`${id}-name`}>{words.addSomeone}</label>
        <div class="attendance__add-row">
          <input
            id={`${id}-name`}
            type="text"
            list={`${id}-roster`}
            maxLength={ATTENDEE_NAME_MAX}
            autocomplete="off"
            value={draft}
            aria-invalid={problem !== null}
            aria-describedby={problem ? `${id}-problem` : undefined}
            onInput={(event) => {
              setDraft(event.currentTarget.value);
              setProblem(null);
            }}
            onKeyDown={(event) => {
              if (event.key !== 'Enter') return;
              event.preventDefault();
              add(draft);
            }}
          />
          <button type="button" class="button" onClick={() => add(draft)}>
            {words.add}
          </button>
        </div>
        <datalist id={`${id}-roster`}>
          {suggestions.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        {problem && (
          <p id={`${id}-problem`} class="attendance__problem" role="alert">
            {problem}
          </p>
        )}
      </div>
      {suggestions.length > 0 && (
        <div class="attendance__roster">
          <p class="muted">{words.usedBefore}</p>
          <ul>
            {suggestions.map((name) => (
              <li key={name}>
                <button type="button" class="button button--quiet" onClick={() => add(name)}>
                  + {name}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div class="attendance__save">
        <button type="button" class="button button--primary" disabled={busy} onClick={save}>
          {sitting.confirmed ? words.save : words.confirm}
        </button>
        <p class="attendance__status" role="status">
          {status}
        </p>
      </div>
    </div>
  );
}
