import { isPhaseId, PHASE_IDS } from '@balint/shared';
import { useEffect, useState } from 'preact/hooks';
import { ClosedNotice } from '../../components/ClosedNotice.tsx';
import { ConnectionBadge } from '../../components/ConnectionBadge.tsx';
import { Icon } from '../../components/Icon.tsx';
import { PhaseAnnouncer } from '../../components/PhaseAnnouncer.tsx';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { TimeDigits } from '../../components/TimeDigits.tsx';
import { consoleWords, useConsoleWords } from '../../i18n/console/words.ts';
import { useLanguage } from '../../i18n/dictionary.ts';
import { browserLanguage } from '../../i18n/languages.ts';
import { useGroupLanguage } from '../../i18n/useGroupLanguage.ts';
import { takeFacilitatorKey } from '../../models/facilitatorKey.ts';
import { usePageSession } from '../../models/pageSession.ts';
import { announcement, nextText, phaseNumber, phaseTitle } from '../../models/phaseText.ts';
import { useCues } from '../../models/useCues.ts';
import { useTitle } from '../../models/useTitle.ts';
import { useValue } from '../../models/useValue.ts';
import { Controls } from './Controls.tsx';
import { CuePanel, usePulseClass } from './CuePanel.tsx';
import { ConsoleModel } from './consoleModel.ts';
import { GroupActions } from './GroupActions.tsx';
import { LanguageChoice } from './LanguageChoice.tsx';
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

/** Without a key there is no group to ask: the browser's language. */
function NoKey({ code }: Props) {
  const [language] = useState(browserLanguage);
  const text = useLanguage(language, consoleWords);
  const ready = useValue(consoleWords.words);
  if (!text || !ready) return <main class="notice-page" />;
  return <NoKeyNotice code={code} />;
}

function NoKeyNotice({ code }: Props) {
  const words = useConsoleWords().noKey;
  return (
    <main class="notice-page">
      <div class="notice-card" role="alert">
        <h1>{words.title}</h1>
        <p>{words.body}</p>
        <p>{words.follow}</p>
        <p class="notice-card__actions">
          <a class="button button--primary" href={`/m/${code}`}>
            {words.member}
          </a>
          <a class="button" href={`/d/${code}`}>
            {words.display}
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
  // The console speaks the group's language, and nothing before it knows which.
  const text = useGroupLanguage(view?.language, status, null, consoleWords);
  const words = useValue(consoleWords.words);
  const reading = useValue(countdown.reading);
  const refusal = useValue(model.refusal);
  useTitle(words?.page ?? '', view?.name);
  const cues = useCues(page, 'console');
  const pulseClass = usePulseClass(cues);
  const projection = useProjection(session);

  if (status === 'forbidden') return <NoKey code={code} />;
  if (!text || !words) return <div class="console" />;
  if (status === 'not_found' || status === 'expired' || status === 'invalid') {
    return <ClosedNotice status={status} code={code} />;
  }

  const live = status === 'live';
  const title = view ? phaseTitle(view, text) : text.connection.connecting;
  const number = view ? phaseNumber(view) : null;
  const inPhase = view ? isPhaseId(view.phase) : false;
  const overtime = reading?.countdown.overtime ?? false;

  return (
    <div class="console" data-phase={view?.phase ?? ''} data-status={status}>
      <PhaseAnnouncer message={view ? announcement(view, text) : ''} />
      <header class="console__bar">
        <p class="console__brand">Balint Timer</p>
        <p class="console__group">{view?.name || words.untitled}</p>
        <p class="console__code">
          {words.code} <strong>{code}</strong>
        </p>
        <ProjectorButton code={code} />
        <ConnectionBadge status={status} showLive class="console__status" />
      </header>
      {(status === 'reconnecting' || status === 'rate_limited') && (
        <p class="console__offline" role="alert">
          {words.offline}
        </p>
      )}
      <main class="console__main">
        <section class={`now ${pulseClass}`} aria-labelledby="now-title">
          <p class="now__step">
            {number === null ? ' ' : text.member.step(number, PHASE_IDS.length)}
          </p>
          <h1 id="now-title" class="now__title">
            {title}
          </h1>
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
            <p class="now__idle muted">
              {view?.phase === 'ended' ? words.endedIdle : words.lobbyIdle}
            </p>
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
        </section>
        <aside class="console__side" aria-label={words.side}>
          {view && (
            <SittingPanel
              view={view}
              console={model}
              live={live}
              projection={projection}
              serverNow={() => session.clock.now()}
            />
          )}
          {view?.phase === 'lobby' && <LanguageChoice view={view} console={model} live={live} />}
          {view && <PlanEditor view={view} console={model} live={live} />}
          {view && <PresenterField view={view} console={model} live={live} />}
          {view && <Presence view={view} console={model} live={live} />}
          <CuePanel cues={cues} language={text.locale} />
          <ShareLinks code={code} facilitatorKey={facilitatorKey} />
          {view && <GroupActions code={code} facilitatorKey={facilitatorKey} view={view} />}
        </aside>
      </main>
      <RefusalNotice text={refusal} onDismiss={() => model.dismiss()} />
    </div>
  );
}
