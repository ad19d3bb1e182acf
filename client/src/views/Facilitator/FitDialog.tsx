import {
  type BudgetChange,
  type Fit,
  formatDuration,
  phasesToCome,
  type SessionView,
} from '@balint/shared';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
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
function restText(proposal: FitProposal | null): string {
  if (!proposal) return '';
  const { endsAt, fit } = proposal;
  const over = clockMinutesBetween(endsAt + fit.stillOverMs, endsAt);
  return over > 0
    ? `Even then, ${differenceText(over)}. The rest is for you and the group to decide.`
    : `The sitting then ends by ${formatTimeOfDay(endsAt)}.`;
}

/** Each budget still to come, old → new, and what still cannot be fitted; applied on confirm. */
export function FitDialog({ proposal, view, onApply, onClose }: Props) {
  const changes = proposal?.fit.changes ?? [];
  // Listed in the order the phases run; applied in the order the fit chose them.
  const order = (change: BudgetChange) =>
    view.plan.findIndex((entry) => entry.phase === change.phase);
  const listed = [...changes].sort((a, b) => order(a) - order(b));
  const toCome = phasesToCome(view);
  const title = (phase: BudgetChange['phase']) =>
    view.plan.find((entry) => entry.phase === phase)?.title ?? phase;
  const body = proposal
    ? `At this pace the sitting ends at ${formatTimeOfDay(proposal.projectedAt)}, ${differenceText(
        clockMinutesBetween(proposal.projectedAt, proposal.endsAt),
      )} the end at ${formatTimeOfDay(proposal.endsAt)}. The running phase keeps its time; these phases to come would be shorter:`
    : '';
  return (
    <ConfirmDialog
      open={proposal !== null}
      title="Fit the sitting to its end?"
      body={body}
      confirmLabel={changes.length === 1 ? 'Apply this change' : `Apply ${changes.length} changes`}
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
                {formatDuration(change.fromMs)} → <strong>{formatDuration(change.toMs)}</strong>
                {times > 1 && (
                  <span class="fit__times">
                    {' '}
                    · {times === 2 ? 'twice' : `${times} times`} to come
                  </span>
                )}
              </span>
            </li>
          );
        })}
      </ul>
      <p class="fit__rest">{restText(proposal)}</p>
    </ConfirmDialog>
  );
}
