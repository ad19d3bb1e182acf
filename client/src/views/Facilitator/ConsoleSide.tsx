import type { SessionView } from '@balint/shared';
import { useConsoleWords } from '../../i18n/console/words.ts';
import { useText } from '../../i18n/dictionary.ts';
import type { ProjectionModel } from '../../models/projection.ts';
import type { Cues } from '../../models/useCues.ts';
import { CuePanel } from './CuePanel.tsx';
import type { ConsoleModel } from './consoleModel.ts';
import { GroupActions } from './GroupActions.tsx';
import { LanguageChoice } from './LanguageChoice.tsx';
import { PlanEditor } from './PlanEditor.tsx';
import { Presence } from './Presence.tsx';
import { PresenterField } from './PresenterField.tsx';
import { ShareLinks } from './ShareLinks.tsx';
import { SittingPanel } from './SittingPanel.tsx';

interface Props {
  code: string;
  facilitatorKey: string;
  view: SessionView | null;
  live: boolean;
  console: ConsoleModel;
  projection: ProjectionModel;
  cues: Cues;
  /** The server's time, as this screen estimates it. */
  serverNow: () => number;
  /** The first view is in, or no server answers: the panels may be drawn. */
  ready: boolean;
}

/**
 * The console's side panels: the sitting, the plan, who follows, cues, links, the group. Empty
 * until `ready`, so that none is pushed down when those that need the view come in above it.
 */
export function ConsoleSide({
  code,
  facilitatorKey,
  view,
  live,
  console: model,
  projection,
  cues,
  serverNow,
  ready,
}: Props) {
  const words = useConsoleWords();
  const { locale } = useText();
  return (
    <aside class="console__side" aria-label={words.side}>
      {ready && (
        <>
          {view && (
            <SittingPanel
              view={view}
              console={model}
              live={live}
              projection={projection}
              serverNow={serverNow}
            />
          )}
          {view?.phase === 'lobby' && <LanguageChoice view={view} console={model} live={live} />}
          {view && <PlanEditor view={view} console={model} live={live} />}
          {view && <PresenterField view={view} console={model} live={live} />}
          {view && <Presence view={view} console={model} live={live} />}
          <CuePanel cues={cues} language={locale} />
          <ShareLinks code={code} facilitatorKey={facilitatorKey} />
          {view && <GroupActions code={code} facilitatorKey={facilitatorKey} view={view} />}
        </>
      )}
    </aside>
  );
}
