import {
  type BudgetChange,
  type Fit,
  formatDuration,
  phasesToCome,
  type SessionView,
} from '@balint/shared';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import type { ConsoleWords } from '../../i18n/console/en.ts';
import { useConsoleWords } from '../../i18n/console/words.ts';
import { useText } from '../../i18n/dictionary.ts';
import { formatLocale } from '../../i18n/formatLocale.ts';
import { plural } from '../../i18n/plural.ts';
import { clockMinutesBetween, differenceText } from '../../models/projection.ts';
import { formatTimeOfDay } from '../../models/timeOfDay.ts';

/** A fit as proposed when the dialog opened: it stays as read until applied or cancelled. */
export interface FitProposal {
  fit: Fit;
  endsAt: number;
  projectedAt: number;
}

interface Props {
  proposal: FitProposal | null;
  view: SessionView;
  onApply: (changes: BudgetChange[]) => void;
  onClose: () => void;
}

/** What the fit leaves: on time, or how much it still cannot fit. */
function restText(proposal: FitProposal | null, words: ConsoleWords, at: string): string {
  if (!proposal) return '';
  const { endsAt, fit } = proposal;
  const over = clockMinutesBetween(endsAt + fit.stillOverMs, endsAt);
  return over > 0
    ? words.fit.still(differenceText(over, words.sitting))
    : words.fit.onTime(formatTimeOfDay(endsAt, at));
}

/** Each budget still to come, old → new, and what still cannot be fitted; applied on confirm. */
export function FitDialog({ proposal, view, onApply, onClose }: Props) {
  const words = useConsoleWords();
  const { locale } = useText();
  const at = formatLocale(locale);
  const changes = proposal?.fit.changes ?? [];
  // Listed in the order the phases run; applied in the order the fit chose them.
  const order = (change: BudgetChange) =>
    view.plan.findIndex((entry) => entry.phase === change.phase);
  const listed = [...changes].sort((a, b) => order(a) - order(b));
  const toCome = phasesToCome(view);
  const title = (phase: BudgetChange['phase']) =>
    view.plan.find((entry) => entry.phase === phase)?.title ?? phase;
  const body = proposal
    ? words.fit.body(
        formatTimeOfDay(proposal.projectedAt, at),
        differenceText(clockMinutesBetween(proposal.projectedAt, proposal.endsAt), words.sitting),
        formatTimeOfDay(proposal.endsAt, at),
      )
    : '';
  return (
    <ConfirmDialog
      open={proposal !== null}
      title={words.fit.title}
      body={body}
      confirmLabel={plural(locale, changes.length, words.fit.apply)}
      onConfirm={() => onApply(changes)}
      onClose={onClose}
    >
      <ul class="fit__changes">
        {listed.map((change) => {
          const times = toCome.get(change.phase) ?? 1;
          return (
            <li key={change.phase} class="fit__change">
              <span class="fit__phase">{title(change.phase)}</span>
              <span class="fit__budgets">
                {formatDuration(change.fromMs, at)} →{' '}
                <strong>{formatDuration(change.toMs, at)}</strong>
                {times > 1 && <span class="fit__times"> · {words.fit.times(times)}</span>}
              </span>
            </li>
          );
        })}
      </ul>
      <p class="fit__rest">{restText(proposal, words, at)}</p>
    </ConfirmDialog>
  );
}
