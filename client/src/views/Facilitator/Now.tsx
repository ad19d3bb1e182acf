import { isPhaseId, PHASE_IDS, type SessionView } from '@balint/shared';
import { Icon } from '../../components/Icon.tsx';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { TimeDigits } from '../../components/TimeDigits.tsx';
import { useConsoleWords } from '../../i18n/console/words.ts';
import { useText } from '../../i18n/dictionary.ts';
import type { Reading } from '../../models/countdown.ts';
import { nextText, phaseNumber, phaseTitle } from '../../models/phaseText.ts';
import type { ProjectionModel } from '../../models/projection.ts';
import { Controls } from './Controls.tsx';
import type { ConsoleModel } from './consoleModel.ts';
import { SittingFact } from './SittingFact.tsx';
import { SittingReview } from './SittingReview.tsx';
import { UndoBar } from './UndoBar.tsx';

interface Props {
  code: string;
  facilitatorKey: string;
  view: SessionView | null;
  reading: Reading | null;
  live: boolean;
  console: ConsoleModel;
  projection: ProjectionModel;
  pulseClass: string;
  /** The first view is in, or no server answers: what lies below the title may be drawn. */
  ready: boolean;
}

/** Where the session stands: its phase, the clock, the facts and the controls. */
export function Now({ view, ready, pulseClass, ...rest }: Props) {
  const text = useText();
  const number = view ? phaseNumber(view) : null;
  return (
    <section class={`now ${pulseClass}`} aria-labelledby="now-title">
      <p class="now__step">{number === null ? ' ' : text.member.step(number, PHASE_IDS.length)}</p>
      <h1 id="now-title" class="now__title">
        {view ? phaseTitle(view, text) : text.connection.connecting}
      </h1>
      {ready && <NowBelowTitle view={view} {...rest} />}
    </section>
  );
}

type BelowProps = Omit<Props, 'ready' | 'pulseClass'>;

function NowBelowTitle({
  code,
  facilitatorKey,
  view,
  reading,
  live,
  console: model,
  projection,
}: BelowProps) {
  const text = useText();
  const words = useConsoleWords();
  const inPhase = view ? isPhaseId(view.phase) : false;
  const overtime = reading?.countdown.overtime ?? false;
  return (
    <>
      {view && isPhaseId(view.phase) && <p class="now__who muted">{words.who[view.phase]}</p>}
      {inPhase ? (
        <>
          <TimeDigits reading={reading} stale={!live} class="now__digits" />
          <ProgressBar progress={overtime ? 1 : (reading?.progress ?? 0)} overtime={overtime} />
          {view?.running ? (
            <p class="now__state">
              {overtime ? words.overTime : words.running}
              {live ? '' : words.lastKnown}
            </p>
          ) : (
            <p class="now__state now__state--paused">
              <Icon name="pause" />
              {text.session.paused}
            </p>
          )}
        </>
      ) : (
        <p class="now__idle muted">{view?.phase === 'ended' ? words.endedIdle : words.lobbyIdle}</p>
      )}
      {view && (
        <dl class="now__facts">
          <div>
            <dt>{words.next}</dt>
            <dd>{nextText(view, text) ?? '—'}</dd>
          </div>
          <div>
            <dt>{words.case}</dt>
            <dd>{view.caseNumber}</dd>
          </div>
          <div>
            <dt>{words.presenter}</dt>
            <dd>{view.presenter ?? words.notSet}</dd>
          </div>
          <SittingFact projection={projection} />
        </dl>
      )}
      {view && <Controls view={view} console={model} live={live} />}
      {view && <UndoBar view={view} console={model} live={live} />}
      {view?.phase === 'ended' && (
        <SittingReview code={code} facilitatorKey={facilitatorKey} view={view} />
      )}
    </>
  );
}
