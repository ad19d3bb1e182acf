import {
  GROUP_NAME_MAX,
  isLanguage,
  LANGUAGES,
  type Language,
  PHASE_IDS,
  PHASE_TEXTS,
  PHASES,
  type PhaseId,
} from '@balint/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useText } from '../../i18n/dictionary.ts';
import type { HomeWords } from '../../i18n/home/en.ts';
import { useHomeWords } from '../../i18n/home/words.ts';
import { LANGUAGE_NAMES } from '../../i18n/languages.ts';
import { storageKeys, store } from '../../models/storage.ts';
import { minutesFieldToMs, msToMinutesField } from '../Facilitator/minutes.ts';
import { type CreateProblem, consolePath, createGroup } from './createGroup.ts';
import { HintedCheck } from './HintedCheck.tsx';
import { rememberedPlan, rememberGroup } from './homeMemory.ts';

type Minutes = Record<PhaseId, string>;

const DEFAULT_MINUTES = Object.fromEntries(
  PHASE_IDS.map((phase) => [phase, msToMinutesField(PHASES[phase].defaultBudgetMs)]),
) as Minutes;

/** Phones mostly belong to members: there the form waits behind one deliberate tap. */
const PHONE_QUERY = '(max-width: 760px)';

/** The planned sitting's length with these lengths ("1 h 45 min"), or null if one is invalid. */
function sittingLength(minutes: Minutes, cases: number): string | null {
  const budgets = PHASE_IDS.map((phase) => minutesFieldToMs(minutes[phase]));
  if (budgets.some((ms) => ms === null)) return null;
  const [opening = 0, ...rest] = budgets as number[];
  const caseMs = rest.reduce((sum, ms) => sum + ms, 0);
  const total = Math.round((opening + cases * caseMs) / 60_000);
  const hours = Math.floor(total / 60);
  return hours > 0 ? `${hours} h ${total % 60} min` : `${total} min`;
}

/** A facilitator starts a new group: name, phase lengths, then the console. */
export function CreateSection() {
  const text = useHomeWords();
  const [open, setOpen] = useState(() => !matchMedia(PHONE_QUERY).matches);
  const opened = useRef(false);
  useEffect(() => {
    if (open && opened.current) document.getElementById('group-name')?.focus();
  }, [open]);
  return (
    <section class="home__card home__create" aria-labelledby="create-title">
      <h2 id="create-title">{text.createTitle}</h2>
      {open ? (
        <CreateForm />
      ) : (
        <>
          <p class="muted">{text.createLead}</p>
          <button
            type="button"
            class="button home__open-create"
            aria-expanded="false"
            onClick={() => {
              opened.current = true;
              setOpen(true);
            }}
          >
            {text.openCreate}
          </button>
        </>
      )}
    </section>
  );
}

function CreateForm() {
  const { locale } = useText();
  const text = useHomeWords();
  const [remembered] = useState(rememberedPlan);
  const [name, setName] = useState(remembered?.name ?? '');
  // A new facilitator's group speaks what this page speaks; a weekly one keeps its language.
  const [language, setLanguage] = useState<Language>(remembered?.language ?? locale);
  const [minutes, setMinutes] = useState<Minutes>(remembered?.minutes ?? DEFAULT_MINUTES);
  const [autoAdvance, setAutoAdvance] = useState(remembered?.autoAdvance ?? false);
  const [cases, setCases] = useState(remembered?.cases ?? 1);
  const [standing, setStanding] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const titles = PHASE_TEXTS[locale].titles;
  const [busy, setBusy] = useState(false);
  const invalid = PHASE_IDS.filter((phase) => minutesFieldToMs(minutes[phase]) === null);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (invalid.length > 0) {
      setError(text.badLengths);
      return;
    }
    setBusy(true);
    setError(null);
    const budgets = Object.fromEntries(
      PHASE_IDS.map((phase) => [phase, minutesFieldToMs(minutes[phase]) as number]),
    );
    const result = await createGroup({ name, language, budgets, autoAdvance, cases, standing });
    if (!result.ok) {
      setBusy(false);
      setError(problemText(result.problem, text));
      return;
    }
    store.set(storageKeys.links(result.group.code), JSON.stringify(result.group.links));
    const createdAt = Date.now();
    rememberGroup(
      { code: result.group.code, name: name.trim(), createdAt, ...(standing ? { standing } : {}) },
      { name, language, minutes, autoAdvance, cases },
      createdAt,
    );
    location.assign(consolePath(result.group));
  };

  return (
    <form onSubmit={submit} noValidate>
      <label for="group-name">{text.name}</label>
      <input
        id="group-name"
        type="text"
        maxLength={GROUP_NAME_MAX}
        placeholder={text.namePlaceholder}
        value={name}
        onInput={(event) => setName(event.currentTarget.value)}
      />
      <label for="group-language" class="home__language-label">
        {text.language}
      </label>
      <select
        id="group-language"
        class="home__language"
        value={language}
        aria-describedby="group-language-hint"
        onChange={(event) => {
          const chosen = event.currentTarget.value;
          if (isLanguage(chosen)) setLanguage(chosen);
        }}
      >
        {LANGUAGES.map((option) => (
          <option key={option} value={option} lang={option}>
            {LANGUAGE_NAMES[option]}
          </option>
        ))}
      </select>
      <p id="group-language-hint" class="home__hint">
        {text.languageHint}
      </p>
      <fieldset class="home__plan">
        <legend>{text.lengths}</legend>
        {remembered && <p class="home__hint">{text.remembered}</p>}
        {PHASE_IDS.map((phase) => (
          <div class="home__budget" key={phase}>
            <label for={`create-${phase}`}>{titles[phase]}</label>
            <input
              id={`create-${phase}`}
              type="number"
              inputMode="decimal"
              min="0.1"
              max="180"
              step="any"
              value={minutes[phase]}
              aria-invalid={invalid.includes(phase)}
              onInput={(event) => {
                const value = event.currentTarget.value;
                setMinutes((current) => ({ ...current, [phase]: value }));
              }}
            />
          </div>
        ))}
      </fieldset>
      <div class="home__budget home__cases">
        <label for="create-cases">{text.cases}</label>
        <select
          id="create-cases"
          value={cases}
          aria-describedby="create-cases-hint"
          onChange={(event) => setCases(Number(event.currentTarget.value))}
        >
          {[1, 2, 3].map((count) => (
            <option key={count} value={count}>
              {count}
            </option>
          ))}
        </select>
      </div>
      <p id="create-cases-hint" class="home__hint">
        {((length) => (length ? text.sittingLength(length) : '\u00a0'))(
          sittingLength(minutes, cases),
        )}
      </p>
      <HintedCheck
        id="auto-advance"
        checked={autoAdvance}
        onChange={setAutoAdvance}
        label={text.autoAdvance}
        hint={text.autoAdvanceHint}
      />
      <HintedCheck
        id="standing"
        checked={standing}
        onChange={setStanding}
        label={text.standing}
        hint={text.standingHint}
      />
      {error && (
        <p class="home__error" role="alert">
          {error}
        </p>
      )}
      <button type="submit" class="button button--primary home__submit" disabled={busy}>
        {busy ? text.creating : text.create}
      </button>
    </form>
  );
}

function problemText(problem: CreateProblem, text: HomeWords): string {
  switch (problem.kind) {
    case 'unreachable':
      return text.unreachable;
    case 'rateLimited':
      return text.rateLimited;
    case 'failed':
      return text.createFailed(problem.status);
    default:
      return problem satisfies never;
  }
}
