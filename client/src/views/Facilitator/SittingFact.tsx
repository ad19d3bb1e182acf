import { useEffect, useState } from 'preact/hooks';
import { useConsoleWords } from '../../i18n/console/words.ts';
import { useText } from '../../i18n/dictionary.ts';
import { formatLocale } from '../../i18n/formatLocale.ts';
import { differenceText, ProjectionModel } from '../../models/projection.ts';
import type { SessionModel } from '../../models/session.ts';
import { formatTimeOfDay } from '../../models/timeOfDay.ts';
import { useValue } from '../../models/useValue.ts';

/** The sitting in the console's facts line: its end and how the pace compares, or not set. */
export function SittingFact({ projection }: { projection: ProjectionModel }) {
  const words = useConsoleWords();
  const at = formatLocale(useText().locale);
  const outlook = useValue(projection.outlook);
  return (
    <div class="sitting-fact">
      <dt>{words.sitting.ends}</dt>
      <dd>
        {outlook?.endsAt != null ? (
          <>
            {formatTimeOfDay(outlook.endsAt, at)}
            {outlook.overMinutes !== null && (
              <span class="sitting-fact__difference">
                {' '}
                · {differenceText(outlook.overMinutes, words.sitting)}
              </span>
            )}
          </>
        ) : (
          <span class="muted">{words.notSet}</span>
        )}
      </dd>
    </div>
  );
}

/** The console's projection of the sitting, made once and stopped when the page goes. */
export function useProjection(session: SessionModel): ProjectionModel {
  const [projection] = useState(() => new ProjectionModel(session.view, session.clock));
  useEffect(() => () => projection.dispose(), [projection]);
  return projection;
}
