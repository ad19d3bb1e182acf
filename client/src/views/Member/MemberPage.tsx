import { isPhaseId, PHASE_IDS, type SessionView } from '@balint/shared';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ConnectionBadge } from '../../components/ConnectionBadge.tsx';
import { PhaseAnnouncer } from '../../components/PhaseAnnouncer.tsx';
import { ProgressBar } from '../../components/ProgressBar.tsx';
import { TimeDigits } from '../../components/TimeDigits.tsx';
import { useGroupLanguage } from '../../i18n/useGroupLanguage.ts';
import { usePageSession } from '../../models/pageSession.ts';
import { announcement, nextText, phaseNumber, phaseTitle } from '../../models/phaseText.ts';
import { useTitle } from '../../models/useTitle.ts';
import { useValue } from '../../models/useValue.ts';
import { isLate } from './late.ts';
import { MemberPrefs } from './memberPrefs.ts';
import { isPresenting, promptFor } from './prompt.ts';
import { RulesPanel } from './RulesPanel.tsx';
import { SettingsPanel } from './SettingsPanel.tsx';
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
  const LateNotice = useLateNotice(view);
  const vibrate = useValue(prefs.vibrate);
  const reading = useValue(countdown.reading);
  const own = useValue(prefs.language);
  const text = useGroupLanguage(view?.language, status, own);
  const closed = status === 'not_found' || status === 'expired' || status === 'invalid';
  const ClosedNotice = useClosedNotice(closed);
  usePhaseVibration(view?.phase, vibrate);
  useTitle(text?.member.page ?? '', view?.name);

  // Nothing is said before the page knows its language: no English first, no swap.
  if (!text) return <main class="member" />;
  if (closed)
    return ClosedNotice ? <ClosedNotice status={status} code={code} /> : <main class="member" />;

  const live = status === 'live';
  const title = view ? phaseTitle(view, text) : text.connection.connecting;
  const next = view ? nextText(view, text) : null;
  const number = view ? phaseNumber(view) : null;
  const prompt = view ? promptFor(view, presenter, text) : null;
  const inPhase = view ? isPhaseId(view.phase) : false;
  // Phase titles and prompts are the group's, whatever this phone's own language.
  const groupLang = inPhase ? view?.language : undefined;
  // Until the first view, only the top of the page is drawn: what comes later is laid out below
  // it and moves nothing already on screen (a phone's page must not jump as it loads).
  // (Should the server not answer, the rest comes anyway: the ground rules need no server.)
  const ready = view !== null || (status !== 'connecting' && status !== 'live');

  return (
    <main class="member" data-phase={view?.phase ?? ''} data-status={status}>
      <PhaseAnnouncer message={view ? announcement(view, text) : ''} />
      <header class="member__bar">
        <p class="member__group">{view?.name || text.member.group(code)}</p>
        <ConnectionBadge status={status} />
      </header>
      {LateNotice && <LateNotice view={view} presenter={presenter} />}

      <section class="member__now" aria-labelledby="member-phase">
        <p class="member__step">{number && text.member.step(number, PHASE_IDS.length)}</p>
        <h1 id="member-phase" class="member__phase" lang={groupLang}>
          {title}
        </h1>
        {inPhase && <TimeDigits reading={reading} stale={!live} class="member__digits" />}
        {inPhase && reading && (
          <ProgressBar
            progress={reading.countdown.overtime ? 1 : reading.progress}
            overtime={reading.countdown.overtime}
          />
        )}
        {inPhase && view && !view.running && <p class="member__paused">{text.session.paused}</p>}
        {!live && view && <p class="member__offline">{text.member.offline}</p>}
      </section>

      {ready && prompt && (
        <section class={`member__prompt ${presenter ? 'member__prompt--presenter' : ''}`}>
          <h2 class="visually-hidden">{text.member.whatNow}</h2>
          {presenter && inPhase && <p class="member__role">{text.member.presenting}</p>}
          <p lang={groupLang}>{prompt}</p>
        </section>
      )}

      {ready && next && <p class="member__next">{text.session.next(next)}</p>}

      {ready && (
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
              {text.member.offer}
              {offer && <span aria-hidden="true"> ✓</span>}
            </button>
          )}
          <RulesPanel title={text.groundRules.title} />
          {view && (
            <SettingsPanel
              prefs={prefs}
              group={view.language}
              onNameChange={() => session.reconnect()}
            />
          )}
        </section>
      )}
      {ready && <p class="member__foot">{text.member.foot}</p>}
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

type LateNoticeComponent = typeof import('./LateNotice.tsx').LateNotice;

/**
 * The late member's notice, loaded only for a phone whose first view comes after the
 * presentation began (most phones are there from the start; the page has a 30 KB budget).
 */
function useLateNotice(view: SessionView | null): LateNoticeComponent | null {
  const [notice, setNotice] = useState<LateNoticeComponent | null>(null);
  const first = useRef<string | null>(null);
  useEffect(() => {
    if (!view || first.current !== null) return;
    first.current = view.phase;
    if (!isLate(view.phase)) return;
    void import('./LateNotice.tsx').then((loaded) => setNotice(() => loaded.LateNotice));
  }, [view]);
  return notice;
}

type ClosedNoticeComponent = typeof import('../../components/ClosedNotice.tsx').ClosedNotice;

/**
 * The closed-group notice, loaded only for a group that is gone: phones and projectors rarely
 * need it, and the member page has a 30 KB budget.
 */
function useClosedNotice(closed: boolean): ClosedNoticeComponent | null {
  const [notice, setNotice] = useState<ClosedNoticeComponent | null>(null);
  useEffect(() => {
    if (!closed || notice) return;
    void import('../../components/ClosedNotice.tsx').then((loaded) =>
      setNotice(() => loaded.ClosedNotice),
    );
  }, [closed, notice]);
  return notice;
}
