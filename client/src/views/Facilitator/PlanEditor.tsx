import { canSend, formatDuration, type PhaseId, type SessionView } from '@balint/shared';
import { useState } from 'preact/hooks';
import { useConsoleWords } from '../../i18n/console/words.ts';
import { useText } from '../../i18n/dictionary.ts';
import { formatLocale } from '../../i18n/formatLocale.ts';
import type { ConsoleModel } from './consoleModel.ts';
import { minutesFieldToMs, msToMinutesField } from './minutes.ts';

interface Props {
  view: SessionView;
  console: ConsoleModel;
  live: boolean;
}

type Drafts = Partial<Record<PhaseId, string>>;

const ERROR_ID = 'plan-error';

/** The five phases and their budgets, editable before and during the session. */
export function PlanEditor({ view, console: model, live }: Props) {
  const words = useConsoleWords().plan;
  const at = formatLocale(useText().locale);
  const editable = live && canSend(view, 'setBudget');
  // What is typed and not yet saved, by phase; a length the server would refuse stays here.
  const [drafts, setDrafts] = useState<Drafts>({});
  const setDraft = (phase: PhaseId, draft: string | null) =>
    setDrafts((current) => {
      const next = { ...current };
      if (draft === null) delete next[phase];
      else next[phase] = draft;
      return next;
    });
  const refused = Object.values(drafts).some((draft) => minutesFieldToMs(draft) === null);
  return (
    <section class="panel" aria-labelledby="plan-title">
      <div class="plan__head">
        <h2 id="plan-title">{words.title}</h2>
        {/* In the heading's line, so a refused length moves nothing below it. */}
        {refused && (
          <p id={ERROR_ID} class="plan__error" role="alert">
            {words.refused}
          </p>
        )}
      </div>
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
                draft={drafts[entry.phase] ?? null}
                disabled={!editable}
                onDraft={(draft) => setDraft(entry.phase, draft)}
                onSave={(ms) => model.run({ type: 'setBudget', phase: entry.phase, ms })}
                unit={words.unit}
              />
              {added > 0 && <span class="plan__added">+{formatDuration(added, at)}</span>}
            </li>
          );
        })}
      </ol>
      <p class="muted small">
        {words.minutes} {view.autoAdvance ? words.auto : words.manual}
      </p>
    </section>
  );
}

interface FieldProps {
  phase: PhaseId;
  budgetMs: number;
  draft: string | null;
  disabled: boolean;
  onDraft: (draft: string | null) => void;
  onSave: (ms: number) => void;
  unit: string;
}

function BudgetField({ phase, budgetMs, draft, disabled, onDraft, onSave, unit }: FieldProps) {
  const shown = draft ?? msToMinutesField(budgetMs);
  const parsed = draft === null ? budgetMs : minutesFieldToMs(draft);
  const save = () => {
    if (draft === null || parsed === null) return;
    if (parsed !== budgetMs) onSave(parsed);
    onDraft(null);
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
        aria-describedby={parsed === null ? ERROR_ID : undefined}
        onInput={(event) => onDraft(event.currentTarget.value)}
        onBlur={save}
        onKeyDown={(event) => {
          // Enter leaves the field, which saves it (onBlur), and gives the keyboard back to the
          // page's shortcuts. A length the server would refuse keeps the focus, to be corrected.
          if (event.key === 'Enter' && parsed !== null) event.currentTarget.blur();
          if (event.key === 'Escape') onDraft(null);
        }}
      />
      <span class="plan__unit" aria-hidden="true">
        {unit}
      </span>
    </span>
  );
}
