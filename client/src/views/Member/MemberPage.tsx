import { isPhaseId } from '@balint/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ClosedNotice } from '../../components/ClosedNotice.tsx';
import { ConnectionBadge } from '../../components/ConnectionBadge.tsx';
import { GroundRules } from '../../components/GroundRules.tsx';
import { PhaseAnnouncer } from '../../components/PhaseAnnouncer.tsx';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { TimeDigits } from '../../components/TimeDigits.tsx';
import { usePageSession } from '../../models/pageSession.ts';
import { announcement, nextText, phaseStep, phaseTitle } from '../../models/phaseText.ts';
import { useTitle } from '../../models/useTitle.ts';
import { useValue } from '../../models/useValue.ts';
import { MemberSettings } from './MemberSettings.tsx';
import { MemberPrefs } from './memberPrefs.ts';
import { isPresenting, promptFor } from './prompt.ts';
import './member.css';

interface Props {
  code: string;
}

/** A member's phone: the phase, the time left and what to do now. */
export function MemberPage({ code }: Props) {
  const [prefs] = useState(() => new MemberPrefs(code));
  const { session, countdown } = usePageSession(() => ({
    code,
    role: 'member',
    ...(prefs.name.peek() ? { name: prefs.name.peek() } : {}),
    device: prefs.device,
    offer: prefs.offer.peek(),
  }));
  const view = useValue(session.view);
  const status = useValue(session.status);
  const offer = useValue(prefs.offer);
  const presenter = view ? isPresenting(view, prefs.device) : false;
  const vibrate = useValue(prefs.vibrate);
  const reading = useValue(countdown.reading);
  usePhaseVibration(view?.phase, vibrate);
  useTitle('Member', view?.name);

  if (status === 'not_found' || status === 'expired' || status === 'invalid') {
    return <ClosedNotice status={status} code={code} />;
  }

  const live = status === 'live';
  const title = view ? phaseTitle(view) : 'Connecting…';
  const next = view ? nextText(view) : null;
  const step = view ? phaseStep(view) : null;
  const prompt = view ? promptFor(view, presenter) : null;
  const inPhase = view ? isPhaseId(view.phase) : false;

  return (
    <main class="member" data-phase={view?.phase ?? ''} data-status={status}>
      <PhaseAnnouncer message={view ? announcement(view) : ''} />
      <header class="member__bar">
        <p class="member__group">{view?.name || `Group ${code}`}</p>
        <ConnectionBadge status={status} />
      </header>

      <section class="member__now" aria-labelledby="member-phase">
        {step && <p class="member__step">Phase {step}</p>}
        <h1 id="member-phase" class="member__phase">
          {title}
        </h1>
        {inPhase && <TimeDigits reading={reading} stale={!live} class="member__digits" />}
        {inPhase && reading && (
          <ProgressBar
            progress={reading.countdown.overtime ? 1 : reading.progress}
            overtime={reading.countdown.overtime}
          />
        )}
        {inPhase && view && !view.running && <p class="member__paused">Paused</p>}
        {!live && view && (
          <p class="member__offline">Reconnecting… the time shown may be out of date.</p>
        )}
      </section>

      {prompt && (
        <section class={`member__prompt ${presenter ? 'member__prompt--presenter' : ''}`}>
          <h2 class="visually-hidden">What to do now</h2>
          {presenter && inPhase && <p class="member__role">You are presenting</p>}
          <p>{prompt}</p>
        </section>
      )}

      {next && <p class="member__next">Next: {next}</p>}

      <section class="member__controls">
        {!presenter && (
          <button
            type="button"
            class={`button member__presenting ${offer ? 'member__presenting--on' : ''}`}
            aria-pressed={offer}
            onClick={() => {
              prefs.setOffer(!offer);
              session.reconnect();
            }}
          >
            I have a case to offer
            {offer && <span aria-hidden="true"> ✓</span>}
          </button>
        )}
        <details class="member__details">
          <summary>Ground rules</summary>
          <GroundRules />
        </details>
        <MemberSettings prefs={prefs} onNameChange={() => session.reconnect()} />
      </section>
      <p class="member__foot">
        Confidential: nothing said in the group is typed in here or stored.
      </p>
    </main>
  );
}

/** A short buzz when the phase changes, once the member has opted in. */
function usePhaseVibration(phase: string | undefined, enabled: boolean): void {
  const previous = useRef(phase);
  useEffect(() => {
    // The choice is remembered, but after a reload the browser allows no buzz before a tap.
    const tapped = navigator.userActivation?.hasBeenActive !== false;
    if (enabled && tapped && previous.current !== undefined && phase !== previous.current) {
      navigator.vibrate?.([180, 90, 180]);
    }
    previous.current = phase;
  }, [phase, enabled]);
}
