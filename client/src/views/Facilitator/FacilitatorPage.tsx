import { useEffect, useState } from 'preact/hooks';
import { ClosedNotice } from '../../components/ClosedNotice.tsx';
import { ConnectionBadge } from '../../components/ConnectionBadge.tsx';
import { PhaseAnnouncer } from '../../components/PhaseAnnouncer.tsx';
import { consoleWords, useConsoleWords } from '../../i18n/console/words.ts';
import { useLanguage } from '../../i18n/dictionary.ts';
import { browserLanguage } from '../../i18n/languages.ts';
import { useGroupLanguage } from '../../i18n/useGroupLanguage.ts';
import { takeFacilitatorKey } from '../../models/facilitatorKey.ts';
import { usePageSession } from '../../models/pageSession.ts';
import { announcement } from '../../models/phaseText.ts';
import { useCues } from '../../models/useCues.ts';
import { useShownView } from '../../models/useShownView.ts';
import { useTitle } from '../../models/useTitle.ts';
import { useValue } from '../../models/useValue.ts';
import { ConsoleSide } from './ConsoleSide.tsx';
import { usePulseClass } from './CuePanel.tsx';
import { ConsoleModel } from './consoleModel.ts';
import { Now } from './Now.tsx';
import { ProjectorButton } from './ProjectorButton.tsx';
import { RefusalNotice } from './RefusalNotice.tsx';
import { useProjection } from './SittingFact.tsx';
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
  const status = useValue(session.status);
  const latest = useValue(session.view);
  // The console speaks the group's language, and nothing before it knows which.
  const text = useGroupLanguage(latest?.language, status, null, consoleWords);
  const words = useValue(consoleWords.words);
  const view = useShownView(latest, text);
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
  // Until the first view (in its words), only the bar, the title and the empty side are drawn:
  // what the view brings is laid out below the title and inside the side, and moves nothing
  // already on screen (the side's panels used to be pushed down as the clock and controls came
  // in). Should the server not answer, the panels that need none come anyway.
  const ready = view !== null || (status !== 'connecting' && status !== 'live');

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
      <main class="console__main" aria-busy={!ready}>
        <Now
          code={code}
          facilitatorKey={facilitatorKey}
          view={view}
          reading={reading}
          live={live}
          console={model}
          projection={projection}
          pulseClass={pulseClass}
          ready={ready}
        />
        <ConsoleSide
          code={code}
          facilitatorKey={facilitatorKey}
          view={view}
          live={live}
          console={model}
          projection={projection}
          cues={cues}
          serverNow={() => session.clock.now()}
          ready={ready}
        />
      </main>
      <RefusalNotice text={refusal} onDismiss={() => model.dismiss()} />
    </div>
  );
}
