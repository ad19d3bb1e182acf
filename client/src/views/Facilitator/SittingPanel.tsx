import { canSend, fitToEnd, type SessionView } from '@balint/shared';
import { useState } from 'preact/hooks';
import type { ConsoleWords } from '../../i18n/console/en.ts';
import { useConsoleWords } from '../../i18n/console/words.ts';
import { useText } from '../../i18n/dictionary.ts';
import { formatLocale } from '../../i18n/formatLocale.ts';
import { plural } from '../../i18n/plural.ts';
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

type Words = ConsoleWords['sitting'];

/** The sitting's planned end: set or clear it, see where the current pace leads, fit to it. */
export function SittingPanel({ view, console: model, live, projection, serverNow }: Props) {
  const words = useConsoleWords().sitting;
  const { locale } = useText();
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
        <h2 id="sitting-title">{words.title}</h2>
        {/* In the heading's line, so a refused time moves nothing below it. */}
        {error ? (
          <p id={ERROR_ID} class="plan__error" role="alert">
            {words.refused}
          </p>
        ) : (
          <p class="sitting__cases">{plural(locale, view.casesPlanned, words.planned)}</p>
        )}
      </div>
      <form class="sitting__end" onSubmit={submit}>
        <span class="sitting__field">
          <label for="sitting-end">{words.endsAt}</label>
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
            {words.set}
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
            {words.clear}
          </button>
        </span>
      </form>
      <OutlookText outlook={outlook} words={words} at={formatLocale(locale)} />
      {/* One line whatever it holds, so the Fit button coming or going moves nothing below. */}
      <div class="sitting__action">
        {canFit ? (
          <button type="button" class="button sitting__fit" disabled={!live} onClick={openFit}>
            {words.fit}
          </button>
        ) : (
          <p class="sitting__note">{actionNote(outlook, overEnd, words)}</p>
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
function actionNote(outlook: Outlook | null, overEnd: boolean, words: Words): string {
  if (!outlook || outlook.projectedAt === null) return '';
  if (overEnd) return words.shortest;
  if (outlook.endsAt === null) return words.setEnd;
  return words.fits;
}

/** "At this pace: 13:37, 7 min over", or what the lobby and a sitting without an end can say. */
function OutlookText({
  outlook,
  words,
  at,
}: {
  outlook: Outlook | null;
  words: Words;
  at: string;
}) {
  if (!outlook || outlook.projectedAt === null) {
    return <p class="sitting__pace muted">{words.ended}</p>;
  }
  return (
    <p class="sitting__pace">
      {words.pace}
      <strong>{formatTimeOfDay(outlook.projectedAt, at)}</strong>
      {outlook.overMinutes !== null && (
        <>
          , <span class="sitting__difference">{differenceText(outlook.overMinutes, words)}</span>
        </>
      )}
    </p>
  );
}
