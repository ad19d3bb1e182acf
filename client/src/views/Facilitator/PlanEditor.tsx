import { canSend, formatDuration, type PhaseId, type SessionView } from '@balint/shared';
import { useState } from 'preact/hooks';
import type { ConsoleModel } from './consoleModel.ts';
import { minutesFieldToMs, msToMinutesField } from './minutes.ts';

interface Props {
  view: SessionView;
  console: ConsoleModel;
  live: boolean;
}

/** The five phases and their budgets, editable before and during the session. */
export function PlanEditor({ view, console: model, live }: Props) {
  const editable = live && canSend(view, 'setBudget');
  return (
    <section class="panel" aria-labelledby="plan-title">
      <h2 id="plan-title">Plan</h2>
      <ol class="plan">
        {view.plan.map((entry) => {
          const current = entry.phase === view.phase;
          const added = current ? view.phaseBudgetMs - entry.budgetMs : 0;
          return (
            <li
              key={entry.phase}
              class={`plan__row ${current ? 'plan__row--current' : ''}`}
              aria-current={current ? 'step' : undefined}
            >
              <label for={`budget-${entry.phase}`} class="plan__title">
                {entry.title}
              </label>
              <BudgetField
                phase={entry.phase}
                budgetMs={entry.budgetMs}
                disabled={!editable}
                onSave={(ms) => model.run({ type: 'setBudget', phase: entry.phase, ms })}
              />
              {added > 0 && <span class="plan__added">+{formatDuration(added)}</span>}
            </li>
          );
        })}
      </ol>
      <p class="muted small">
        Minutes.{' '}
        {view.autoAdvance
          ? 'Auto-advance is on: phases move on when time is up (never out of the last one).'
          : 'Time-up never moves on by itself: the clock counts over time until you press Next.'}
      </p>
    </section>
  );
}

interface FieldProps {
  phase: PhaseId;
  budgetMs: number;
  disabled: boolean;
  onSave: (ms: number) => void;
}

function BudgetField({ phase, budgetMs, disabled, onSave }: FieldProps) {
  const [draft, setDraft] = useState<string | null>(null);
  const shown = draft ?? msToMinutesField(budgetMs);
  const parsed = draft === null ? budgetMs : minutesFieldToMs(draft);
  const save = () => {
    if (draft === null) return;
    if (parsed !== null && parsed !== budgetMs) onSave(parsed);
    if (parsed !== null) setDraft(null);
  };
  return (
    <span class="plan__field">
      <input
        id={`budget-${phase}`}
        type="number"
        inputMode="decimal"
        min="0.1"
        max="180"
        step="any"
        value={shown}
        disabled={disabled}
        aria-invalid={parsed === null}
        aria-describedby={parsed === null ? `budget-${phase}-error` : undefined}
        onInput={(event) => setDraft(event.currentTarget.value)}
        onBlur={save}
        onKeyDown={(event) => {
          if (event.key === 'Enter') save();
          if (event.key === 'Escape') setDraft(null);
        }}
      />
      <span class="plan__unit" aria-hidden="true">
        min
      </span>
      {parsed === null && (
        <span id={`budget-${phase}-error`} class="plan__error">
          1 s to 180 min
        </span>
      )}
    </span>
  );
}
