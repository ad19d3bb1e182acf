import { isPhaseId } from '@balint/shared';
import { useEffect, useState } from 'preact/hooks';
import { ClosedNotice } from '../../components/ClosedNotice.tsx';
import { ConnectionBadge } from '../../components/ConnectionBadge.tsx';
import { Icon } from '../../components/Icon.tsx';
import { PhaseAnnouncer } from '../../components/PhaseAnnouncer.tsx';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { TimeDigits } from '../../components/TimeDigits.tsx';
import { useGroupLanguage } from '../../i18n/useGroupLanguage.ts';
import { takeFacilitatorKey } from '../../models/facilitatorKey.ts';
import { usePageSession } from '../../models/pageSession.ts';
import { announcement, nextText, phaseStep, phaseTitle } from '../../models/phaseText.ts';
import { useCues } from '../../models/useCues.ts';
import { useTitle } from '../../models/useTitle.ts';
import { useValue } from '../../models/useValue.ts';
import { Controls } from './Controls.tsx';
import { CuePanel, usePulseClass } from './CuePanel.tsx';
import { ConsoleModel } from './consoleModel.ts';
import { GroupActions } from './GroupActions.tsx';
import { PlanEditor } from './PlanEditor.tsx';
import { Presence } from './Presence.tsx';
import { PresenterField } from './PresenterField.tsx';
import { ProjectorButton } from './ProjectorButton.tsx';
import { RefusalNotice } from './RefusalNotice.tsx';
import { ShareLinks } from './ShareLinks.tsx';
import { SittingFact, useProjection } from './SittingFact.tsx';
import { SittingPanel } from './SittingPanel.tsx';
import { SittingReview } from './SittingReview.tsx';
import { UndoBar } from './UndoBar.tsx';
import { WHO_SPEAKS } from './whoSpeaks.ts';
import './facilitator.css';

interface Props {
  code: string;
}

/** The facilitator's page: the console if this browser holds the group's key. */
export function FacilitatorPage({ code }: Props) {
  const [key] = useState(() => takeFacilitatorKey(code));
  if (!key) return <NoKey code={code} />;
  return <Console code={code} facilitatorKey={key} />;
}

function NoKey({ code }: Props) {
  return (
    <main class="notice-page">
      <div class="notice-card" role="alert">
        <h1>This browser cannot control the session</h1>
        <p>
          The console needs the facilitator link with its key, as shown when the group was created
          (or shared by the facilitator as a co-facilitator link).
        </p>
        <p>You can still follow the session:</p>
        <p class="notice-card__actions">
          <a class="button button--primary" href={`/m/${code}`}>
            Open the member view
          </a>
          <a class="button" href={`/d/${code}`}>
            Open the projector display
          </a>
        </p>
      </div>
    </main>
  );
}

interface ConsoleProps {
  code: string;
  facilitatorKey: string;
}

function Console({ code, facilitatorKey }: ConsoleProps) {
  const page = usePageSession(() => ({
    code,
    role: 'facilitator',
    key: facilitatorKey,
  }));
  const { session, countdown } = page;
  const [model] = useState(() => new ConsoleModel(session));
  useEffect(() => () => model.dispose(), [model]);
  const view = useValue(session.view);
  const status = useValue(session.status);
  useGroupLanguage(view?.language, status);
  const reading = useValue(countdown.reading);
  const refusal = useValue(model.refusal);
  useTitle('Console', view?.name);
  const cues = useCues(page, 'console');
  const pulseClass = usePulseClass(cues);
  const projection = useProjection(session);

  if (status === 'forbidden') return <NoKey code={code} />;
  if (status === 'not_found' || status === 'expired' || status === 'invalid') {
    return <ClosedNotice status={status} code={code} />;
  }

  const live = status === 'live';
  const title = view ? phaseTitle(view) : 'Connecting…';
  const inPhase = view ? isPhaseId(view.phase) : false;
  const overtime = reading?.countdown.overtime ?? false;

  return (
    <div class="console" data-phase={view?.phase ?? ''} data-status={status}>
      <PhaseAnnouncer message={view ? announcement(view) : ''} />
      <header class="console__bar">
        <p class="console__brand">Balint Timer</p>
        <p class="console__group">{view?.name || 'Untitled group'}</p>
        <p class="console__code">
          Code <strong>{code}</strong>
        </p>
        <ProjectorButton code={code} />
        <ConnectionBadge status={status} showLive class="console__status" />
      </header>
      {(status === 'reconnecting' || status === 'rate_limited') && (
        <p class="console__offline" role="alert">
          Not connected to the server: reconnecting… The time shown may be out of date, and the
          controls come back with the connection.
        </p>
      )}
      <main class="console__main">
        <section class={`now ${pulseClass}`} aria-labelledby="now-title">
          <p class="now__step">{view && phaseStep(view) ? `Phase ${phaseStep(view)}` : ' '}</p>
          <h1 id="now-title" class="now__title">
            {title}
          </h1>
          {view && isPhaseId(view.phase) && <p class="now__who muted">{WHO_SPEAKS[view.phase]}</p>}
          {inPhase ? (
            <>
              <TimeDigits reading={reading} stale={!live} class="now__digits" />
              <ProgressBar progress={overtime ? 1 : (reading?.progress ?? 0)} overtime={overtime} />
              {view?.running ? (
                <p class="now__state">
                  {overtime ? 'Over time, counting up' : 'Running'}
                  {live ? '' : ' (last known)'}
                </p>
              ) : (
                <p class="now__state now__state--paused">
                  <Icon name="pause" />
                  Paused
                </p>
              )}
            </>
          ) : (
            <p class="now__idle muted">
              {view?.phase === 'ended'
                ? 'The session has ended. Reset to use the same plan again.'
                : 'Share the join code, then start when the group is ready.'}
            </p>
          )}
          {view && (
            <dl class="now__facts">
              <div>
                <dt>Next</dt>
                <dd>{nextText(view) ?? '—'}</dd>
              </div>
              <div>
                <dt>Case</dt>
                <dd>{view.caseNumber}</dd>
              </div>
              <div>
                <dt>Presenter</dt>
                <dd>{view.presenter ?? 'not set'}</dd>
              </div>
              <SittingFact projection={projection} />
            </dl>
          )}
          {view && <Controls view={view} console={model} live={live} />}
          {view && <UndoBar view={view} console={model} live={live} />}
          {view?.phase === 'ended' && (
            <SittingReview code={code} facilitatorKey={facilitatorKey} view={view} />
          )}
        </section>
        <aside class="console__side" aria-label="Sitting, plan, presenter, people, cues and links">
          {view && (
            <SittingPanel
              view={view}
              console={model}
              live={live}
              projection={projection}
              serverNow={() => session.clock.now()}
            />
          )}
          {view && <PlanEditor view={view} console={model} live={live} />}
          {view && <PresenterField view={view} console={model} live={live} />}
          {view && <Presence view={view} console={model} live={live} />}
          <CuePanel cues={cues} />
          <ShareLinks code={code} facilitatorKey={facilitatorKey} />
          {view && <GroupActions code={code} facilitatorKey={facilitatorKey} view={view} />}
        </aside>
      </main>
      <RefusalNotice text={refusal} onDismiss={() => model.dismiss()} />
    </div>
  );
}
