import {
  type PersonTotals,
  peopleOf,
  type SittingSummary,
  type SittingsResponse,
} from '@balint/shared';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { takeFacilitatorKey } from '../../models/facilitatorKey.ts';
import { useTitle } from '../../models/useTitle.ts';
import { AttendanceEditor } from './AttendanceEditor.tsx';
import { formatDate, formatSpan } from './format.ts';
import { localTimeZone, type RegisterApi, registerApi, saveFile } from './registerApi.ts';
import { SittingChart } from './SittingChart.tsx';
import { Statement } from './Statement.tsx';
import './register.css';

interface Props {
  code: string;
}

type Loaded =
  | { state: 'loading' }
  | { state: 'failed'; message: string; status?: number }
  | { state: 'ready'; name: string; register: SittingsResponse };

/** The register of a standing group: sittings, people and their totals, statements, the CSV. */
export function RegisterPage({ code }: Props) {
  const [key] = useState(() => takeFacilitatorKey(code));
  if (!key) {
    return (
      <main class="notice-page">
        <div class="notice-card" role="alert">
          <h1>This browser cannot open the register</h1>
          <p>
            The register needs the facilitator’s key, kept by the browser that opened the console.
            Open the console link first, then the register from there.
          </p>
          <a class="button" href="/">
            Go to the start page
          </a>
        </div>
      </main>
    );
  }
  return <Register code={code} api={registerApi(code, key)} />;
}

function Register({ code, api }: { code: string; api: RegisterApi }) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [facilitator, setFacilitator] = useState('');
  const [statementFor, setStatementFor] = useState<PersonTotals | null>(null);
  const [forgetting, setForgetting] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const groupName = loaded.state === 'ready' ? loaded.name : undefined;
  useTitle('Register', groupName || undefined);

  const load = async () => {
    const [info, register] = await Promise.all([api.info(), api.sittings()]);
    if (!register.ok) {
      setLoaded({ state: 'failed', message: register.message, status: register.status });
      return;
    }
    setLoaded({ state: 'ready', name: info.ok ? info.value.name : '', register: register.value });
  };
  // Loaded once here; `load` runs again after each change the page makes.
  useEffect(() => {
    void load();
  }, []);

  // The statement is rendered, then printed: the print stylesheet shows it alone.
  useEffect(() => {
    if (statementFor) window.print();
  }, [statementFor]);

  const people = useMemo(
    () => (loaded.state === 'ready' ? peopleOf(loaded.register.sittings) : []),
    [loaded],
  );

  if (loaded.state === 'loading') return <main class="register" aria-busy="true" />;
  if (loaded.state === 'failed') {
    return (
      <main class="notice-page">
        <div class="notice-card" role="alert">
          <h1>{loaded.status === 404 ? 'No such group' : 'The register could not be opened'}</h1>
          <p>{loaded.status === 404 ? 'The group has expired or was deleted.' : loaded.message}</p>
          <a class="button" href="/">
            Go to the start page
          </a>
        </div>
      </main>
    );
  }
  const { register } = loaded;
  const sittings = [...register.sittings].reverse();
  const toConfirm = register.sittings.filter((sitting) => !sitting.confirmed).length;

  const download = async () => {
    const result = await api.csv(localTimeZone());
    if (!result.ok) {
      setNotice(result.message);
      return;
    }
    saveFile(result.value, `register-${code}.csv`);
    setNotice('The register was downloaded as CSV.');
  };
  const forget = async (name: string) => {
    const result = await api.forget(name);
    setNotice(result.ok ? `${name} is forgotten: gone from every sitting.` : result.message);
    await load();
  };

  return (
    <>
      <main class="register">
        <header class="register__head">
          <p class="register__brand">Balint Timer · Register</p>
          <h1>{loaded.name || 'Untitled group'}</h1>
          <p class="muted">
            Code {code} · <a href={`/f/${code}`}>Back to the console</a>
          </p>
        </header>
        {!register.standing && (
          <p class="register__ordinary">
            This is not a standing group: it keeps its sittings’ timings until it expires, and no
            names. Keep it for next week from the console to have a register.
          </p>
        )}
        {register.standing && sittings.length > 0 && (
          <p class="register__summary">
            {sittings.length} {sittings.length === 1 ? 'sitting' : 'sittings'} · {people.length}{' '}
            {people.length === 1 ? 'person' : 'people'} · from{' '}
            {formatDate(register.sittings[0]?.startedAt ?? 0)} to{' '}
            {formatDate(register.sittings.at(-1)?.startedAt ?? 0)}
            {toConfirm > 0 && (
              <strong class="register__to-confirm"> · {toConfirm} to confirm</strong>
            )}
          </p>
        )}
        <p class="register__notice" role="status">
          {notice}
        </p>

        {register.standing && (
          <section class="register__section" aria-labelledby="people-title">
            <h2 id="people-title">People</h2>
            {people.length === 0 ? (
              <p class="muted">Nobody yet: confirm a sitting’s attendance first.</p>
            ) : (
              <div class="register__table-wrap">
                <table class="people">
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">Sessions attended</th>
                      <th scope="col">Cases presented</th>
                      <th scope="col">First</th>
                      <th scope="col">Last</th>
                      <th scope="col">
                        <span class="visually-hidden">Actions</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {people.map((person) => (
                      <tr key={person.name}>
                        <th scope="row">{person.name}</th>
                        <td data-label="Sessions attended">{person.sessions}</td>
                        <td data-label="Cases presented">{person.presented}</td>
                        <td data-label="First">{formatDate(person.firstAt)}</td>
                        <td data-label="Last">{formatDate(person.lastAt)}</td>
                        <td>
                          <div class="people__actions">
                            <button
                              type="button"
                              class="button"
                              onClick={() => {
                                // The same person again still prints again.
                                setStatementFor(null);
                                setTimeout(() => setStatementFor(person), 0);
                              }}
                            >
                              Print statement<span class="visually-hidden"> for {person.name}</span>
                            </button>
                            <button
                              type="button"
                              class="button button--quiet"
                              onClick={() => setForgetting(person.name)}
                            >
                              Forget<span class="visually-hidden"> {person.name}</span>
                            </button>
                          </div>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            <div class="register__tools">
              <label for="facilitator-name">Facilitator’s name, for the statements</label>
              <input
                id="facilitator-name"
                type="text"
                maxLength={80}
                autocomplete="name"
                value={facilitator}
                onInput={(event) => setFacilitator(event.currentTarget.value)}
              />
              <p class="muted register__hint">
                Printed on each statement; not stored anywhere. In the print dialog, choose “Save as
                PDF” for a file.
              </p>
              <button type="button" class="button" onClick={() => void download()}>
                Download register.csv
              </button>
            </div>
          </section>
        )}
        <section class="register__section" aria-labelledby="sittings-title">
          <h2 id="sittings-title">Sittings</h2>
          {sittings.length === 0 ? (
            <p class="muted">No sitting has ended yet.</p>
          ) : (
            <ul class="sittings">
              {sittings.map((sitting) => (
                <SittingItem
                  key={sitting.id}
                  sitting={sitting}
                  standing={register.standing}
                  roster={register.roster}
                  api={api}
                  onSaved={() => void load()}
                />
              ))}
            </ul>
          )}
        </section>

        <ConfirmDialog
          open={forgetting !== null}
          title={`Forget ${forgetting ?? ''}?`}
          body="This name leaves every sitting of this group and the list of names used before, at once. Use it when a member asks to be forgotten. It cannot be undone."
          confirmLabel="Forget this person"
          onConfirm={() => {
            if (forgetting) void forget(forgetting);
          }}
          onClose={() => setForgetting(null)}
        />
      </main>
      {statementFor && (
        <Statement
          person={statementFor}
          groupName={loaded.name}
          facilitator={facilitator}
          onClose={() => setStatementFor(null)}
        />
      )}
    </>
  );
}

interface SittingItemProps {
  sitting: SittingSummary;
  standing: boolean;
  roster: readonly string[];
  api: RegisterApi;
  onSaved(): void;
}

function SittingItem({ sitting, standing, roster, api, onSaved }: SittingItemProps) {
  const count = sitting.attendance.length;
  return (
    <li class="sitting">
      <div class="sitting__head">
        <h3 class="sitting__date">{formatDate(sitting.startedAt)}</h3>
        <span class="muted">{formatSpan(sitting.startedAt, sitting.endedAt)}</span>
        <span class="muted">
          {sitting.cases} {sitting.cases === 1 ? 'case' : 'cases'}
        </span>
        {standing && (
          <span class={`sitting__count ${sitting.confirmed ? '' : 'sitting__count--open'}`}>
            {sitting.confirmed
              ? `${count} ${count === 1 ? 'member' : 'members'}`
              : 'attendance to confirm'}
          </span>
        )}
      </div>
      {standing && sitting.confirmed && count > 0 && (
        <p class="sitting__names">
          {sitting.attendance
            .map((entry) => (entry.presented ? `${entry.name} (presented)` : entry.name))
            .join(', ')}
        </p>
      )}
      <details class="sitting__more" open={standing && !sitting.confirmed}>
        <summary>{standing ? 'Attendance and timings' : 'Timings'}</summary>
        {standing && (
          <AttendanceEditor sitting={sitting} roster={roster} api={api} onSaved={onSaved} />
        )}
        <SittingChart phases={sitting.phases} cases={sitting.cases} />
      </details>
    </li>
  );
}
