import {
  GROUP_NAME_MAX,
  isJoinCode,
  normalizeJoinCode,
  PHASE_IDS,
  PHASES,
  type PhaseId,
} from '@balint/shared';
import { useState } from 'preact/hooks';
import { storageKeys, store } from '../../models/storage.ts';
import { minutesFieldToMs, msToMinutesField } from '../Facilitator/minutes.ts';
import { consolePath, createGroup } from './createGroup.ts';
import { type RecentGroup, recentGroups, rememberedPlan, rememberGroup } from './homeMemory.ts';
import './home.css';

type Minutes = Record<PhaseId, string>;

const DEFAULT_MINUTES = Object.fromEntries(
  PHASE_IDS.map((phase) => [phase, msToMinutesField(PHASES[phase].defaultBudgetMs)]),
) as Minutes;

/** The start page: create a group, or join one as a member. */
export function HomePage() {
  return (
    <main class="home">
      <header class="home__intro">
        <h1>Balint Timer</h1>
        <p class="home__lead">
          A calm timer for Balint groups. The facilitator’s laptop leads the five phases, a
          projector shows the time left, and members follow on their phones.
        </p>
        <p class="home__confidential">
          <strong>Confidential by design.</strong> Never type case content here: no patient details,
          no notes. A presenter is at most a first name or initials, and everything is deleted when
          the group expires.
        </p>
      </header>
      <ContinueSection groups={recentGroups(Date.now())} />
      <div class="home__grid">
        <CreateSection />
        <JoinSection />
      </div>
    </main>
  );
}

interface ContinueProps {
  groups: RecentGroup[];
}

/** Consoles of groups created on this device today: closing the tab loses nothing. */
function ContinueSection({ groups }: ContinueProps) {
  if (groups.length === 0) return null;
  return (
    <section class="home__continue" aria-labelledby="continue-title">
      <h2 id="continue-title">Continue on this device</h2>
      <ul>
        {groups.map((group) => (
          <li key={group.code}>
            <a href={`/f/${group.code}`}>
              {group.name || 'Unnamed group'} <span class="home__continue-code">{group.code}</span>
            </a>
            <span class="muted"> · created {timeOfDay(group.createdAt)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function timeOfDay(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

function CreateSection() {
  const [remembered] = useState(rememberedPlan);
  const [name, setName] = useState(remembered?.name ?? '');
  const [minutes, setMinutes] = useState<Minutes>(remembered?.minutes ?? DEFAULT_MINUTES);
  const [autoAdvance, setAutoAdvance] = useState(remembered?.autoAdvance ?? false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const invalid = PHASE_IDS.filter((phase) => minutesFieldToMs(minutes[phase]) === null);

  const submit = async (event: Event) => {
    event.preventDefault();
    if (invalid.length > 0) {
      setError('Each phase needs a length between 1 second and 180 minutes.');
      return;
    }
    setBusy(true);
    setError(null);
    const budgets = Object.fromEntries(
      PHASE_IDS.map((phase) => [phase, minutesFieldToMs(minutes[phase]) as number]),
    );
    const result = await createGroup({ name, budgets, autoAdvance });
    if (!result.ok) {
      setBusy(false);
      setError(result.message);
      return;
    }
    store.set(storageKeys.links(result.group.code), JSON.stringify(result.group.links));
    const createdAt = Date.now();
    rememberGroup(
      { code: result.group.code, name: name.trim(), createdAt },
      {
        name,
        minutes,
        autoAdvance,
      },
      createdAt,
    );
    location.assign(consolePath(result.group));
  };

  return (
    <section class="home__card" aria-labelledby="create-title">
      <h2 id="create-title">Start a group</h2>
      <form onSubmit={submit} noValidate>
        <label for="group-name">Group name (optional)</label>
        <input
          id="group-name"
          type="text"
          maxLength={GROUP_NAME_MAX}
          placeholder="e.g. Tuesday GP group"
          value={name}
          onInput={(event) => setName(event.currentTarget.value)}
        />
        <fieldset class="home__plan">
          <legend>Phase lengths, in minutes</legend>
          {remembered && <p class="home__hint">As last used on this device.</p>}
          {PHASE_IDS.map((phase) => (
            <div class="home__budget" key={phase}>
              <label for={`create-${phase}`}>{PHASES[phase].title}</label>
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
        <label class="home__check">
          <input
            type="checkbox"
            checked={autoAdvance}
            aria-describedby="auto-advance-hint"
            onChange={(event) => setAutoAdvance(event.currentTarget.checked)}
          />
          Move on automatically when a phase’s time is up
        </label>
        <p id="auto-advance-hint" class="home__hint">
          Off by default: when time is up the clock gently counts over time, and nobody is cut off
          mid-sentence. You move on with Next. Even when on, the last phase never ends by itself.
        </p>
        {error && (
          <p class="home__error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="button button--primary home__submit" disabled={busy}>
          {busy ? 'Creating…' : 'Create group and open the console'}
        </button>
      </form>
    </section>
  );
}

function JoinSection() {
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <section class="home__card" aria-labelledby="join-title">
      <h2 id="join-title">Join as a member</h2>
      <p class="muted">Enter the six-character code shown on the projector.</p>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const normalized = normalizeJoinCode(code);
          if (!isJoinCode(normalized)) {
            setError('A join code has six letters and digits, like K7M2QX.');
            return;
          }
          location.assign(`/m/${normalized}`);
        }}
      >
        <label for="join-code">Join code</label>
        <div class="home__row">
          <input
            id="join-code"
            type="text"
            autocomplete="off"
            autocapitalize="characters"
            spellcheck={false}
            maxLength={12}
            class="home__code"
            value={code}
            aria-invalid={error !== null}
            aria-describedby={error ? 'join-error' : undefined}
            onInput={(event) => {
              setCode(event.currentTarget.value);
              setError(null);
            }}
          />
          <button type="submit" class="button button--primary">
            Join
          </button>
        </div>
        {error && (
          <p id="join-error" class="home__error" role="alert">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}
