import {
  type Language,
  type PersonTotals,
  peopleOf,
  type SittingSummary,
  type SittingsResponse,
} from '@balint/shared';
import type { ComponentType } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { CLOSED_WORDS } from '../../components/closedWords.ts';
import { useLanguage, useText } from '../../i18n/dictionary.ts';
import { formatLocale } from '../../i18n/formatLocale.ts';
import { browserLanguage } from '../../i18n/languages.ts';
import { plural } from '../../i18n/plural.ts';
import type { RegisterWords } from '../../i18n/register/en.ts';
import { registerWords, useRegisterWords } from '../../i18n/register/words.ts';
import { takeFacilitatorKey } from '../../models/facilitatorKey.ts';
import { useTitle } from '../../models/useTitle.ts';
import { useValue } from '../../models/useValue.ts';
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
  | { state: 'ready'; name: string; language: Language; register: SittingsResponse };

/** The register of a standing group: sittings, people and their totals, statements, the CSV. */
export function RegisterPage({ code }: Props) {
  const [key] = useState(() => takeFacilitatorKey(code));
  if (!key) return <Speaking language={browserLanguage()} page={NoKey} />;
  return <Register code={code} api={registerApi(code, key)} />;
}

/** Renders `page` once the words of `language` are in (the shared ones and the register's). */
function Speaking({ language, page: Page }: { language: Language; page: ComponentType }) {
  const text = useLanguage(language, registerWords);
  const words = useValue(registerWords.words);
  if (!text || !words) return <main class="register" aria-busy="true" />;
  return <Page />;
}

function NoKey() {
  const words = useRegisterWords();
  const text = useText();
  return (
    <main class="notice-page">
      <div class="notice-card" role="alert">
        <h1>{words.noKeyTitle}</h1>
        <p>{words.noKeyBody}</p>
        <a class="button" href="/">
          {CLOSED_WORDS[text.locale].home}
        </a>
      </div>
    </main>
  );
}

function Register({ code, api }: { code: string; api: RegisterApi }) {
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [facilitator, setFacilitator] = useState('');
  const [statementFor, setStatementFor] = useState<PersonTotals | null>(null);
  const [forgetting, setForgetting] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const groupName = loaded.state === 'ready' ? loaded.name : undefined;
  // The group's language once its view is read; a register that cannot open, the browser's.
  const language =
    loaded.state === 'ready'
      ? loaded.language
      : loaded.state === 'failed'
        ? browserLanguage()
        : null;
  const text = useLanguage(language, registerWords);
  const words = useValue(registerWords.words);
  useTitle(words?.page ?? '', groupName || undefined);

  const load = async () => {
    const [info, register] = await Promise.all([api.info(), api.sittings()]);
    if (!register.ok) {
      setLoaded({ state: 'failed', message: register.message, status: register.status });
      return;
    }
    setLoaded({
      state: 'ready',
      name: info.ok ? info.value.name : '',
      language: info.ok ? info.value.view.language : browserLanguage(),
      register: register.value,
    });
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

  if (loaded.state === 'loading' || !text || !words) {
    return <main class="register" aria-busy="true" />;
  }
  if (loaded.state === 'failed') {
    return (
      <main class="notice-page">
        <div class="notice-card" role="alert">
          <h1>{loaded.status === 404 ? CLOSED_WORDS[text.locale].notFound.title : words.failed}</h1>
          <p>{loaded.status === 404 ? words.gone : loaded.message}</p>
          <a class="button" href="/">
            {CLOSED_WORDS[text.locale].home}
          </a>
        </div>
      </main>
    );
  }
  const { register } = loaded;
  const at = formatLocale(text.locale);
  const sittings = [...register.sittings].reverse();
  const toConfirm = register.sittings.filter((sitting) => !sitting.confirmed).length;

  const download = async () => {
    const result = await api.csv(localTimeZone());
    if (!result.ok) {
      setNotice(result.message);
      return;
    }
    saveFile(result.value, `register-${code}.csv`);
    setNotice(words.downloaded);
  };
  const forget = async (name: string) => {
    const result = await api.forget(name);
    setNotice(result.ok ? words.forgotten(name) : result.message);
    await load();
  };

  return (
    <>
      <main class="register">
        <header class="register__head">
          <p class="register__brand">{words.brand}</p>
          <h1>{loaded.name || words.untitled}</h1>
          <p class="muted">
            {words.code(code)} · <a href={`/f/${code}`}>{words.back}</a>
          </p>
        </header>
        {!register.standing && <p class="register__ordinary">{words.ordinary}</p>}
        {register.standing && sittings.length > 0 && (
          <p class="register__summary">
            {plural(text.locale, sittings.length, words.sittings)} ·{' '}
            {plural(text.locale, people.length, words.people)} ·{' '}
            {period(
              words,
              formatDate(register.sittings[0]?.startedAt ?? 0, at),
              formatDate(register.sittings.at(-1)?.startedAt ?? 0, at),
            )}
            {toConfirm > 0 && (
              <strong class="register__to-confirm"> · {words.toConfirm(toConfirm)}</strong>
            )}
          </p>
        )}
        <p class="register__notice" role="status">
          {notice}
        </p>

        {register.standing && (
          <section class="register__section" aria-labelledby="people-title">
            <h2 id="people-title">{words.peopleTitle}</h2>
            {people.length === 0 ? (
              <p class="muted">{words.nobody}</p>
            ) : (
              <div class="register__table-wrap">
                <table class="people">
                  <thead>
                    <tr>
                      <th scope="col">{words.name}</th>
                      <th scope="col">{words.sessionsAttended}</th>
                      <th scope="col">{words.casesPresented}</th>
                      <th scope="col">{words.first}</th>
                      <th scope="col">{words.last}</th>
                      <th scope="col">
                        <span class="visually-hidden">{words.actions}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {people.map((person) => (
                      <tr key={person.name}>
                        <th scope="row">{person.name}</th>
                        <td data-label={words.sessionsAttended}>{person.sessions}</td>
                        <td data-label={words.casesPresented}>{person.presented}</td>
                        <td data-label={words.first}>{formatDate(person.firstAt, at)}</td>
                        <td data-label={words.last}>{formatDate(person.lastAt, at)}</td>
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
                              {words.print}
                              <span class="visually-hidden">{words.printFor(person.name)}</span>
                            </button>
                            <button
                              type="button"
                              class="button button--quiet"
                              onClick={() => setForgetting(person.name)}
                            >
                              {words.forget}
                              <span class="visually-hidden"> {person.name}</span>
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
              <label for="facilitator-name">{words.facilitatorName}</label>
              <input
                id="facilitator-name"
                type="text"
                maxLength={80}
                autocomplete="name"
                value={facilitator}
                onInput={(event) => setFacilitator(event.currentTarget.value)}
              />
              <p class="muted register__hint">{words.printHint}</p>
              <button type="button" class="button" onClick={() => void download()}>
                {words.download}
              </button>
            </div>
          </section>
        )}
        <section class="register__section" aria-labelledby="sittings-title">
          <h2 id="sittings-title">{words.sittingsTitle}</h2>
          {sittings.length === 0 ? (
            <p class="muted">{words.noSitting}</p>
          ) : (
            <ul class="sittings">
              {sittings.map((sitting) => (
                <SittingItem
                  key={sitting.id}
                  sitting={sitting}
                  standing={register.standing}
                  language={loaded.language}
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
          title={words.forgetTitle(forgetting ?? '')}
          body={words.forgetBody}
          confirmLabel={words.forgetConfirm}
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
  language: Language;
  roster: readonly string[];
  api: RegisterApi;
  onSaved(): void;
}

function SittingItem({ sitting, standing, language, roster, api, onSaved }: SittingItemProps) {
  const words = useRegisterWords();
  const { locale } = useText();
  const at = formatLocale(locale);
  const count = sitting.attendance.length;
  return (
    <li class="sitting">
      <div class="sitting__head">
        <h3 class="sitting__date">{formatDate(sitting.startedAt, at)}</h3>
        <span class="muted">{formatSpan(sitting.startedAt, sitting.endedAt, at)}</span>
        <span class="muted">{plural(locale, sitting.cases, words.cases)}</span>
        {standing && (
          <span class={`sitting__count ${sitting.confirmed ? '' : 'sitting__count--open'}`}>
            {sitting.confirmed ? plural(locale, count, words.members) : words.attendanceToConfirm}
          </span>
        )}
      </div>
      {standing && sitting.confirmed && count > 0 && (
        <p class="sitting__names">
          {sitting.attendance
            .map((entry) => (entry.presented ? words.presentedName(entry.name) : entry.name))
            .join(', ')}
        </p>
      )}
      <details class="sitting__more" open={standing && !sitting.confirmed}>
        <summary>{standing ? words.more : words.timings}</summary>
        {standing && (
          <AttendanceEditor
            sitting={sitting}
            roster={roster}
            api={api}
            onSaved={onSaved}
            words={words.attendance}
          />
        )}
        <SittingChart
          phases={sitting.phases}
          cases={sitting.cases}
          words={words.chart}
          language={language}
        />
      </details>
    </li>
  );
}

/** "from 3 Mar 2026 to 9 Dec 2026", or "on 3 Mar 2026" while every sitting was on one day. */
function period(words: RegisterWords, first: string, last: string): string {
  return first === last ? words.onDay(first) : words.span(first, last);
}
