import { GROUP_NAME_MAX, PHASE_IDS, PHASES, type PhaseId } from '@balint/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { storageKeys, store } from '../../models/storage.ts';
import { minutesFieldToMs, msToMinutesField } from '../Facilitator/minutes.ts';
import { consolePath, createGroup } from './createGroup.ts';
import { rememberedPlan, rememberGroup } from './homeMemory.ts';

type Minutes = Record<PhaseId, string>;

const DEFAULT_MINUTES = Object.fromEntries(
  PHASE_IDS.map((phase) => [phase, msToMinutesField(PHASES[phase].defaultBudgetMs)]),
) as Minutes;

/** Phones mostly belong to members: there the form waits behind one deliberate tap. */
const PHONE_QUERY = '(max-width: 760px)';

/** A facilitator starts a new group: name, phase lengths, then the console. */
export function CreateSection() {
  const [open, setOpen] = useState(() => !matchMedia(PHONE_QUERY).matches);
  const opened = useRef(false);
  useEffect(() => {
    if (open && opened.current) document.getElementById('group-name')?.focus();
  }, [open]);
  return (
    <section class="home__card home__create" aria-labelledby="create-title">
      <h2 id="create-title">Start a group</h2>
      {open ? (
        <CreateForm />
      ) : (
        <>
          <p class="muted">
            For the facilitator: set the phase lengths and open the console that runs the session.
          </p>
          <button
            type="button"
            class="button home__open-create"
            aria-expanded="false"
            onClick={() => {
              opened.current = true;
              setOpen(true);
            }}
          >
            Start a new group
          </button>
        </>
      )}
    </section>
  );
}

function CreateForm() {
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
  );
}
