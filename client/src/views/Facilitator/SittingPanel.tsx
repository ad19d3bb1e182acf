import { canSend, fitToEnd, type SessionView } from '@balint/shared';
import { useState } from 'preact/hooks';
import {
  differenceText,
  type Outlook,
  type ProjectionModel,
  worthFitting,
} from '../../models/projection.ts';
import { formatTimeOfDay } from '../../models/timeOfDay.ts';
import { useValue } from '../../models/useValue.ts';
import type { ConsoleModel } from './consoleModel.ts';
import { endAtFromField, fieldFromEndAt } from './endTime.ts';
import { FitDialog, type FitProposal } from './FitDialog.tsx';
import './sitting.css';

interface Props {
  view: SessionView;
  console: ConsoleModel;
  live: boolean;
  projection: ProjectionModel;
  /** The server's time, as this screen estimates it. */
  serverNow: () => number;
}

const ERROR_ID = 'sitting-error';

/** The sitting's planned end: set or clear it, see where the current pace leads, fit to it. */
export function SittingPanel({ view, console: model, live, projection, serverNow }: Props) {
  const outlook = useValue(projection.outlook);
  const editable = live && canSend(view, 'setEndTime');
  // What is typed and not yet set; a time from another console shows once nothing is typed.
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState(false);
  const [proposal, setProposal] = useState<FitProposal | null>(null);
  const shown = draft ?? (view.endsAt === null ? '' : fieldFromEndAt(view.endsAt));

  const submit = async (event: Event) => {
    event.preventDefault();
    if (draft === null) return;
    const at = endAtFromField(draft, serverNow());
    setError(at === null);
    if (at === null) return;
    const ack = await model.run({ type: 'setEndTime', at });
    if (ack?.ok) setDraft(null);
  };
  const overEnd = outlook !== null && worthFitting(outlook);
  const canFit =
    overEnd && view.endsAt !== null && fitToEnd(view, serverNow(), view.endsAt).changes.length > 0;
  const openFit = () => {
    if (view.endsAt === null || outlook?.projectedAt == null) return;
    setProposal({
      fit: fitToEnd(view, serverNow(), view.endsAt),
      endsAt: view.endsAt,
      projectedAt: outlook.projectedAt,
    });
  };

  return (
    <section class="panel sitting" aria-labelledby="sitting-title">
      <div class="plan__head">
        <h2 id="sitting-title">The sitting</h2>
        {/* In the heading's line, so a refused time moves nothing below it. */}
        {error ? (
          <p id={ERROR_ID} class="plan__error" role="alert">
            A time within 24 h
          </p>
        ) : (
          <p class="sitting__cases">
            {view.casesPlanned} {view.casesPlanned === 1 ? 'case' : 'cases'} planned
          </p>
        )}
      </div>
      <form class="sitting__end" onSubmit={submit}>
        <span class="sitting__field">
          <label for="sitting-end">Ends at</label>
          <input
            id="sitting-end"
            type="time"
            value={shown}
            disabled={!editable}
            aria-invalid={error}
            aria-describedby={error ? ERROR_ID : undefined}
            onInput={(event) => {
              setDraft(event.currentTarget.value);
              setError(false);
            }}
            onKeyDown={(event) => {
              if (event.key === 'Escape') {
                setDraft(null);
                setError(false);
              }
            }}
          />
        </span>
        <span class="sitting__buttons">
          <button type="submit" class="button" disabled={!editable || draft === null}>
            Set
          </button>
          <button
            type="button"
            class="button button--quiet"
            disabled={!editable || view.endsAt === null}
            onClick={() => {
              setDraft(null);
              setError(false);
              void model.run({ type: 'setEndTime', at: null });
            }}
          >
            Clear
          </button>
        </span>
      </form>
      <OutlookText outlook={outlook} />
      {/* One line whatever it holds, so the Fit button coming or going moves nothing below. */}
      <div class="sitting__action">
        {canFit ? (
          <button type="button" class="button sitting__fit" disabled={!live} onClick={openFit}>
            Fit to the end…
          </button>
        ) : (
          <p class="sitting__note">{actionNote(outlook, overEnd)}</p>
        )}
      </div>
      <FitDialog
        proposal={proposal}
        view={view}
        onApply={async (changes) => {
          for (const change of changes) {
            const ack = await model.run({
              type: 'setBudget',
              phase: change.phase,
              ms: change.toMs,
            });
            if (!ack?.ok) return;
          }
        }}
        onClose={() => setProposal(null)}
      />
    </section>
  );
}

/** What the action line says when there is nothing to fit. */
function actionNote(outlook: Outlook | null, overEnd: boolean): string {
  if (!outlook || outlook.projectedAt === null) return '';
  if (overEnd) return 'The phases to come are at their shortest.';
  if (outlook.endsAt === null) return 'Set an end to see how the pace compares.';
  return 'The plan fits the end.';
}

/** "At this pace: 13:37, 7 min over", or what the lobby and a sitting without an end can say. */
function OutlookText({ outlook }: { outlook: Outlook | null }) {
  if (!outlook || outlook.projectedAt === null) {
    return <p class="sitting__pace muted">The sitting has ended.</p>;
  }
  return (
    <p class="sitting__pace">
      At this pace: <strong>{formatTimeOfDay(outlook.projectedAt)}</strong>
      {outlook.overMinutes !== null && (
        <>
          , <span class="sitting__difference">{differenceText(outlook.overMinutes)}</span>
        </>
      )}
    </p>
  );
}
