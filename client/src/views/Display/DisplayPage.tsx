import { useEffect, useState } from 'preact/hooks';
import { ClosedNotice } from '../../components/ClosedNotice.tsx';
import { ConnectionBadge } from '../../components/ConnectionBadge.tsx';
import { GroundRules } from '../../components/GroundRules.tsx';
import { Icon } from '../../components/Icon.tsx';
import { PhaseAnnouncer } from '../../components/PhaseAnnouncer.tsx';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { QrCode } from '../../components/QrCode.tsx';
import { TimeDigits } from '../../components/TimeDigits.tsx';
import { displayWords, useDisplayWords } from '../../i18n/display/words.ts';
import { useGroupLanguage } from '../../i18n/useGroupLanguage.ts';
import { useLinkOrigin } from '../../models/links.ts';
import { usePageSession } from '../../models/pageSession.ts';
import { announcement, nextText, phaseStep, phaseTitle } from '../../models/phaseText.ts';
import { formatTimeOfDay } from '../../models/timeOfDay.ts';
import { useCues } from '../../models/useCues.ts';
import { useShownView } from '../../models/useShownView.ts';
import { useTitle } from '../../models/useTitle.ts';
import { useValue } from '../../models/useValue.ts';
import { DisplayCues } from './DisplayCues.tsx';
import { KeepAwakePrompt } from './KeepAwake.tsx';
import { ScreenAwake } from './screenAwake.ts';
import { useFullscreen, useIdle } from './useIdle.ts';
import './display.css';

interface Props {
  code: string;
}

/** The projector: a calm, huge countdown seen from across the room. */
export function DisplayPage({ code }: Props) {
  const page = usePageSession(() => ({ code, role: 'display' }));
  const { session, countdown } = page;
  const cues = useCues(page, 'projector');
  const awake = useScreenAwake();
  // Once the mouse rests, its pointer and the full-screen button leave the projected picture.
  const idle = useIdle(3000);
  const linkOrigin = useLinkOrigin(code);
  const status = useValue(session.status);
  const latest = useValue(session.view);
  const reading = useValue(countdown.reading);
  // The projector speaks the group's language, and nothing before it knows which.
  const text = useGroupLanguage(latest?.language, status, null, displayWords);
  const words = useValue(displayWords.words);
  const view = useShownView(latest, text);
  useTitle(words?.page ?? '', view?.name);

  if (!text || !words) return <main class="display" />;
  if (status === 'not_found' || status === 'expired' || status === 'invalid') {
    return <ClosedNotice status={status} code={code} />;
  }

  const live = status === 'live';
  const phase = view?.phase;
  const welcoming = phase === 'lobby' || phase === 'opening';
  const title = view ? phaseTitle(view, text) : text.connection.connecting;
  const next = view ? nextText(view, text) : null;
  const step = view ? phaseStep(view, text) : null;
  const overtime = reading?.countdown.overtime ?? false;
  const memberUrl = `${linkOrigin}/m/${code}`;

  return (
    <main
      class={`display ${welcoming ? `display--welcome display--${phase}` : ''} ${idle ? 'display--idle' : ''}`}
      data-phase={phase ?? ''}
      data-status={status}
    >
      <h1 class="visually-hidden">{words.heading(view?.name || words.group)}</h1>
      <PhaseAnnouncer message={view ? announcement(view, text) : ''} />
      {/*
        A new box once the first view is drawn: its layout (the title at the top in the lobby, the
        digits below it) takes the place of "Connecting…" rather than moving it.
      */}
      <div key={view ? 'view' : 'waiting'} class="display__timer">
        <p class="display__phase">
          {step && <span class="display__step">{step}</span>}
          {title}
        </p>
        {phase === 'lobby' && (
          <p class="display__lead">
            {view?.name ? `${view.name} · ` : ''}
            {words.soon}
          </p>
        )}
        {phase === 'ended' && <p class="display__lead">{words.thanks}</p>}
        {view && phase !== 'lobby' && phase !== 'ended' && (
          <>
            <TimeDigits reading={reading} stale={!live} class="display__digits" />
            <div class="display__bar">
              <ProgressBar progress={overtime ? 1 : (reading?.progress ?? 0)} overtime={overtime} />
            </div>
            <p class="display__next">
              {!view.running && (
                <span class="display__paused">
                  <Icon name="pause" />
                  {text.session.paused}
                </span>
              )}
              {view.caseNumber > 1 ? `${text.session.case(view.caseNumber)} · ` : ''}
              {next ? text.session.next(next) : ''}
            </p>
          </>
        )}
      </div>
      {welcoming && (
        <div class="display__welcome">
          <section class="display__join" aria-label={words.join}>
            <QrCode text={memberUrl} label={words.qr} class="display__qr" />
            <div>
              <p class="display__join-lead">{words.follow}</p>
              <p class="display__code">{code}</p>
              <p class="display__url">{memberUrl.replace(/^https?:\/\//, '')}</p>
            </div>
          </section>
          <section class="display__rules" aria-labelledby="display-rules">
            <h2 id="display-rules">{words.groundRules}</h2>
            <GroundRules />
          </section>
        </div>
      )}
      {view?.endsAt != null && phase !== 'ended' && (
        <p class="display__until">{words.until(formatTimeOfDay(view.endsAt))}</p>
      )}
      <ConnectionBadge status={status} class="display__status" />
      <div class="display__corner">
        <DisplayCues cues={cues} idle={idle} />
        {!awake && <FullscreenButton idle={idle} />}
      </div>
      {awake && <KeepAwakePrompt />}
    </main>
  );
}

/** Whether the wake-lock fallback still waits for its one gesture (then it asks for it). */
function useScreenAwake(): boolean {
  const [awake] = useState(() => new ScreenAwake());
  useEffect(() => () => awake.dispose(), [awake]);
  return useValue(awake.needsGesture);
}

function FullscreenButton({ idle }: { idle: boolean }) {
  const words = useDisplayWords();
  const fullscreen = useFullscreen();
  if (fullscreen || !document.fullscreenEnabled) return null;
  return (
    <button
      type="button"
      class={`button display__fullscreen ${idle ? 'display__fullscreen--hidden' : ''}`}
      onClick={() => void document.documentElement.requestFullscreen().catch(() => undefined)}
    >
      <Icon name="fullscreen" />
      {words.fullScreen}
    </button>
  );
}
